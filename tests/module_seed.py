"""Data seeded once for a whole test module, each test in a savepoint on top of it.

Seeding an ICB takes seconds; a module whose tests all start from the same seeded data (the access matrix, the
hostile-input walk) builds it once per module on each test worker instead of once per test. The data is written in an
outer transaction that is rolled back when the module's last test on that worker ends. Each test still asks for `db`:
its own atomic block opens inside the outer one as a savepoint and is rolled back to it, so every test starts from the
data exactly as it was seeded and no write reaches the next test. pytest ends a module's fixtures before a worker runs
a test of another module (xdist tells it which test comes next, even under --dist worksteal), so no other module's
test, transactional or not, ever sees the outer transaction; a worker that comes back to the module seeds again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import transaction
from pytest_django import DjangoDbBlocker


@contextlib.contextmanager
def rolled_back_after_the_module(django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Write what the block seeds in a transaction that is rolled back when the block ends (see the module's note)."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
