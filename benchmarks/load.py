"""Load test: the demo on gunicorn and PostgreSQL over loopback, visited by simulated people.

    scripts/with-postgres.sh uv run --group bench python benchmarks/load.py [--users 50] [--minutes 5]

1. Sets up a fresh database (migrate, the full demo), collects static files, and starts
   `--web` gunicorn workers and `--workers` task workers (the production settings on plain HTTP).
2. Steady load: `--users` people with 1-3 s of thinking walk the journeys of their roles
   (benchmarks/load/locustfile.py) for `--minutes`.
3. Saturation: the same journeys without thinking, with more and more people, each step
   `--step-seconds` long; the best throughput is the saturation point.
4. Baseline, in the same run: a bare Django view on the same server, ramped the same way.
Prints requests per second, p50/p95/p99 per page (downloads apart), errors, and the ratios to the
baseline; checks the aims (0 errors, p95 of pages under 100 ms, saturation at least half of the
bare view's). Figures only, no assertion: run it, read it, write it down.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = ROOT / "benchmarks" / "load" / "locustfile.py"
PAGE_P95_AIM_MS = 100


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.load.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ZZ_DATA_DIR=data_dir,
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="ERROR",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)  # noqa: S603


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


class CpuMeter:
    """CPU seconds (user + system) spent by each part of the set-up during a phase: the web
    workers, the task workers, PostgreSQL and the load client. The load client runs on the same
    machine and takes its share of the cores; the server's CPU per request does not depend on
    it, so that figure compares pages with the bare view fairly."""

    def __init__(self, web: int, workers: list[int]) -> None:
        self.web, self.workers = web, workers

    @staticmethod
    def _tree(root: psutil.Process) -> float:
        """CPU of a process and all its descendants, the ended ones included (a process keeps
        the times of the children it has reaped)."""
        seconds = 0.0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return seconds
        for proc in procs:
            try:
                t = proc.cpu_times()
                seconds += t.user + t.system + t.children_user + t.children_system
            except psutil.NoSuchProcess:
                pass
        return seconds

    def _pid_tree(self, pid: int) -> float:
        try:
            return self._tree(psutil.Process(pid))
        except psutil.NoSuchProcess:
            return 0.0

    def _postgres(self) -> float:
        """The postmaster's tree: its connection processes come and go."""
        for proc in psutil.process_iter(["name", "ppid"]):
            name = proc.info["name"] or ""
            if name.startswith("postgres"):
                try:
                    parent = psutil.Process(proc.info["ppid"]).name()
                except psutil.NoSuchProcess:
                    continue
                if not parent.startswith("postgres"):
                    return self._tree(proc)
        return 0.0

    def snapshot(self) -> dict[str, float]:
        client = resource.getrusage(resource.RUSAGE_CHILDREN)  # finished locust runs
        return {
            "web": self._pid_tree(self.web),
            "task workers": sum(self._pid_tree(pid) for pid in self.workers),
            "PostgreSQL": self._postgres(),
            "load client": client.ru_utime + client.ru_stime,
        }

    @staticmethod
    def report(before: dict[str, float], after: dict[str, float], requests: int) -> float:
        """Print the phase's CPU by part; return the server's (web + PostgreSQL) ms per request."""
        used = {part: after[part] - before[part] for part in after}
        whole = sum(used.values()) or 1.0
        parts = ", ".join(f"{part} {sec:.0f} s ({sec / whole:.0%})" for part, sec in used.items())
        server_ms = 1000 * (used["web"] + used["PostgreSQL"]) / max(requests, 1)
        print(f"  CPU: {parts}")
        print(f"  server CPU (web + PostgreSQL) per request: {server_ms:.1f} ms")
        return server_ms


def locust(
    host: str,
    env: dict[str, str],
    *,
    users: int,
    seconds: int,
    think: bool,
    prefix: Path,
    user_class: str | None = None,
) -> list[dict[str, str]]:
    """One headless locust run; returns the rows of its stats CSV."""
    run_env = {**env, "ZZ_THINK": "1" if think else "0", "ZZ_BASELINE": "1" if user_class else "0"}
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "-u", str(users), "-r", str(max(1, min(users, 5))), "-t", f"{seconds}s",
        "--host", host, "--csv", str(prefix), "--only-summary", "--stop-timeout", "5",
        "--loglevel", "ERROR",
    ]  # fmt: skip
    if user_class:
        command.append(user_class)
    subprocess.run(command, env=run_env, cwd=ROOT, check=False)  # noqa: S603 - our own command
    with open(f"{prefix}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def _number(field: str) -> float:
    """A figure of locust's CSV; "N/A" (no request in that second) counts as 0."""
    try:
        return float(field)
    except ValueError:
        return 0.0


def total(rows: list[dict[str, str]]) -> dict[str, str]:
    return next(r for r in rows if r["Name"] == "Aggregated")


def report_steady(rows: list[dict[str, str]]) -> tuple[float, int, int]:
    print(f"\n{'page':38} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    worst_page_p95, errors = 0, 0
    for row in sorted(rows, key=lambda r: r["Name"]):
        if row["Name"] == "Aggregated":
            continue
        p95 = int(float(row["95%"] or 0))
        errors += int(row["Failure Count"])
        # Downloads and the sign-in (one per person, at the start, queued behind password
        # hashing: about 1 s of CPU each) are reported but not held to the page aim.
        if not row["Name"].startswith(("download", "sign")):
            worst_page_p95 = max(worst_page_p95, p95)
        print(
            f"{row['Name'][:38]:38} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    agg = total(rows)
    rps = float(agg["Requests/s"])
    print(
        f"{'all':38} {agg['Request Count']:>8} {agg['Failure Count']:>6} {agg['50%']:>6} {agg['95%']:>6} {agg['99%']:>6}"
    )
    print(f"throughput: {rps:.1f} requests/s")
    return rps, worst_page_p95, errors


def ramp(
    host: str,
    env: dict[str, str],
    steps: list[int],
    seconds: int,
    tmp: Path,
    user_class: str | None,
    label: str,
) -> tuple[float, int]:
    """One locust run that adds people step by step (they stay signed in); per step the median
    throughput of its second half (after the new people have signed in). Returns the best, and
    the number of requests of the whole run."""
    run_env = {
        **env,
        "ZZ_THINK": "0",
        "ZZ_BASELINE": "1" if user_class else "0",
        "ZZ_STEPS": ",".join(map(str, steps)),
        "ZZ_STEP_SECONDS": str(seconds),
    }
    prefix = tmp / label.replace(" ", "-")
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", host,
        "--csv", str(prefix), "--csv-full-history", "--only-summary", "--loglevel", "ERROR",
    ]  # fmt: skip
    if user_class:
        command.append(user_class)
    subprocess.run(command, env=run_env, cwd=ROOT, check=False)  # noqa: S603 - our own command
    with open(f"{prefix}_stats_history.csv", newline="") as f:
        history = [r for r in csv.DictReader(f) if r["Name"] == "Aggregated"]
    start = int(history[0]["Timestamp"]) if history else 0
    best = 0.0
    for index, users in enumerate(steps):
        lo, hi = start + index * seconds + seconds // 2, start + (index + 1) * seconds
        window = [r for r in history if lo <= int(r["Timestamp"]) < hi]
        rates = sorted(_number(r["Requests/s"]) for r in window)
        p95 = sorted(_number(r["95%"]) for r in window)
        if not rates:
            continue
        rate, latency = rates[len(rates) // 2], p95[len(p95) // 2]
        best = max(best, rate)
        print(f"  {label:10} {users:4} people: {rate:8.1f} requests/s, p95 {latency:.0f} ms")
    requests = int(history[-1]["Total Request Count"]) if history else 0
    return best, requests


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--web", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--workers", type=int, default=2, help="task workers")
    parser.add_argument("--steps", default="5,10,20,40", help="people per saturation step")
    parser.add_argument("--step-seconds", type=int, default=30)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print(
            "Run it on PostgreSQL: scripts/with-postgres.sh uv run --group bench python benchmarks/load.py"
        )
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="zz-load-"))
    env = environment(str(tmp / "data"))
    print("==> database and demo (this takes a few minutes)", flush=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "seed_demo", "--force")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    processes = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(args.web), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            env=env, cwd=ROOT, start_new_session=True,
        )
    ]  # fmt: skip
    for _ in range(args.workers):
        processes.append(
            subprocess.Popen(  # noqa: S603 - our own command
                [sys.executable, str(ROOT / "manage.py"), "worker"],
                env=env,
                cwd=ROOT,
                start_new_session=True,
            )
        )
    try:
        wait_for(f"{host}/bench/bare/")
        seconds = int(args.minutes * 60)
        print(
            f"\n==> steady: {args.users} people, 1-3 s thinking, {seconds} s; {args.web} web and {args.workers} task workers",
            flush=True,
        )
        meter = CpuMeter(processes[0].pid, [p.pid for p in processes[1:]])
        before = meter.snapshot()
        rows = locust(
            host, env, users=args.users, seconds=seconds, think=True, prefix=tmp / "steady"
        )
        _, worst_p95, errors = report_steady(rows)
        meter.report(before, meter.snapshot(), int(total(rows)["Request Count"]))
        steps = [int(s) for s in args.steps.split(",")]
        print("\n==> saturation: no thinking, more and more people", flush=True)
        before = meter.snapshot()
        product, requests = ramp(host, env, steps, args.step_seconds, tmp, None, "journeys")
        product_cpu = meter.report(before, meter.snapshot(), requests)
        print("\n==> baseline: the bare Django view on the same server", flush=True)
        before = meter.snapshot()
        bare, requests = ramp(host, env, steps, args.step_seconds, tmp, "Bare", "bare view")
        bare_cpu = meter.report(before, meter.snapshot(), requests)
        ratio = product / bare if bare else 0.0
        print("\n==> summary")
        print(f"errors in the steady run: {errors} (aim 0)")
        print(
            f"worst p95 of a page in the steady run: {worst_p95} ms (aim under {PAGE_P95_AIM_MS} ms; downloads apart)"
        )
        print(
            f"saturation: {product:.1f} requests/s; bare view {bare:.1f} requests/s; ratio {ratio:.2f} (aim at least 0.5)"
        )
        print(
            f"server CPU per request: journeys {product_cpu:.1f} ms, bare view {bare_cpu:.1f} ms "
            f"(ratio {bare_cpu / product_cpu if product_cpu else 0:.2f}); the load client shares "
            "the cores, see the CPU lines above"
        )
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
