#!/usr/bin/env bash
# The production start: the processes JoinedUp runs as, against PostgreSQL.
#
#   scripts/serve-production.sh
#
# Environment (see README, "Production"):
#   OWNER_DATABASE_URL  the role that owns the tables: runs the migrations and grants, nothing else
#   DATABASE_URL        the runtime role (owns nothing; made and granted here as RUNTIME_DB_ROLE)
#   RUNTIME_DB_ROLE     the runtime role's name (default joinedup_app); RUNTIME_DB_PASSWORD_ENV names
#                       the variable holding its password, when this script should set it
#   SECRET_KEY, ALLOWED_HOSTS, and the rest of the settings table
#   PORT (8000), WEB_CONCURRENCY, WEB_THREADS   the web server (joinedup/config/gunicorn.conf.py)
#   TASK_WORKERS (1)    background task workers (letter reading)
#   MESH_URL ...        when set, the MESH poller runs too
#
# It migrates and grants as the owner and collects static files, then runs gunicorn, the task
# workers and the MESH poller as separate processes. A task worker or the poller that exits (the
# database restarted under it, say) is started again after a short pause, queueing again any
# letter it left half-read; the web server exiting ends the unit, so the platform restarts it.
# SIGTERM or SIGINT stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON_BIN:-.venv/bin/python}
export DJANGO_ENV=${DJANGO_ENV:-production}
export DJANGO_SETTINGS_MODULE=joinedup.config.settings
: "${OWNER_DATABASE_URL:?set OWNER_DATABASE_URL: the role that owns the tables}"
: "${DATABASE_URL:?set DATABASE_URL: the runtime role}"
role=${RUNTIME_DB_ROLE:-joinedup_app}

DATABASE_URL=$OWNER_DATABASE_URL "$PY" manage.py migrate --no-input -v0
DATABASE_URL=$OWNER_DATABASE_URL "$PY" manage.py grant_runtime_role "$role" --create ${RUNTIME_DB_PASSWORD_ENV:+--password-env "$RUNTIME_DB_PASSWORD_ENV"}
"$PY" manage.py collectstatic --no-input -v0

# supervise NAME COMMAND...: run COMMAND, and again whenever it exits, until told to stop.
supervise() {
  local name=$1 child=""
  shift
  trap '[ -n "$child" ] && kill "$child" 2>/dev/null; wait 2>/dev/null; exit 0' TERM INT
  while true; do
    "$@" &
    child=$!
    wait "$child" || true
    echo "{\"logger\":\"serve-production\",\"level\":\"WARNING\",\"message\":\"$name exited; starting it again in 2 s\"}" >&2
    sleep 2
  done
}

pids=()
stop() { trap - EXIT INT TERM; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

.venv/bin/gunicorn -c joinedup/config/gunicorn.conf.py joinedup.config.wsgi & pids+=($!)
web=$!
for n in $(seq 1 "${TASK_WORKERS:-1}"); do
  # Letters a killed worker left "being read" are queued again first (each is still read once).
  supervise "task worker $n" sh -c "\"$PY\" manage.py requeue_reading -v0 && exec \"$PY\" manage.py db_worker --no-reload -v0" & pids+=($!)
done
# After a new reader version, letters no one has answered yet are read again, once, beside the server
# (decision 0021); answered or filed letters keep the reading they were answered against.
"$PY" manage.py reread_letters & pids+=($!)
if [ -n "${MESH_URL:-}" ]; then
  supervise "MESH poller" "$PY" manage.py mesh_poll & pids+=($!)
fi
echo "serving on ${BIND:-127.0.0.1:${PORT:-8000}} (pids ${pids[*]})"
wait "$web"
