#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster (Debian's package) and makes sure the test database exists.
# Prints the DATABASE_URL the tests use. Idempotent: safe to run when PostgreSQL is already up.
set -euo pipefail
# Everything but the URL goes to stderr: callers capture stdout.
exec 3>&1 1>&2
ver=$(ls /usr/lib/postgresql | sort -n | tail -n1)
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx main; then
  pg_createcluster "$ver" main >/dev/null
fi
pg_ctlcluster "$ver" main start || true  # "already running" is fine
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 0.2
done
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='caracal_test'\"" </dev/null | grep -q 1; then
  su postgres -c "createdb caracal_test"
fi
echo "postgres://postgres:postgres@127.0.0.1:5432/caracal_test" >&3
