"""gunicorn settings for production (``gunicorn -c joinedup/config/gunicorn.conf.py joinedup.config.wsgi``).

Every value can be set from the environment, so one image serves every deployment.
Web processes are stateless: scale them out behind the load balancer.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# The usual starting point: two workers a core plus one; each worker runs a few threads so a
# slow client does not hold a whole process.
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("WEB_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))  # a request that runs longer is a bug: the worker is replaced
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never becomes an outage.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Behind the load balancer only: trust its forwarded headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("WEB_ACCESS_LOG", "-")
errorlog = "-"
# One JSON object per request, like the application's own logs.
access_log_format = (
    '{"time":"%(t)s","logger":"gunicorn.access","method":"%(m)s","path":"%(U)s","status":%(s)s,'
    '"bytes":"%(B)s","duration_us":%(D)s,"pid":"%(p)s"}'
)
