"""Background work for insights: refreshing the months a domain's events changed (django-tasks).

Queued once per burst (``services.figures_changed``); the worker (``manage.py db_worker``) runs it.
"""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def refresh_pending() -> int:
    return services.refresh_pending()
