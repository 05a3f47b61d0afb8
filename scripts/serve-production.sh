#!/usr/bin/env bash
# The production start: the processes JoinedUp runs as, against PostgreSQL.
#
#   scripts/serve-production.sh
#
# Environment (see README, "Production"):
#   OWNER_DATABASE_URL  the role that owns the tables: runs the migrations and grants, nothing else
#   DATABASE_URL        the runtime role (owns nothing; made and granted here with RUNTIME_DB_ROLE)
#   RUNTIME_DB_ROLE     the runtime role's name (default joinedup_app)
#   SECRET_KEY, ALLOWED_HOSTS, and the rest of the settings table
#   PORT (8000), WEB_CONCURRENCY, WEB_THREADS   the web server (joinedup/config/gunicorn.conf.py)
#   TASK_WORKERS (1)    background task workers (letter reading)
#   MESH_URL ...        when set, the MESH poller runs too
#
# It migrates and grants as the owner, collects static files, then starts gunicorn, the task
# workers and the MESH poller as separate processes, and stops all of them when any one exits
# or on SIGTERM/SIGINT, so the platform restarts the whole unit rather than half of it.
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
# Letters a killed worker left "being read" are queued again (each is still read once).
"$PY" manage.py requeue_reading -v0

pids=()
stop() { trap - EXIT INT TERM; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

.venv/bin/gunicorn -c joinedup/config/gunicorn.conf.py joinedup.config.wsgi & pids+=($!)
for _ in $(seq 1 "${TASK_WORKERS:-1}"); do
  "$PY" manage.py db_worker --no-reload -v0 & pids+=($!)
done
if [ -n "${MESH_URL:-}" ]; then
  "$PY" manage.py mesh_poll & pids+=($!)
fi
echo "serving on ${BIND:-127.0.0.1:${PORT:-8000}} (pids ${pids[*]})"
# Any process ending ends the unit.
wait -n "${pids[@]}"
