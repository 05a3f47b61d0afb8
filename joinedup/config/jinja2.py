"""The Jinja2 environment: our templates first, then the NHS.UK frontend macros."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from joinedup.core.forms import widget_kind
from joinedup.core.navigation import nav_items
from joinedup.directory.access import Permission


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def uk_date(value: Any, with_time: bool = False) -> str:
    """Dates as the NHS style guide writes them: 3 March 2026, 14:05."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and getattr(value, "hour", None) is not None:
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        text = f"{value.day} {value:%B %Y}"
        return f"{text}, {value:%H:%M}" if with_time else text
    return f"{value.day} {value:%B %Y}"


def nhs_number_format(value: str | None) -> str:
    """NHS numbers are shown 3-3-4, as on every NHS letter."""
    if not value or len(value) != 10:
        return value or ""
    return f"{value[:3]} {value[3:6]} {value[6:]}"


def environment(**options: Any) -> Environment:
    options["undefined"] = ChainableUndefined  # the NHS.UK macros rely on it
    options.setdefault("autoescape", True)
    app_loader = options.pop("loader", None)
    env = Environment(**options)
    loaders = [PackageLoader("nhsuk_frontend_jinja", package_path="templates")]
    if app_loader is not None:
        loaders.insert(0, app_loader)
    env.loader = ChoiceLoader(loaders)
    env.globals.update(
        {
            "static": static,
            # A folder, not a file: the NHS.UK template appends file names to it, so it cannot go
            # through the manifest (hashed names) that ``static()`` uses in production.
            "NHSUK_ASSET_PATH": f"{settings.STATIC_URL}vendor/nhsuk/assets",
            "url": url,
            "get_messages": get_messages,
            "SERVICE_NAME": settings.SERVICE_NAME,
            "nav_items": nav_items,
            "widget_kind": widget_kind,
            "Permission": Permission,
        }
    )
    env.filters.update({"uk_date": uk_date, "nhs_number": nhs_number_format})
    return env
