#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster (Debian's package) and makes sure the test database exists.
# Prints the DATABASE_URL the tests use on stdout, and nothing else there; progress goes to stderr.
# Idempotent: safe to run when PostgreSQL is already up, or when a stale pid file is left behind.
set -euo pipefail

ver=$(ls /usr/lib/postgresql | sort -n | tail -n1)
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx main; then
  pg_createcluster "$ver" main >&2
fi

# The server daemonises and keeps every descriptor it inherits that is not close-on-exec. Callers run
# this script as `URL=$(…)`, so if the daemon kept our stdout (or any pipe of the caller's) open, the
# caller would wait for end-of-file forever. Start it with nothing inherited but /dev/null and a log.
start_log=$(mktemp)
(
  for fd in /proc/$BASHPID/fd/*; do
    n=${fd##*/}
    [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null || true
  done
  exec pg_ctlcluster "$ver" main start
) </dev/null >"$start_log" 2>&1 || grep -q "already running" "$start_log" || { cat "$start_log" >&2; exit 1; }
rm -f "$start_log"

for _ in $(seq 1 100); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 0.2
done
pg_isready -h 127.0.0.1 -p 5432 >&2

su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" </dev/null >&2
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='caracal_test'\"" </dev/null | grep -q 1; then
  su postgres -c "createdb caracal_test" </dev/null >&2
fi
echo "postgres://postgres:postgres@127.0.0.1:5432/caracal_test"
