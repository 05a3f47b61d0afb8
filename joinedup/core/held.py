"""Files held between the pages of one form: chosen, checked, then sent with the record.

A "check your answers" page shows what will be sent before it is sent. The answers travel as
hidden fields, but a file cannot: browsers send a file only from a file input the person filled
in. So the file is held here under a random key when the answers are first checked, the pages in
between carry the key, and the sending page takes it. Only its owner can take it; held files
older than a day are dropped (a form left half-way loses only its file).
"""

from __future__ import annotations

import datetime
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .models import HeldFile

KEEP_FOR = datetime.timedelta(days=1)
KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Held:
    key: str
    name: str
    data: bytes


def hold(owner: Any, name: str, data: bytes) -> Held:
    """Keeps a file for its owner; the key is what the next page carries."""
    HeldFile.objects.filter(at__lt=timezone.now() - KEEP_FOR).delete()
    key = secrets.token_urlsafe(24)
    HeldFile.objects.create(key=key, owner=owner, name=name[:200], data=data)
    return Held(key, name[:200], data)


def _well_formed(key: str) -> bool:
    # A key comes back from the browser: anything but what hold() made (NUL bytes, markup) is no key.
    return bool(KEY_SHAPE.fullmatch(key))


def held(owner: Any, key: str) -> Held | None:
    """The owner's held file under this key; None if it is someone else's, gone, or never was."""
    if not _well_formed(key):
        return None
    row = HeldFile.objects.filter(key=key, owner=owner, at__gte=timezone.now() - KEEP_FOR).first()
    return Held(row.key, row.name, bytes(row.data)) if row else None


def release(key: str) -> None:
    """The file has been sent with its record (or replaced): nothing more to hold."""
    if _well_formed(key):
        HeldFile.objects.filter(key=key).delete()
