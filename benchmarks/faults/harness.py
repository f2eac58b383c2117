"""The fault scripts' machinery: the server (gunicorn, task workers) on the throwaway
PostgreSQL, fault points armed by files (hooks.py), a signed-in client, and the database read
directly (so it can be read while the web and worker processes are being killed)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo-zukunft-2026"  # noqa: S105 - the demo's published password
GUNICORN_TIMEOUT = 150  # longer than hooks.HOLD_SECONDS: the script kills, not gunicorn


@dataclass
class Verdict:
    scenario: str
    passed: bool
    checked: list[str] = field(default_factory=list)

    def print(self) -> None:
        print(f"\n[{'PASS' if self.passed else 'FAIL'}] {self.scenario}", flush=True)
        for line in self.checked:
            print(f"    - {line}", flush=True)


class Checks:
    """Collects what a scenario checked; the verdict passes when every check held."""

    def __init__(self, scenario: str) -> None:
        self.verdict = Verdict(scenario, True)

    def that(self, holds: bool, what: str) -> bool:
        self.verdict.checked.append(f"{'ok  ' if holds else 'FAIL'} {what}")
        self.verdict.passed &= holds
        return holds

    def note(self, what: str) -> None:
        self.verdict.checked.append(f"note {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, env: dict[str, str], data_dir: Path) -> None:
        self.env = env
        self.data_dir = data_dir
        self.port = free_port()
        self.host = f"http://127.0.0.1:{self.port}"
        self.web: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []

    # --- processes ---
    def manage(self, *args: str) -> str:
        done = subprocess.run(  # noqa: S603 - our own command
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env, cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout

    def start_web(self, workers: int = 2) -> None:
        self.web = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(workers),
             "-b", f"127.0.0.1:{self.port}", "--timeout", str(GUNICORN_TIMEOUT),
             "--log-level", "warning"],
            env=self.env, cwd=ROOT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 240  # a busy machine loads Django slowly
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.host}/bench/bare/", timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("the web server did not start")

    def start_worker(self) -> subprocess.Popen[bytes]:
        log = open(self.data_dir / f"worker-{len(self.workers) + 1}.log", "wb")  # noqa: SIM115
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), "worker", "--interval", "0.5"],
            env=self.env, cwd=ROOT, start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.workers.append(worker)
        return worker

    def web_worker_pids(self) -> set[int]:
        assert self.web is not None
        return children_of(self.web.pid)

    def stop(self) -> None:
        for process in [*self.workers, *([self.web] if self.web else [])]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.workers, *([self.web] if self.web else [])]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    # --- fault points (hooks.py) ---
    @property
    def faults(self) -> Path:
        path = self.data_dir / "faults"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def arm(self, point: str) -> None:
        (self.faults / f"{point}.held").unlink(missing_ok=True)
        (self.faults / point).write_text("armed")

    def disarm(self, point: str) -> None:
        (self.faults / point).unlink(missing_ok=True)

    def held(self, point: str, seconds: float = 60) -> int | None:
        """The id of the process waiting at `point`, once one arrives there."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                return int((self.faults / f"{point}.held").read_text())
            except (FileNotFoundError, ValueError):
                time.sleep(0.1)
        return None

    def sent_mail(self) -> list[str]:
        log = self.faults / "sent-mail.log"
        return log.read_text().splitlines() if log.exists() else []


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)


def query(sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read the database directly, with a fresh connection (the server may have restarted)."""
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]


def wait_until(condition: Callable[[], bool], seconds: float, step: float = 0.5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


class Person(requests.Session):
    """A demo person signed in on the server; posts carry the CSRF token as a header."""

    def __init__(self, host: str, email: str) -> None:
        super().__init__()
        self.host = host
        self.get(f"{host}/konto/login/")
        answer = self.post(f"{host}/konto/login/", data={"login": email, "password": PASSWORD})
        if "/konto/login/" in answer.url:
            raise SystemExit(f"{email} could not sign in")

    def post(self, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        headers = {"X-CSRFToken": self.cookies.get("csrftoken", ""), **kwargs.pop("headers", {})}
        headers["Referer"] = self.host + "/"
        kwargs.setdefault("timeout", 120)
        return super().post(url, *args, headers=headers, **kwargs)


def uuid_in(url: str) -> str | None:
    found = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", url)
    return found.group(0) if found else None
