#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for tests and benchmarks.
#   scripts/pg-cluster.sh start DIR PORT   -> prints a DATABASE_URL
#   scripts/pg-cluster.sh stop DIR
# initdb refuses to run as root, so as root the cluster belongs to an unprivileged user.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?cluster directory}
port=${3:-55432}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server binaries not found: run make system-deps" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    id -u joinedup-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin joinedup-pg
    runuser -u joinedup-pg -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && { id -u joinedup-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin joinedup-pg; chown joinedup-pg "$dir"; }
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    # Tuned for throwaway test data: durability off, more memory for bulk loads.
    as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c maintenance_work_mem=256MB -c max_connections=200" \
      start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/joinedup"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
