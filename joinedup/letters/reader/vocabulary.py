"""The words of letter reading: categories, verdicts and interface rules, with labels and sources.

Plain Python, no Django. The reader speaks it, the practice's letter inbox shows its labels,
and concerns builds its ``Rule`` choices from it, so the three cannot drift apart. Rule ids are
stored in the database (concerns, letter actions): never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a request to the GP is about (GUIDELINES.md), with the label people read.
CATEGORY_LABELS: dict[str, str] = {
    "medication": "Medication",
    "monitoring": "Monitoring",
    "investigation": "Investigation",
    "results": "Results",
    "referral": "Referral",
    "follow_up": "Follow-up",
    "fit_note": "Fit note",
    "specialist_prescribing": "Specialist prescribing",
    "admin": "Administrative task",
}
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_LABELS)

# Whether it is the GP's to do.
VERDICT_LABELS: dict[str, str] = {
    "appropriate": "Appropriate to ask the GP",
    "inappropriate": "Inappropriate request",
}
VERDICTS: tuple[str, ...] = tuple(VERDICT_LABELS)


@dataclass(frozen=True)
class InterfaceRule:
    """One rule of ../shared/letters/RULES.md (or "other")."""

    id: str
    label: str
    source: str  # where the rule was confirmed (RULES.md ``source``), shown beside it
    in_letters: bool = False  # a request in a letter can break it (the reader finds these)


INTERFACE_RULES: tuple[InterfaceRule, ...] = (
    InterfaceRule(
        "onward_referral",
        "Onward referral left to the GP",
        "Standard Contract SC8 (since 2016/17); Delivery plan for recovering access to primary care (2023)",
        in_letters=True,
    ),
    InterfaceRule(
        "test_results",
        "Test results left to the GP",
        "Standard Contract 2017/19; NHS England standards for communicating test results on discharge (2016)",
        in_letters=True,
    ),
    InterfaceRule(
        "provider_follow_up",
        "Hospital follow-up left to the GP",
        "Delivery plan for recovering access to primary care (2023)",
        in_letters=True,
    ),
    InterfaceRule(
        "dna_discharge",
        "Discharged after one missed appointment",
        "Standard Contract SC6 (since 2016/17)",
        in_letters=True,
    ),
    InterfaceRule(
        "fit_note",
        "Fit note left to the GP",
        "Standard Contract SC11 (SC11.11 in 2017/18); DWP fit note guidance (2023)",
        in_letters=True,
    ),
    InterfaceRule(
        "discharge_medication",
        "Too few medicines on discharge",
        "Standard Contract SC11 (since 2016/17)",
        in_letters=True,
    ),
    InterfaceRule(
        "outpatient_medication",
        "Medicine to start after clinic left to the GP",
        "Standard Contract 2017/19 changes; local agreements",
        in_letters=True,
    ),
    InterfaceRule(
        "shared_care",
        "Specialist drug handed over without shared care",
        "NHS England, Responsibility for prescribing between primary and secondary care (2018); "
        "national shared care protocols",
        in_letters=True,
    ),
    InterfaceRule(
        "contact_point",
        "Patient sent to the GP instead of a hospital contact",
        "Standard Contract SC12 (clear points of contact); Delivery plan (2023)",
        in_letters=True,
    ),
    InterfaceRule(
        "referral_return_reason",
        "Referral returned without a clinical reason",
        "e-Referral Service guidance; Standard Contract SC6",
    ),
    InterfaceRule(
        "ag_response",
        "Advice and guidance not answered in time",
        "NHS England advice and guidance guidance (2025)",
    ),
    InterfaceRule(
        "direct_access_diagnostics",
        "Direct-access test not done in 4 weeks",
        "NHS England, as reported in 2024 planning coverage",
    ),
    InterfaceRule(
        "discharge_summary_24h",
        "Discharge summary later than 24 hours",
        "Standard Contract SC11 (since 2016/17)",
    ),
    InterfaceRule(
        "clinic_letter_7_days",
        "Clinic letter later than 7 days",
        "Standard Contract SC11 (14 days in 2016/17, 10 in 2017/19, 7 since)",
    ),
    InterfaceRule(
        "trust_interface_lead",
        "No designated interface lead",
        "2024/25 priorities and operational planning guidance",
    ),
    InterfaceRule("other", "Something else", ""),
)

RULE_LABELS: dict[str, str] = {rule.id: rule.label for rule in INTERFACE_RULES}
RULE_SOURCES: dict[str, str] = {rule.id: rule.source for rule in INTERFACE_RULES}
# The rules a request in a letter can break: the reader's answers are one of these (or none).
LETTER_RULES: tuple[str, ...] = tuple(rule.id for rule in INTERFACE_RULES if rule.in_letters)
