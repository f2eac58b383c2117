"""What each page of the load test costs the server, measured in one process.

    uv run --locked python benchmarks/pages.py [--repeat 15] [--only "needs dashboard,overview"]
    uv run --locked python benchmarks/pages.py --profile "needs dashboard"
    scripts/with-postgres.sh uv run --locked python benchmarks/pages.py   # on PostgreSQL

Sets up the demo once (migrate, seed_demo, collectstatic; on SQLite the database is kept in
`--data-dir` and reused by later runs, `--fresh` builds it again), runs Django with the load
test's server settings (benchmarks/load/settings.py: the production settings, cached template
loader, DEBUG off) and signs in the load test's roles with Django's test client. Each GET page of
the journeys in benchmarks/load/locustfile.py is then requested through the full middleware and
handler: once to warm up and count its database queries, then `--repeat` times, timed with
time.process_time (CPU time of this process: robust when other programs share the cores, unlike
wall-clock time). A bare Django view (benchmarks/load/urls.py) is measured between each page's
repeats, and each page is printed as a multiple of it: the machine's speed drifts while other
programs share it, and the multiple compares runs made at different times (`--compare`).
The needs runs the dashboard's trend asks for are computed before measuring, as a worker would.

On SQLite the database's work runs inside this process and is counted; on PostgreSQL it runs in
the server and only the queries are counted here. Downloads are built by task workers, and the
sign-in and the check's POST steps change data, so they are left out.

`--profile PAGE` prints the cProfile top 25 (cumulative time) over the repeats of one page
(`--profile all`: over every page; `--top` for more lines).
`--sql` prints each page's queries. `--save FILE` writes the figures as JSON; `--compare FILE`
prints them beside an earlier run's (e.g. of the code before a change, on the same database).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run as a script: the project's packages, and the load test's people.
sys.path.insert(0, str(ROOT))
from benchmarks.load.people import PEOPLE  # noqa: E402

DEFAULT_DATA_DIR = Path(tempfile.gettempdir()) / "zz-bench-pages"

COMPANY = ("lead", "employee", "works_council", "solo")
CENTRE = ("centre_admin", "advisor", "programme")
AI_READERS = ("lead", "works_council", "solo")


@dataclass(frozen=True)
class Page:
    """One page of the journeys: a fixed path, or the first link matching `follow` on the page
    named `source` (as the load client follows links), plus `suffix`."""

    name: str
    roles: tuple[str, ...]
    path: str = ""
    source: str = ""
    follow: str = ""
    suffix: str = ""


def pages(year: int) -> list[Page]:
    everyone = tuple(PEOPLE)
    return [
        Page("home", everyone, "/"),
        Page("network", everyone, "/netzwerk/"),
        Page("overview", everyone, "/uebersicht/"),
        Page("checks", everyone, "/checks/"),
        Page("catalogue", everyone, "/lernen/katalog/"),
        Page(
            "catalogue module", everyone, source="catalogue", follow=r"/lernen/katalog/module/\d+/"
        ),
        Page(
            "catalogue offer",
            everyone,
            source="catalogue module",
            follow=r"/lernen/katalog/termine/\d+/",
        ),
        Page("credentials verify", everyone, "/nachweise/pruefen/"),
        Page("credentials issuer", everyone, "/nachweise/aussteller/"),
        Page("credentials status list", everyone, "/nachweise/statusliste/revocation/"),
        Page(
            "company result",
            COMPANY,
            source="checks",
            follow=r"/checks/unternehmen/\d+/ergebnis/",
        ),
        Page("check start", COMPANY, "/checks/kompetenz/"),
        Page("my learning path", COMPANY, "/lernen/"),
        Page("my competences", COMPANY, "/lernen/kompetenzen/"),
        Page("my registrations", COMPANY, "/lernen/anmeldungen/"),
        Page("self-learning units", COMPANY, "/lernen/einheiten/"),
        Page(
            "self-learning unit",
            COMPANY,
            source="self-learning units",
            follow=r"/lernen/einheiten/(?!statistik/|link/|versuch/)[a-z0-9-]+/",
        ),
        Page(
            "self-learning section",
            COMPANY,
            source="self-learning units",
            follow=r"/lernen/einheiten/(?!statistik/|link/|versuch/)[a-z0-9-]+/",
            suffix="abschnitt/1/",
        ),
        Page("my credentials", COMPANY, "/nachweise/"),
        Page(
            "credential verified",
            COMPANY,
            source="my credentials",
            follow=r"/nachweise/pruefen/[0-9a-f-]{36}/",
        ),
        Page("participation projects", COMPANY, "/mitgestalten/"),
        Page(
            "participation workspace",
            COMPANY,
            source="participation projects",
            follow=r"/mitgestalten/\d+/",
        ),
        Page(
            "participation items",
            COMPANY,
            source="participation projects",
            follow=r"/mitgestalten/\d+/",
            suffix="beitraege/",
        ),
        Page("AI systems", AI_READERS, "/ki-systeme/"),
        Page("AI system", AI_READERS, source="AI systems", follow=r"/ki-systeme/\d+/"),
        Page("AI Act duties", AI_READERS, "/ki-systeme/aufgaben/"),
        Page("AI Act knowledge", AI_READERS, "/ki-systeme/wissen/"),
        Page("team learning", ("lead",), "/lernen/team/"),
        Page("job profiles", ("lead",), "/lernen/berufsprofile/"),
        Page("needs dashboard", CENTRE, "/bedarfe/"),
        Page("needs dashboard (year)", CENTRE, f"/bedarfe/?zeitraum={year}"),
        Page("needs dashboard (raw)", CENTRE, f"/bedarfe/?zeitraum={year}&gewichtung=roh"),
        Page("needs dashboard (SH)", CENTRE, f"/bedarfe/?zeitraum={year}&land=SH"),
        Page("needs dashboard (HH, C)", CENTRE, f"/bedarfe/?zeitraum={year}&land=HH&wz=C"),
        Page("centre workspace", ("centre_admin",), "/zentrum/"),
        Page("centre offers", ("centre_admin",), "/lernen/angebote/"),
        Page("centre courses", ("centre_admin",), "/lernen/kurse/"),
        Page(
            "centre course",
            ("centre_admin",),
            source="centre courses",
            follow=r"/lernen/kurse/\d+/",
        ),
        Page("learning demand", ("advisor", "programme"), "/lernen/nachfrage/"),
    ]


def environment(data_dir: Path) -> dict[str, str]:
    """The load test's server settings, on a database of our own."""
    env = {
        "DJANGO_SETTINGS_MODULE": "benchmarks.load.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver",
        "ZZ_DATA_DIR": str(data_dir),
        "LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    return dict(os.environ)


def set_up(data_dir: Path, *, fresh: bool) -> None:
    """Migrate and seed the demo (a few minutes) unless a seeded SQLite database is there."""
    marker = data_dir / "seeded"
    postgres = bool(os.environ.get("DATABASE_URL"))
    if marker.exists() and not fresh and not postgres:
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    marker.unlink(missing_ok=True)
    if not postgres:
        for name in ("zukunftszentrum.sqlite3", "zukunftszentrum.sqlite3-wal"):
            (data_dir / name).unlink(missing_ok=True)
    env = environment(data_dir)
    print("==> database and demo (a few minutes, once)", flush=True)
    for args in (
        ("migrate", "--no-input", "-v", "0"),
        ("seed_demo", "--force"),
        ("collectstatic", "--no-input", "-v", "0"),
    ):
        subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    marker.touch()


@dataclass
class Figure:
    name: str
    role: str
    path: str
    status: int
    queries: int
    cpu_ms: float  # median over the repeats
    bare_ms: float  # the bare view's median, measured between the page's repeats
    ratio: float  # cpu_ms / bare_ms: comparable between runs on a busy machine


BARE_PER_REPEAT = 5


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0
        self.sql: list[str] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        self.sql.append(sql)
        return execute(sql, params, many, context)


def timed(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def cpu_ms(
    page: Callable[[], object], bare: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of the page's and the bare view's CPU ms, interleaved: the machine's speed drifts
    when other programs share it, and both see the same drift."""
    pages_, bares = [], []
    for _ in range(repeat):
        pages_.append(timed(page))
        bares += [timed(bare) for _ in range(BARE_PER_REPEAT)]
    return statistics.median(pages_), statistics.median(bares)


def resolve(page: Page, seen: dict[str, str]) -> str | None:
    if page.path:
        return page.path
    found = re.search(page.follow, seen.get(page.source, ""))
    return found.group(0) + page.suffix if found else None


def measure(args: argparse.Namespace) -> tuple[float, list[Figure]]:
    import datetime

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from zukunftszentrum.organisations.models import User

    only = {n.strip() for n in args.only.split(",")} if args.only else None
    roles = [r.strip() for r in args.roles.split(",")] if args.roles else list(PEOPLE)

    anonymous = Client()

    def bare() -> None:
        anonymous.get("/bench/bare/")

    bare()
    bare_ms = statistics.median(timed(bare) for _ in range(100))

    _compute_trend(Client, User)
    figures: list[Figure] = []
    profiler = cProfile.Profile() if args.profile else None
    for role in roles:
        client = Client()
        client.force_login(User.objects.get(email=PEOPLE[role]))
        seen: dict[str, str] = {}
        for page in pages(datetime.date.today().year):
            if role not in page.roles:
                continue
            path = resolve(page, seen)
            if path is None:
                continue
            # Warm up (template compilation, first-use caches) and keep the page for links.
            response = client.get(path)
            seen[page.name] = response.content.decode()
            if only is not None and page.name not in only:
                continue
            if args.profile not in ("", "all", page.name):
                continue
            # Counted by a wrapper: the query log is emptied when a request starts.
            queries = QueryCounter()
            with connection.execute_wrapper(queries):
                response = client.get(path)

            if args.sql:
                print(f"--- {page.name} ({role}): {queries.count} queries")
                for sql in queries.sql:
                    print("   ", sql[:160])

            def get(client: Client = client, path: str = path) -> None:
                client.get(path)

            if profiler is not None:
                profiler.enable()
                cost, near = statistics.median(timed(get) for _ in range(args.repeat)), bare_ms
                profiler.disable()
            else:
                cost, near = cpu_ms(get, bare, args.repeat)
            figures.append(
                Figure(
                    page.name,
                    role,
                    path,
                    response.status_code,
                    queries.count,
                    cost,
                    near,
                    cost / near,
                )
            )
    if profiler is not None:
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return bare_ms, figures


def _compute_trend(client_class: Any, user_model: Any) -> None:
    """The dashboard queues runs for its trend's quarters; in production a task worker computes
    them at once, here they are computed before measuring (once: the database keeps them)."""
    from zukunftszentrum.needs import runs

    client = client_class()
    client.force_login(user_model.objects.get(email=PEOPLE["programme"]))
    client.get("/bedarfe/")
    if runs.drain():
        print("==> computed the needs runs the dashboard's trend asked for", flush=True)


def report(bare: float, figures: list[Figure], before: dict[str, dict] | None) -> None:
    print(f"bare view: {bare:.2f} ms CPU (at the start; each page is compared with the bare")
    print("view measured between its own repeats: x bare)")
    head = f"{'page':26} {'role':13} {'status':>6} {'queries':>7} {'CPU ms':>7} {'x bare':>6}"
    if before:
        head += f" | {'queries':>7} {'CPU ms':>7} {'x bare':>6} {'change':>7}"
        print(f"{'':62}| {'before':^30}")
    print(head)
    for f in figures:
        line = (
            f"{f.name[:26]:26} {f.role:13} {f.status:>6} {f.queries:>7} "
            f"{f.cpu_ms:>7.1f} {f.ratio:>6.0f}"
        )
        old = (before or {}).get(f"{f.name}|{f.role}")
        if old:
            line += (
                f" | {old['queries']:>7} {old['cpu_ms']:>7.1f} {old['ratio']:>6.0f}"
                f" {(f.ratio / old['ratio'] - 1) * 100:>+6.0f}%"
            )
        print(line)
    if not figures:
        return
    ratios = [f.ratio for f in figures]
    print(
        f"pages: {len(figures)}; x bare: median {statistics.median(ratios):.0f}, "
        f"mean {statistics.mean(ratios):.0f}, max {max(ratios):.0f}; queries: "
        f"mean {statistics.mean(f.queries for f in figures):.1f}"
    )
    olds = [before[k] for k in (f"{f.name}|{f.role}" for f in figures) if before and k in before]
    if olds:
        r = [o["ratio"] for o in olds]
        print(
            f"before: x bare: median {statistics.median(r):.0f}, mean {statistics.mean(r):.0f}, "
            f"max {max(r):.0f}; queries: mean {statistics.mean(o['queries'] for o in olds):.1f}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--fresh", action="store_true", help="seed the demo again")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", default="", help="page names, comma-separated")
    parser.add_argument("--roles", default="", help="roles, comma-separated")
    parser.add_argument("--profile", default="", metavar="PAGE")
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="cProfile order (cumulative, tottime)")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)

    set_up(args.data_dir, fresh=args.fresh)
    environment(args.data_dir)
    bare, figures = measure(args)
    before = None
    if args.compare:
        before = json.loads(args.compare.read_text())["pages"]
    report(bare, figures, before)
    if args.save:
        data = {
            "bare_ms": bare,
            "pages": {f"{f.name}|{f.role}": vars(f) for f in figures},
        }
        args.save.write_text(json.dumps(data, indent=1))


if __name__ == "__main__":
    main()
