from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from joinedup.core import once
from joinedup.core.forms import add_validation_errors
from joinedup.core.views import current_actor
from joinedup.directory.access import Actor, Permission, require
from joinedup.letters.models import Letter, LetterKind, QuarantinedMessage

from . import selectors, services
from .content import FileKind, NotALetterFile, file_kind, text_of
from .forms import DismissForm, UploadForm

QUARANTINE_FILTERS = [("waiting", "Waiting for a fix"), ("all", "All, including dealt with")]


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.UPLOAD_LETTERS)
    form = UploadForm(request.POST or None, request.FILES or None, services=selectors.upload_services(actor))
    if request.method == "POST" and form.is_valid():
        try:
            letter = once.submit_once(
                form.cleaned_data.get(once.FIELD, ""),
                lambda: _upload(actor, form),
                lambda made: reverse("letters:uploaded", args=[made.id if made else 0]),
            )
        except once.AlreadySubmitted as earlier:
            messages.info(request, "You sent this letter already: here it is. It was taken in once.")
            return redirect(earlier.url)
        if letter is not None:
            messages.success(request, "The letter was taken in. It is being read and the practice can see it now.")
            return redirect("letters:uploaded", letter.id)
    return render(
        request,
        "letters/intake/upload.jinja",
        {"title": "Upload a letter", "form": form, "max_mb": _max_mb(), "organisation": actor.organisation},
        status=400 if form.errors else 200,
    )


def _upload(actor: Actor, form: UploadForm) -> Letter | None:
    upload = form.cleaned_data.get("file")
    try:
        if upload is not None:
            content = upload.read()
            kind = file_kind(content)
            if kind == FileKind.FHIR:
                return services.upload_document(actor, content=content, filename=upload.name)
            text, filename, content_type = text_of(content, kind), upload.name, f"application/{kind}"
            if kind == FileKind.TEXT:
                content_type = "text/plain"
        else:
            text, filename, content_type = form.cleaned_data["pasted_text"], "", "text/plain"
        form.needs_details()
        if form.errors:
            return None
        details = services.UploadDetails(
            nhs_number=form.cleaned_data["nhs_number"],
            kind=form.cleaned_data["kind"],
            event_at=form.event_at(),
            service=form.chosen_service(),
            title=form.cleaned_data.get("title") or "",
        )
        return services.upload_text(actor, text=text, details=details, filename=filename, content_type=content_type)
    except NotALetterFile as problem:
        form.add_error("file", str(problem))
    except ValidationError as invalid:
        add_validation_errors(form, invalid)
    return None


def _max_mb() -> int:
    return int(settings.LETTER_UPLOAD_MAX_BYTES // (1024 * 1024))


@login_required
def uploaded(request: HttpRequest, letter_id: int) -> HttpResponse:
    actor = current_actor(request)
    letter = selectors.uploaded_letter(actor, letter_id)
    services.uploaded_letter_viewed(actor=actor, letter=letter)
    return render(
        request,
        "letters/intake/uploaded.jinja",
        {
            "title": f"{letter.get_kind_display()} taken in",
            "letter": letter,
            "timeliness": selectors.timeliness_status(letter),
        },
    )


@login_required
def quarantine(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    which = request.GET.get("state", "waiting")
    which = which if which in dict(QUARANTINE_FILTERS) else "waiting"
    held = selectors.quarantine(actor, which)
    total = held.count()
    return render(
        request,
        "letters/intake/quarantine.jinja",
        {
            "title": "Quarantined messages",
            "messages_held": list(held[: selectors.LIST_LIMIT]),
            "total": total,
            "limit": selectors.LIST_LIMIT,
            "which": which,
            "filters": QUARANTINE_FILTERS,
        },
    )


@login_required
def quarantined(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = current_actor(request)
    held = selectors.quarantined_message(actor, message_id)
    services.quarantined_message_viewed(actor=actor, held=held)
    return _quarantined_page(request, held, DismissForm())


def _quarantined_page(
    request: HttpRequest, held: QuarantinedMessage, form: DismissForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "letters/intake/quarantined.jinja",
        {
            "title": f"Quarantined message {held.id}",
            "held": held,
            "size": len(held.content),
            "form": form,
            "breadcrumbs": [{"text": "Quarantined messages", "href": reverse("letters:quarantine")}],
        },
        status=status,
    )


@login_required
def quarantined_download(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = current_actor(request)
    held = selectors.quarantined_message(actor, message_id)
    services.quarantined_message_viewed(actor=actor, held=held, downloaded=True)
    response = HttpResponse(bytes(held.content), content_type="application/octet-stream")
    name = held.filename or f"quarantined-{held.id}.{'json' if bytes(held.content[:1]) == b'{' else 'dat'}"
    # The name comes from the sender's MESH message: no control character or path in it, and quotes are
    # escaped (or the name percent-encoded) by Django, so it cannot break the header or add parameters.
    name = "".join(ch if ch.isprintable() and ch not in "/\\" else "_" for ch in name)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or "attachment"
    return response


@login_required
@require_POST
def quarantined_retry(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = current_actor(request)
    held = selectors.quarantined_message(actor, message_id)
    try:
        result = services.quarantine_retry(actor, held.id)
    except services.AlreadyDealtWith as already:
        messages.warning(request, f"{already}. Nothing was changed.")
        return redirect("letters:quarantined", held.id)
    if result.letter is not None:
        messages.success(request, f"Taken in: a {LetterKind(result.letter.kind).label.lower()} for the practice.")
        return redirect("letters:quarantine")
    messages.error(request, f"Still cannot be taken in: {result.quarantined.reason if result.quarantined else ''}")
    return redirect("letters:quarantined", held.id)


@login_required
@require_POST
def quarantined_dismiss(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = current_actor(request)
    held = selectors.quarantined_message(actor, message_id)
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            services.quarantine_dismiss(actor, held.id, note=form.cleaned_data["note"])
        except services.AlreadyDealtWith as already:
            messages.warning(request, f"{already}. Nothing was changed.")
            return redirect("letters:quarantined", held.id)
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            messages.success(request, f"Message {held.id} dismissed. It is kept, and listed under 'All'.")
            return redirect("letters:quarantine")
    return _quarantined_page(request, held, form, status=400)


@login_required
def timeliness(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    trusts = selectors.timeliness_trusts(actor)
    chosen = request.GET.get("trust", "").upper()
    focus = next((t for t in trusts if t.ods_code == chosen), None)
    if len(trusts) == 1:
        focus = trusts[0]
    table = selectors.timeliness_table(actor, [focus] if focus else trusts)
    return render(
        request,
        "letters/intake/timeliness.jinja",
        {
            "title": f"Letter timeliness: {focus.name}" if focus else "Letter timeliness by trust",
            "table": table,
            "focus": focus,
            "many_trusts": len(trusts) > 1,
            "rules": [
                (
                    "discharge_summary_24h",
                    f"Discharge summaries and ED letters within {settings.DISCHARGE_SUMMARY_HOURS} hours",
                ),
                ("clinic_letter_7_days", f"Clinic letters within {settings.CLINIC_LETTER_DAYS} days"),
            ],
        },
    )
