"""A URL that fails, for the error-page test: the site's own URLs and error handlers, plus /fail/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from joinedup.config.urls import handler404, handler500
from joinedup.config.urls import urlpatterns as site_urls


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a deliberate failure for the error-page test")


urlpatterns = [path("fail/", fail), *site_urls]
__all__ = ["handler404", "handler500", "urlpatterns"]
