"""Email per event, through Django's email framework (the console backend in the demo).

Sent only once the change that caused it is committed (``transaction.on_commit``), so a
rolled-back change never tells anyone it happened. A failure to send is logged and does not
undo the change: the work is in the person's worklist and header count either way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from joinedup.directory.models import Person

logger = logging.getLogger(__name__)


def notify(people: Iterable[Person], subject: str, body: str, link: str = "") -> int:
    """Queue one email to each person with an address; returns how many will be sent.

    ``link`` is a path within JoinedUp ("/referrals/42/"); it is added to the body with the
    site's address. Emails carry no patient-identifiable data beyond what the subject and body
    say: callers write them with the reference number, not the patient's name.
    """
    recipients = sorted({person.email for person in people if person.email})
    if not recipients:
        return 0
    text = body if not link else f"{body}\n\nOpen it in {settings.SERVICE_NAME}: {settings.SITE_URL}{link}"
    messages = [(f"{settings.SERVICE_NAME}: {subject}", text, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients]

    def send() -> None:
        try:
            send_mass_mail(messages, fail_silently=False)
        except Exception:  # noqa: BLE001 - a mail outage must not break the work that was done
            logger.exception("could not send %d notification(s): %s", len(messages), subject)

    transaction.on_commit(send)
    return len(messages)
