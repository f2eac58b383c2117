"""The fault scenarios (issue 11): each arms a fault point, does what a person or the queue
does, kills or breaks what the scenario names, and checks in the database what was kept."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import requests

from benchmarks.load.forms import form_of

from .harness import Checks, Person, Server, Verdict, kill, query, uuid_in, wait_until

EMPLOYEE = "beschaeftigte@demo.example.org"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
UPLOAD = "/lernen/kompetenzen/zertifikat/"
UNAVAILABLE_PAGE = "Vorübergehend nicht erreichbar"
LEASE_SECONDS = int(os.environ.get("ZZ_FAULT_LEASE_SECONDS", "10"))  # as in hooks.py
pool = ThreadPoolExecutor(max_workers=8)


def _in_background(call: Any, *args: Any, **kwargs: Any) -> Future[Any]:
    return pool.submit(call, *args, **kwargs)


def _outcome(future: Future[Any]) -> str:
    try:
        answer = future.result(timeout=150)
    except requests.RequestException as error:
        return f"connection error ({type(error).__name__})"
    return f"HTTP {answer.status_code}"


# --- a) a web worker killed in the middle of a write ------------------------------------------
def _to_review(person: Person) -> tuple[str, dict[str, Any]]:
    """Start the competence check, answer every page; the review page's URL and form."""
    start = person.get(f"{person.host}/checks/kompetenz/")
    page = person.post(f"{person.host}/checks/kompetenz/", data=form_of(start.text))
    for _ in range(40):
        if "/seite/" not in page.url:
            break
        data = form_of(page.text)
        data["step"] = "next"
        page = person.post(page.url, data=data)
    if not page.url.endswith("/pruefen/"):
        raise SystemExit(f"the check did not reach its review page: {page.url}")
    return page.url, form_of(page.text)


def _submitted(response_id: str) -> tuple[bool, bool]:
    row = query(
        "SELECT submitted_at IS NOT NULL, result IS NOT NULL FROM assessments_response "
        "WHERE id = %s",
        response_id,
    )[0]
    return bool(row[0]), bool(row[1])


def _responses_of(email: str) -> int:
    return query(
        "SELECT count(*) FROM assessments_response r JOIN organisations_user u "
        "ON u.id = r.respondent_id WHERE u.email = %s",
        email,
    )[0][0]


def submit_killed(server: Server, point: str, label: str) -> Verdict:
    check = Checks(f"a) self-check submit, web worker killed {label}")
    person = Person(server.host, EMPLOYEE)
    review, form = _to_review(person)
    response_id = uuid_in(review)
    assert response_id is not None
    before = _responses_of(EMPLOYEE)
    server.arm(point)
    sent = _in_background(person.post, review, data=form)
    pid = server.held(point)
    if not check.that(pid is not None, f"the submit reached the fault point ({point})"):
        server.disarm(point)
        return check.verdict
    assert pid is not None
    kill(pid)
    check.note(f"web worker {pid} killed; the person's browser got: {_outcome(sent)}")
    stored, _ = _submitted(response_id)
    if point == "submit":
        check.that(not stored, "nothing half-written: the answers are not submitted")
    else:
        check.that(stored, "the submit committed before the kill is stored")
    retry = person.post(review, data=form)
    check.that(retry.status_code == 200, f"the retry answers {retry.status_code}")
    check.that(retry.url.endswith("/danke/"), "the retry ends on the thank-you page")
    stored, scored = _submitted(response_id)
    check.that(stored and scored, "after the retry the answers are submitted with their result")
    after = _responses_of(EMPLOYEE)
    check.that(after == before, f"no duplicate: {after} responses of the person, as before")
    return check.verdict


def _evidence(note: str) -> int:
    return query("SELECT count(*) FROM learning_evidence WHERE note = %s", note)[0][0]


def _certificate_files(server: Server) -> int:
    folder = server.data_dir / "media" / "learning" / "certificates"
    return len(list(folder.iterdir())) if folder.exists() else 0


def _upload_key(person: Person) -> str:
    """The one-time key of a freshly opened upload form (a retry sends the same one)."""
    page = person.get(f"{person.host}/lernen/kompetenzen/").text
    found = re.search(r'name="key" value="([0-9a-f-]+)"', page)
    return found.group(1) if found else ""


def _upload(person: Person, note: str, key: str) -> requests.Response:
    return person.post(
        f"{person.host}{UPLOAD}",
        data={"competence": "it_security", "level": "3", "note": note, "key": key},
        files={"file": ("zertifikat.pdf", PDF, "application/pdf")},
    )


def upload_killed(server: Server, point: str, label: str) -> Verdict:
    check = Checks(f"a) certificate upload, web worker killed {label}")
    person = Person(server.host, EMPLOYEE)
    note = f"Fehlertest {point} {time.time_ns()}"
    files_before = _certificate_files(server)
    key = _upload_key(person)
    server.arm(point)
    sent = _in_background(_upload, person, note, key)
    pid = server.held(point)
    if not check.that(pid is not None, f"the upload reached the fault point ({point})"):
        server.disarm(point)
        return check.verdict
    assert pid is not None
    kill(pid)
    check.note(f"web worker {pid} killed; the person's browser got: {_outcome(sent)}")
    stored = _evidence(note)
    if point == "upload":
        check.that(stored == 0, "nothing half-written: no evidence row")
    else:
        check.that(stored == 1, "the upload committed before the kill is stored")
    retry = _upload(person, note, key)
    check.that(retry.status_code == 200, f"the retry answers {retry.status_code}")
    stored = _evidence(note)
    check.that(stored == 1, f"stored once after the retry ({stored} rows)")
    orphans = _certificate_files(server) - files_before - stored
    if orphans:
        check.note(f"{orphans} file(s) without a row left by the killed request")
        time.sleep(LEASE_SECONDS + 1)
        server.manage(
            "shell", "-c", "from zukunftszentrum.core import tasks\ntasks.recover_lost_work()"
        )
        orphans = _certificate_files(server) - files_before - stored
    check.that(
        orphans == 0, f"no file without its row (after a worker's start-up sweep: {orphans})"
    )
    return check.verdict


# --- b) a task worker killed in the middle of its task ----------------------------------------
def _reap(server: Server, pid: int) -> None:
    for worker in server.workers:
        if worker.pid == pid:
            worker.wait(timeout=10)


def needs_run_killed(server: Server) -> Verdict:
    check = Checks("b) needs run, task worker killed while computing")
    server.start_worker()
    server.arm("needs-run")
    run_id = int(
        server.manage(
            "shell", "-c",
            "from zukunftszentrum.needs import runs\n"
            "from zukunftszentrum.needs.queries import parse_window\n"
            "import datetime\n"
            "print(runs.request_run(parse_window(str(datetime.date.today().year))).pk)",
        ).strip().splitlines()[-1]
    )  # fmt: skip
    pid = server.held("needs-run")
    if not check.that(pid is not None, "a worker claimed the run"):
        server.disarm("needs-run")
        return check.verdict
    assert pid is not None
    kill(pid)
    _reap(server, pid)
    status = query("SELECT status FROM needs_estimaterun WHERE id = %s", run_id)[0][0]
    check.that(status == "running", f"the dead worker left the run {status!r}")
    time.sleep(LEASE_SECONDS + 1)  # the (shortened) lease
    server.start_worker()
    done = wait_until(
        lambda: query("SELECT status FROM needs_estimaterun WHERE id = %s", run_id)[0][0] == "done",
        180,
    )
    check.that(done, "a new worker picked the run up again and completed it")
    row = query("SELECT is_current FROM needs_estimaterun WHERE id = %s", run_id)[0]
    check.that(bool(row[0]), "it is the current run of its window")
    return check.verdict


def mail_killed(server: Server, point: str, label: str) -> Verdict:
    check = Checks(f"b) email task, task worker killed {label}")
    subject = f"Fehlertest {point} {time.time_ns()}"
    server.start_worker()
    server.arm(point)
    mail_id = int(
        server.manage(
            "shell", "-c",
            "from zukunftszentrum.core.mail import queue_mail\n"
            f"print(queue_mail(kind='fault', to='test@example.org', subject={subject!r}, "
            "body='Hallo'))",
        ).strip().splitlines()[-1]
    )  # fmt: skip
    pid = server.held(point)
    if not check.that(pid is not None, f"a worker took the mail ({point})"):
        server.disarm(point)
        return check.verdict
    assert pid is not None
    kill(pid)
    _reap(server, pid)
    sent = sum(line.startswith(subject) for line in server.sent_mail())
    check.note(f"sent before the kill: {sent}")
    time.sleep(LEASE_SECONDS + 1)
    server.start_worker()
    gone = wait_until(
        lambda: not query("SELECT 1 FROM core_outgoingmail WHERE id = %s", mail_id), 120
    )
    check.that(gone, "a new worker sent the waiting mail (it left the queue)")
    sent = sum(line.startswith(subject) for line in server.sent_mail())
    if point == "mail-before":
        check.that(sent == 1, f"sent exactly once ({sent})")
    else:
        check.that(sent >= 1, f"not lost ({sent} sent)")
        if sent > 1:
            check.note(
                "killed after the mail server took it: sent again (at least once; SMTP cannot "
                "say whether a message it took was already delivered)"
            )
    return check.verdict


# --- c) PostgreSQL restarted under load -------------------------------------------------------
def _pg_ctl(*args: str) -> None:
    command = [f"{os.environ['WITH_POSTGRES_BIN']}/pg_ctl", "-D", os.environ["WITH_POSTGRES_DATA"]]
    runas = os.environ.get("WITH_POSTGRES_AS", "")
    prefix = ["runuser", "-u", runas, "--"] if runas else []
    subprocess.run([*prefix, *command, *args], check=True, capture_output=True)  # noqa: S603


def database_restart(server: Server, seconds_down: float = 8) -> Verdict:
    check = Checks("c) PostgreSQL stopped and started again under load")
    people = [Person(server.host, EMPLOYEE) for _ in range(3)]
    pages = ["/uebersicht/", "/checks/", "/lernen/kompetenzen/"]
    seen: list[tuple[float, float, str, int, str]] = []  # began, ended, path, status, page
    stop = threading.Event()

    def visit(person: Person, index: int) -> None:
        while not stop.is_set():
            path = pages[index % len(pages)]
            index += 1
            began = time.monotonic()
            try:
                answer = person.get(f"{server.host}{path}", timeout=30, allow_redirects=False)
                status, text = answer.status_code, answer.text
            except requests.RequestException as error:
                status, text = 0, type(error).__name__
            seen.append((began, time.monotonic(), path, status, text))
            time.sleep(0.05)

    if not any(w.poll() is None for w in server.workers):
        server.start_worker()
    web_before = server.web_worker_pids()
    workers_before = [w for w in server.workers if w.poll() is None]
    threads = [threading.Thread(target=visit, args=(p, i)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    down = time.monotonic()
    _pg_ctl("-m", "fast", "-w", "stop")
    time.sleep(seconds_down)
    up = time.monotonic()
    _pg_ctl(
        "-l",
        os.environ["WITH_POSTGRES_LOG"],
        "-o",
        os.environ["WITH_POSTGRES_OPTIONS"],
        "-w",
        "start",
    )
    started = time.monotonic()
    time.sleep(8)
    stop.set()
    for thread in threads:
        thread.join()
    # A request counts for a phase when it ran entirely within it.
    before = [s for s in seen if s[1] < down]
    outage = [s for s in seen if down + 0.5 < s[0] and s[1] < up]
    after = [s for s in seen if s[0] > started]
    check.that(all(s[3] == 200 for s in before), f"before: {len(before)} pages, all 200")
    statuses = Counter(s[3] for s in outage)
    check.note(f"during the outage: {dict(statuses)}")
    check.that(bool(outage) and set(statuses) <= {503}, "during the outage every page is 503")
    check.that(
        all(UNAVAILABLE_PAGE in s[4] and "Traceback" not in s[4] for s in outage if s[3] == 503),
        "... with the project's error page, no traceback",
    )
    first_ok = min((s[0] for s in after if s[3] == 200), default=None)
    recovered = first_ok is not None and all(s[3] == 200 for s in after if s[0] > first_ok)
    delay = f"{first_ok - started:.1f} s" if first_ok is not None else "never"
    check.that(recovered, f"after the start: all 200 again (first after {delay})")
    failures = Counter(s[3] for s in after if s[3] != 200)
    check.that(not failures, f"no failed page after the database was back ({dict(failures)})")
    check.that(server.web_worker_pids() == web_before, "without restarting the web workers")
    alive = [w for w in workers_before if w.poll() is None]
    check.that(
        len(alive) == len(workers_before) > 0,
        f"the task workers waited for the database: {len(alive)} of {len(workers_before)} alive",
    )
    subject = f"Nach dem Ausfall {time.time_ns()}"
    server.manage(
        "shell", "-c",
        "from zukunftszentrum.core.mail import queue_mail\n"
        f"queue_mail(kind='fault', to='test@example.org', subject={subject!r}, body='Hallo')",
    )  # fmt: skip
    sent = wait_until(lambda: any(m.startswith(subject) for m in server.sent_mail()), 90)
    check.that(sent, "... and work off a task queued after the outage")
    return check.verdict


# --- d) a full disk on upload -----------------------------------------------------------------
def full_disk(server: Server) -> Verdict:
    check = Checks("d) certificate upload on a full disk")
    person = Person(server.host, EMPLOYEE)
    note = f"Voll {time.time_ns()}"
    files_before = _certificate_files(server)
    key = _upload_key(person)
    server.arm("disk-full")
    try:
        answer = _upload(person, note, key)
    finally:
        server.disarm("disk-full")
    check.that(answer.status_code == 507, f"answer {answer.status_code} (507 Insufficient Storage)")
    check.that("Speicherplatz der Plattform ist erschöpft" in answer.text, "a clear message")
    check.that(f'value="{note}"' in answer.text, "the form kept what the person typed")
    check.that(_evidence(note) == 0, "no evidence row")
    check.that(_certificate_files(server) == files_before, "no half-written file")
    retry = _upload(person, note, key)
    check.that(retry.status_code == 200 and _evidence(note) == 1, "with room again, it is stored")
    return check.verdict
