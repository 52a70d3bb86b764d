#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on 127.0.0.1 for the integration tests (connection stores,
# cross-process refresh locks, the shared throttle budget). Idempotent: does nothing when both run.
#
#   TEST_DATABASE_URL  default postgres://postgres:postgres@127.0.0.1:5432/helpscout_test
#   TEST_REDIS_URL     default redis://127.0.0.1:6379
#
# On Debian as root it installs the missing packages (postgresql, redis-server) itself.
set -euo pipefail

say() { echo "services: $*"; }

if [ -n "${TEST_DATABASE_URL:-}" ] && [ -n "${TEST_REDIS_URL:-}" ]; then
  say "using TEST_DATABASE_URL and TEST_REDIS_URL from the environment"
  exit 0
fi

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    say "missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]}), or set TEST_DATABASE_URL and TEST_REDIS_URL"
    exit 1
  fi
  say "installing ${missing[*]} from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "starting redis-server on 127.0.0.1:6379"
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  version=$(basename "$(dirname "$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/postgres" | sort -V | tail -n 1)")")")
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^${version} main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  say "starting PostgreSQL ${version} on 127.0.0.1:5432"
  pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
fi

if [ "$(id -u)" = "0" ]; then
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'helpscout_test'\"" | grep -q 1; then
    su postgres -c "createdb helpscout_test"
  fi
fi
say "PostgreSQL and Redis are up"
