"""What care coordination adds to the shared pieces: header entries, home-page panels, measures."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.urls import reverse

from joinedup.core import measures, navigation, panels, patient_items
from joinedup.directory.access import Actor, Permission

from . import presenters, selectors
from .models import ServiceKind


def for_patient(actor: Actor, patient: Any) -> dict[str, Any] | None:
    """The patient's urgent escalations, and a button to escalate them to the hub."""
    if not selectors.may_see_escalations(actor):
        return None
    found = selectors.escalations_for_patient(actor, patient.id, panels.PATIENT_SECTION_ROWS + 1)
    rows = [
        {
            "text": f"{e.reference}: {e.get_problem_display()}",
            "href": reverse("coordination:detail", args=[e.id]),
            "detail": e.get_state_display(),
            "when": e.escalated_at,
        }
        for e in found
    ]
    starts = []
    if actor.can(Permission.ESCALATE_URGENT):
        starts = [panels.Link("Escalate to the hub", reverse("coordination:new") + f"?nhs_number={patient.nhs_number}")]
    return panels.patient_section(
        "escalations", "Urgent escalations", rows, empty="No urgent escalations you can see.", starts=starts
    )


def for_the_patient(patient_id: int) -> list[patient_items.Item]:
    """The signed-in patient's own urgent escalations, in plain words, for their page (NHS login)."""
    return [presenters.patient_item(e) for e in selectors.escalations_about_patient_for_the_patient(patient_id)]


def register_all() -> None:
    patient_items.register(
        "coordination.escalations",
        for_the_patient,
        sentences=presenters.patient_sentences,
        demo_patients=selectors.nhs_numbers_with_escalations,
    )
    navigation.register(
        "Hub queue",
        "coordination:hub",
        Permission.COORDINATE_ESCALATIONS,
        order=20,
        count=selectors.hub_waiting_count,
        count_label="new or overdue",
    )
    navigation.register(
        "Urgent escalations",
        "coordination:mine",
        Permission.ESCALATE_URGENT,
        order=46,
    )
    navigation.register(
        "Urgent services",
        "coordination:services",
        Permission.RESPOND_TO_ESCALATIONS,
        order=47,
        count=selectors.team_waiting_count,
        count_label="awaiting an outcome",
    )
    panels.register("coordination.hub", "coordination/_panel.jinja", selectors.hub_panel, order=10)
    panels.register("coordination.escalator", "coordination/_panel.jinja", selectors.escalator_panel, order=30)
    panels.register_for_patient("coordination.patient", panels.PATIENT_SECTION_TEMPLATE, for_patient, order=40)
    measures.register(
        measures.Measure(
            id="coordination.escalations_per_practice",
            label="Urgent escalations to the care coordination hub",
            domain="coordination",
            unit=measures.Unit.COUNT,
            better=measures.Better.NEITHER,
            compute=selectors.escalations_per_practice,
            per="practice",
            description="Escalations of the practice's patients, by the month they were escalated.",
        )
    )
    for kind in ServiceKind:
        measures.register(
            measures.Measure(
                id=f"coordination.two_hour_response_met.{kind.value}",
                label=f"2-hour response met: {kind.label.lower()}",
                domain="coordination",
                unit=measures.Unit.PERCENT,
                better=measures.Better.HIGHER,
                compute=partial(selectors.two_hour_response_met, kind.value),
                per="hub",
                target=70.0,
                description="Of escalations needing a response within 2 hours that a service of this kind took, "
                "the share seen within 2 hours of the escalation (by the time the service recorded).",
            )
        )
        measures.register(
            measures.Measure(
                id=f"coordination.admissions_avoided.{kind.value}",
                label=f"Admissions avoided: {kind.label.lower()}",
                domain="coordination",
                unit=measures.Unit.PERCENT,
                better=measures.Better.HIGHER,
                compute=partial(selectors.admissions_avoided, kind.value),
                per="hub",
                description="Of escalations with an outcome from a service of this kind, the share where the "
                "patient was seen at home or an admission was avoided.",
            )
        )
