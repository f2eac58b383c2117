"""Fault scripts: what survives a killed web worker, a killed task worker, a restarted
PostgreSQL and a full disk. Each scenario prints PASS or FAIL and what it checked.

    scripts/with-postgres.sh uv run --group bench python benchmarks/faults.py [--only a,b,c,d]

Sets up a fresh database with the demo (as benchmarks/load.py), starts gunicorn with two
workers on the production settings plus the fault points of benchmarks/faults/hooks.py, and runs
a) a self-check submit and a certificate upload whose web worker is killed (SIGKILL) inside the
   write's transaction, and again after the commit before the answer left; then the retry;
b) a needs run and an email whose task worker is killed in the middle; then a new worker;
c) PostgreSQL stopped for some seconds and started again while people browse;
d) a certificate upload on a full disk.
The lease after which lost work is picked up is shortened to ZZ_FAULT_LEASE_SECONDS (10).
Exits 1 when a scenario failed. No test runs it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.faults import scenarios  # noqa: E402
from benchmarks.faults.harness import Server, Verdict  # noqa: E402


def environment(data_dir: Path) -> dict[str, str]:
    import secrets

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.faults.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ZZ_DATA_DIR=str(data_dir),
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="CRITICAL",
    )
    os.environ["ZZ_DATA_DIR"] = str(data_dir)
    return env


def run(server: Server, only: set[str]) -> list[Verdict]:
    verdicts = []
    if "a" in only:
        for point, label in (("submit", "inside the transaction"), ("respond", "after the commit")):
            verdicts.append(scenarios.submit_killed(server, point, label))
            verdicts[-1].print()
        for point, label in (("upload", "inside the transaction"), ("respond", "after the commit")):
            verdicts.append(scenarios.upload_killed(server, point, label))
            verdicts[-1].print()
    if "b" in only:
        verdicts.append(scenarios.needs_run_killed(server))
        verdicts[-1].print()
        for point, label in (("mail-before", "before sending"), ("mail-after", "after sending")):
            verdicts.append(scenarios.mail_killed(server, point, label))
            verdicts[-1].print()
    if "c" in only:
        verdicts.append(scenarios.database_restart(server))
        verdicts[-1].print()
    if "d" in only:
        verdicts.append(scenarios.full_disk(server))
        verdicts[-1].print()
    return verdicts


def prepare(server: Server, seeded: Path | None) -> None:
    """A migrated database with the demo: seeded now, or restored from `seeded` (pg_dump)."""
    url = os.environ["DATABASE_URL"]
    if seeded is not None and (seeded / "db.dump").exists():
        print(f"==> database and demo from {seeded}", flush=True)
        restore = ["pg_restore", "--no-owner", "-d", url, str(seeded / "db.dump")]
        subprocess.run(restore, check=True)  # noqa: S603
        shutil.copytree(seeded / "data", server.data_dir, dirs_exist_ok=True)
    else:
        print("==> database and demo (this takes a few minutes)", flush=True)
        server.manage("migrate", "--no-input", "-v", "0")
        server.manage("seed_demo", "--force")
        if seeded is not None:
            seeded.mkdir(parents=True, exist_ok=True)
            dump = ["pg_dump", "-Fc", "-f", str(seeded / "db.dump"), url]
            subprocess.run(dump, check=True)  # noqa: S603
            shutil.copytree(server.data_dir, seeded / "data", dirs_exist_ok=True)
    server.manage("collectstatic", "--no-input", "-v", "0")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="a,b,c,d", help="scenarios to run, e.g. a,d")
    parser.add_argument(
        "--seeded",
        type=Path,
        help="a folder for the seeded database and data: made on the first run, reused after",
    )
    args = parser.parse_args()
    if not os.environ.get("WITH_POSTGRES_DATA"):
        print(
            "Run it on the throwaway PostgreSQL: scripts/with-postgres.sh uv run --group bench python benchmarks/faults.py"
        )
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="zz-faults-"))
    server = Server(environment(tmp / "data"), tmp / "data")
    try:
        prepare(server, args.seeded)
        server.start_web(workers=2)
        verdicts = run(server, set(args.only.split(",")))
    finally:
        server.stop()
        scenarios.pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(tmp, ignore_errors=True)
    failed = [v.scenario for v in verdicts if not v.passed]
    print(f"\n==> {len(verdicts) - len(failed)} of {len(verdicts)} scenarios passed", flush=True)
    for name in failed:
        print(f"    FAIL: {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
