"""Background work for intake: reading each new letter (django-tasks, database backend).

The worker (``manage.py db_worker``) picks tasks up from the database, so queued reading
survives a restart; until it has run, the letter shows "being read".
"""

from __future__ import annotations

from django_tasks import task

from joinedup.letters.reading import store_reading


@task()
def read_letter(letter_id: int) -> str:
    return str(store_reading(letter_id, only_if_waiting=True).reading_state)
