#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server on 127.0.0.1.
#
#   scripts/with-postgres.sh CMD [ARGS...]   start a server, export DATABASE_URL, run CMD, stop
#   scripts/with-postgres.sh --check         exit 0 when PostgreSQL's server binaries are present
#
# The server lives in a temporary directory on a free port and is always stopped and removed
# afterwards; the exit code is CMD's. As root the server runs as the `postgres` user (it refuses
# to run as root); as a normal user it runs as that user.
set -euo pipefail

find_pgbin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
    echo "$dir"
  elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
  elif command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    pg_config --bindir
  fi
}

PGBIN=$(find_pgbin)
if [[ "${1:-}" == "--check" ]]; then
  [[ -n "$PGBIN" ]]
  exit
fi
if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...] | --check" >&2
  exit 2
fi
if [[ -z "$PGBIN" ]]; then
  echo "with-postgres: no PostgreSQL server binaries (initdb, pg_ctl) found." >&2
  echo "  Debian/Ubuntu: apt-get install -y postgresql" >&2
  exit 3
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ROOT=$(mktemp -d "${TMPDIR:-/tmp}/zz-postgres.XXXXXX")
PORT=$(free_port)
if [[ $(id -u) -eq 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root but there is no 'postgres' user to run the server." >&2
    rm -rf "$ROOT"
    exit 3
  fi
  chown postgres:postgres "$ROOT"
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi
chmod 700 "$ROOT"
as_server mkdir -m 700 "$ROOT/sock"

stop_server() {
  if [[ -f "$ROOT/data/postmaster.pid" ]]; then
    as_server "$PGBIN/pg_ctl" -D "$ROOT/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$ROOT"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_server "$PGBIN/initdb" -D "$ROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$ROOT/initdb.log" 2>&1 || { cat "$ROOT/initdb.log" >&2; exit 3; }
SERVER_OPTIONS="-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT/sock -c fsync=off \
  -c synchronous_commit=off -c full_page_writes=off"
if ! as_server "$PGBIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/server.log" -w -t 60 \
  -o "$SERVER_OPTIONS" start >/dev/null; then
  echo "with-postgres: the server did not start; its log:" >&2
  cat "$ROOT/server.log" >&2 || true
  exit 3
fi
"$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres app

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/app"
# For the fault scripts (benchmarks/faults.py), which stop and start this server under load.
export WITH_POSTGRES_BIN="$PGBIN" WITH_POSTGRES_DATA="$ROOT/data" WITH_POSTGRES_LOG="$ROOT/server.log"
export WITH_POSTGRES_OPTIONS="$SERVER_OPTIONS"
if [[ $(id -u) -eq 0 ]]; then export WITH_POSTGRES_AS=postgres; else export WITH_POSTGRES_AS=; fi
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
set +e
"$@"
rc=$?
set -e
exit "$rc"
