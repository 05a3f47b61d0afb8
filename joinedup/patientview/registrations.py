"""What the patient's view adds to the shared pieces: the answerers' header entries and a measure."""

from __future__ import annotations

from joinedup.core import measures, navigation
from joinedup.directory.access import Permission

from . import selectors


def register_all() -> None:
    navigation.register_sign_in_link(
        "Are you a patient? Sign in with NHS login to see your referrals and letters", "patientview:start"
    )
    for url_name, permission in (
        ("patientview:questions_trust", Permission.VIEW_PROVIDER_WORKLISTS),
        ("patientview:questions_practice", Permission.VIEW_PRACTICE_REQUESTS),
        ("patientview:questions_hub", Permission.COORDINATE_ESCALATIONS),  # about urgent escalations
    ):
        navigation.register(
            "Patient questions",
            url_name,
            permission,
            order=48,
            count=selectors.waiting_count,
            count_label="waiting for an answer",
            section="/patient-questions/",
        )
    for kind, per in (("nhs_trust", "trust"), ("gp_practice", "practice")):
        measures.register(
            measures.Measure(
                id=f"patientview.questions_answered_in_time_{per}",
                label=f"Patient questions answered in time ({per}s)",
                domain="patientview",
                unit=measures.Unit.PERCENT,
                better=measures.Better.HIGHER,
                compute=selectors.answered_in_time(kind),
                per=per,
                description="Of the questions patients asked in the month about an item whose next step was "
                "the organisation's, the share answered within PATIENT_QUESTION_WORKING_DAYS working days.",
            )
        )
