"""A form that creates a record creates it once, however often it is sent.

Back, then submit again (or a second click the browser lets through) sends the same form twice: a
second referral, a second letter that the GP then reads twice. Each create form carries a one-time
token (a hidden field, new each time the empty form is drawn); ``submit_once`` claims the token in
the same transaction as the record, so a second submission of that form finds it taken and is
shown the record the first one made. A submission refused for bad input leaves the token free (the
transaction rolled back), so the corrected form can be sent.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.db import IntegrityError, transaction

from .models import SubmittedForm

FIELD = "form_token"
T = TypeVar("T")


class AlreadySubmitted(Exception):
    """This form was sent before; ``url`` shows what it made."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def new_token() -> str:
    return secrets.token_hex(16)


def token_field() -> forms.CharField:
    """The hidden field a create form declares as ``form_token``."""
    return forms.CharField(widget=forms.HiddenInput, required=False, max_length=64, initial=new_token)


def submit_once(token: str, create: Callable[[], T], url_of: Callable[[T], str]) -> T:
    # ``create`` may raise (ValidationError: nothing is kept) or answer None (nothing was made); either
    # way the claim is rolled back with it.
    """Runs ``create`` unless this form's token was used; then raises AlreadySubmitted with its result's page.

    A form without a token (an old page, a script) is created as before.
    """
    if not token:
        return create()
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the unique token is the claim
                claim = SubmittedForm.objects.create(token=token[:64])
        except IntegrityError:
            earlier = SubmittedForm.objects.filter(token=token[:64]).values_list("url", flat=True).first()
            raise AlreadySubmitted(earlier or "/") from None
        result = create()
        if result is None:  # nothing was made (the page shows why): the token stays free for the retry
            transaction.set_rollback(True)
            return result
        claim.url = url_of(result)[:300]
        claim.save(update_fields=["url"])
    return result
