"""Email per event: sent after the change commits, never for a change rolled back."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from joinedup.core.notify import notify
from joinedup.directory.models import Person


@pytest.fixture
def people(db: None) -> list[Person]:
    return [
        Person.objects.create_user(username="a", email="a@example.nhs.invalid", password="x" * 12),
        Person.objects.create_user(username="b", email="", password="x" * 12),  # no address: skipped
        Person.objects.create_user(username="c", email="a@example.nhs.invalid", password="x" * 12),  # same address
    ]


@pytest.mark.django_db(transaction=True)
def test_one_email_per_address_after_commit(people: list[Person], settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://joinedup.example"
    with transaction.atomic():
        queued = notify(people, "Referral 1234 5678 9012 returned", "It was returned with advice.", "/referrals/1/")
        assert queued == 1
        assert mail.outbox == []  # nothing leaves before the change is committed
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.nhs.invalid"]
    assert message.subject == "JoinedUp: Referral 1234 5678 9012 returned"
    assert "https://joinedup.example/referrals/1/" in message.body


@pytest.mark.django_db(transaction=True)
def test_no_email_when_the_change_rolls_back(people: list[Person], settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        notify(people, "A&G answered", "Answered.")
        raise Refused
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_mail_outage_does_not_undo_the_work(people: list[Person], settings, caplog) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens there
    with transaction.atomic():
        Person.objects.filter(username="a").update(first_name="Changed")
        notify(people, "Diagnostic report ready", "Reported.")
    assert Person.objects.get(username="a").first_name == "Changed"
    assert "could not send" in caplog.text
