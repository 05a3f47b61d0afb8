"""Addresses and query strings carrying a NUL character are refused before any view sees them.

No address or query parameter of JoinedUp has a use for NUL, PostgreSQL refuses it in text, and
some parsers stop at it; so such a request gets a clear 400 page, whatever view it was meant for
(or, under an address prefix an app registered with ``answer_bad_requests_under``, that app's own
kind of answer: the FHIR API answers an OperationOutcome, never a page).
Form fields are left to the forms: Django's text fields refuse NUL beside the field, keeping
everything else the person typed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

NUL = "\x00"
NUL_MESSAGE = "What was sent contains a character that is not allowed (NUL). Nothing was saved."
BadRequestAnswer = Callable[[HttpRequest, str], HttpResponse]
_answers_by_prefix: dict[str, BadRequestAnswer] = {}


def answer_bad_requests_under(prefix: str, answer: BadRequestAnswer) -> None:
    """Called from an app's ``ready``: requests under ``prefix`` are refused with ``answer(request, message)``."""
    _answers_by_prefix[prefix] = answer


def _has_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path or _has_nul(request.GET):
            for prefix, answer in _answers_by_prefix.items():
                if request.path.startswith(prefix):
                    return answer(request, NUL_MESSAGE)
            return render(
                request,
                "core/error.jinja",
                {
                    "title": "Bad request",
                    "message": NUL_MESSAGE,
                },
                status=400,
            )
        return self.get_response(request)
