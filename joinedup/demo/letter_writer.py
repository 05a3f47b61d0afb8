"""Synthetic hospital letters: realistic texts with requests to the GP, some of them against RULES.md.

Fictional people and the 999 test range only. Each scenario is one kind of care (a heart failure
clinic, a pneumonia admission, a wrist fracture in the emergency department) with requests a real
letter of that kind might make: ordinary ones the GP should do, and ones the hospital should do
itself (chasing its own results, its own follow-up, short discharge supplies, fit notes).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from joinedup.letters.models import LetterKind


@dataclass(frozen=True)
class Scenario:
    kind: str
    specialty: str
    service: str
    title: str
    diagnosis: list[str]
    story: str
    medication: list[str]
    appropriate: list[str]  # requests the GP can fairly be asked
    inappropriate: list[str]  # requests the hospital should do itself (RULES.md)
    hospital_plan: list[str]


SCENARIOS = [
    Scenario(
        LetterKind.CLINIC_LETTER,
        "cardiology",
        "Heart failure clinic",
        "Heart failure clinic review",
        ["Heart failure with reduced ejection fraction (LVEF 35%)", "Permanent atrial fibrillation"],
        "I reviewed {them} in the heart failure clinic today. {They} is breathless after one flight of "
        "stairs but has no orthopnoea. Weight is stable at home. BP 118/70, HR 72 in AF, no peripheral oedema.",
        ["Ramipril 5 mg OD", "Bisoprolol 5 mg OD", "Apixaban 5 mg BD", "Furosemide 40 mg OM"],
        [
            "Please could you check {their} U&Es in two weeks, as we have increased the ramipril, and adjust "
            "the dose if the potassium is above 5.5.",
            "Please add heart failure with reduced ejection fraction to {their} problem list.",
            "Please continue the bisoprolol at the new dose.",
        ],
        [
            "Please could the GP repeat the echocardiogram in six months and re-refer if the ejection fraction "
            "has not improved.",
            "We have started sacubitril/valsartan; GP to take over prescribing and monitoring from next month.",
        ],
        [
            "We will see {them} again in the heart failure clinic in three months.",
            "Heart failure nurse to phone in two weeks.",
        ],
    ),
    Scenario(
        LetterKind.DISCHARGE_SUMMARY,
        "respiratory",
        "General respiratory",
        "Discharge summary: community acquired pneumonia",
        ["Community acquired pneumonia, right lower lobe (CURB-65 score 2)", "COPD"],
        "{They} was admitted with three days of fever, productive cough and breathlessness. "
        "Chest X-ray showed right lower lobe consolidation. {They} was treated with intravenous co-amoxiclav "
        "and clarithromycin and improved steadily.",
        ["Co-amoxiclav 625 mg TDS (to complete 7 days)", "Salbutamol inhaler 2 puffs PRN", "Tiotropium 18 mcg OD"],
        [
            "Please review {them} in the surgery in two weeks to check {they} has recovered.",
            "Please arrange a pneumococcal vaccine once {they} has recovered.",
        ],
        [
            "TTO 3 days of co-amoxiclav supplied, GP to prescribe the rest of the course.",
            "Blood cultures pending at discharge: GP to follow up the result and act accordingly.",
            "Please repeat the chest X-ray in six weeks to confirm resolution and refer back if it has not cleared.",
        ],
        ["Respiratory nurse follow-up in clinic in six weeks."],
    ),
    Scenario(
        LetterKind.ED_LETTER,
        "orthopaedics",
        "Hand and wrist",
        "Emergency department attendance: distal radius fracture",
        ["Undisplaced fracture of the left distal radius"],
        "{They} attended after a fall on an outstretched hand. X-ray showed an undisplaced fracture "
        "of the distal radius. {They} was given analgesia and a backslab was applied.",
        ["Paracetamol 1 g QDS PRN", "Ibuprofen 400 mg TDS PRN with food"],
        [
            "Please consider a bone density (DEXA) scan given this fragility fracture.",
            "Please review {their} analgesia if the pain is not controlled.",
        ],
        [
            "Please could the GP arrange a repeat X-ray in one week and refer to fracture clinic if displaced.",
            "Please issue a fit note for six weeks.",
            "Any questions about the cast, please ask your GP.",
        ],
        ["Fracture clinic appointment in one week has been booked."],
    ),
    Scenario(
        LetterKind.CLINIC_LETTER,
        "gastroenterology",
        "General gastroenterology",
        "Gastroenterology clinic letter",
        ["Iron deficiency anaemia", "Gastro-oesophageal reflux disease"],
        "Thank you for referring {them} with iron deficiency anaemia. Haemoglobin was 98 g/L with a "
        "ferritin of 6. {They} has mild reflux but no weight loss or change in bowel habit.",
        ["Ferrous fumarate 210 mg BD", "Omeprazole 20 mg OD"],
        [
            "Please recheck {their} full blood count and ferritin in three months on iron.",
            "Please continue the omeprazole and review the need for it in six months.",
        ],
        [
            "We have requested a gastroscopy and colonoscopy; please could the GP chase the appointment if {they} "
            "has not heard within four weeks.",
            "Incidental finding of a 2 cm liver lesion on ultrasound: GP to refer to hepatology.",
        ],
        ["We will see {them} in clinic with the endoscopy results."],
    ),
    Scenario(
        LetterKind.DISCHARGE_SUMMARY,
        "geriatrics",
        "Frailty clinic",
        "Discharge summary: fall and urinary tract infection",
        ["Fall at home, no fracture", "Urinary tract infection", "Frailty (Clinical Frailty Scale 6)"],
        "{They} was admitted after a fall at home and a two-day history of confusion. Urine culture "
        "grew E. coli. {They} was treated with nitrofurantoin, was seen by physiotherapy and occupational therapy, "
        "and returns home with a package of care.",
        ["Nitrofurantoin 100 mg MR BD (to complete 5 days)", "Amlodipine stopped (postural hypotension)"],
        [
            "Please review {their} blood pressure in two weeks now that the amlodipine has been stopped.",
            "Please consider a referral to the community falls service.",
        ],
        [
            "Sodium 128 at discharge; please could the GP recheck it and adjust the medication accordingly, "
            "and let us know the result before {their} clinic appointment.",
            "Did not attend the frailty clinic last year: discharged, please re-refer if still required.",
        ],
        ["Community rehabilitation team will visit within a week."],
    ),
    Scenario(
        LetterKind.CLINIC_LETTER,
        "rheumatology",
        "Early inflammatory arthritis",
        "Rheumatology clinic letter",
        ["Seropositive rheumatoid arthritis"],
        "I saw {them} in the early inflammatory arthritis clinic. {They} has six weeks of swollen, "
        "painful hands and morning stiffness of two hours. CRP 38, rheumatoid factor and anti-CCP positive.",
        ["Prednisolone 10 mg OD reducing over 6 weeks", "Folic acid 5 mg once weekly"],
        [
            "Please add rheumatoid arthritis to {their} problem list.",
            "Please offer {them} the annual flu vaccine.",
        ],
        [
            "Please start methotrexate 15 mg weekly today.",
            "GP to take over methotrexate prescribing and blood monitoring; shared care to follow.",
        ],
        ["We will review {them} in the rheumatology clinic in six weeks."],
    ),
    Scenario(
        LetterKind.ED_LETTER,
        "general_surgery",
        "General surgery",
        "Emergency department attendance: abdominal pain",
        ["Non-specific abdominal pain"],
        "{They} attended with right-sided abdominal pain for a day. Examination was soft with mild "
        "tenderness, bloods were normal and {they} was discharged home with safety-netting advice.",
        ["Paracetamol 1 g QDS PRN"],
        ["Please review {them} in the surgery if the pain persists beyond a week."],
        [
            "Ultrasound of the abdomen requested by ED; please could the GP chase the result.",
            "Please arrange an outpatient CT and refer to the surgeons if abnormal.",
        ],
        ["Returned home with written advice to come back if the pain worsens or a fever develops."],
    ),
    Scenario(
        LetterKind.CLINIC_LETTER,
        "diabetes_endocrinology",
        "Diabetes clinic",
        "Diabetes clinic letter",
        ["Type 2 diabetes, HbA1c 74 mmol/mol", "Chronic kidney disease stage 3a"],
        "I reviewed {them} in the diabetes clinic. {their_cap} HbA1c has risen to 74 despite "
        "metformin and gliclazide. eGFR 52. Feet examined: no ulcers, reduced monofilament sensation.",
        ["Metformin 1 g BD", "Gliclazide 80 mg BD", "Empagliflozin 10 mg OD (new)"],
        [
            "Please check {their} HbA1c and renal function in three months and continue the empagliflozin if "
            "tolerated.",
            "Please refer {them} to the community podiatry service.",
        ],
        [
            "Please repeat the HbA1c before {their} next clinic appointment and send us the result.",
        ],
        ["We will see {them} again in the diabetes clinic in six months."],
    ),
]

CONSULTANTS = ["Dr Asha Verma", "Mr Tobias Quarrie", "Dr Helen Marchetti", "Dr Kwame Adeyemi", "Ms Ruth Galloway"]


@dataclass(frozen=True)
class SyntheticLetter:
    scenario: Scenario
    text: str
    author: str
    requests: tuple[str, ...]
    # Where the part that names nobody starts ("Diagnosis:"): letters with the same scenario, sex and
    # requests share everything from here to the signature, so they share the reader's findings.
    body_start: int


def write_letter(
    rng: random.Random,
    *,
    scenario: Scenario,
    trust_name: str,
    practice_name: str,
    given: str,
    family: str,
    nhs_number: str,
    female: bool,
    event_at: datetime.datetime,
    inappropriate: int,
) -> SyntheticLetter:
    """One letter: header, diagnosis, story, medication and a plan with GP requests (``inappropriate`` of them bad)."""
    words = _pronouns(female, given, family)
    author = rng.choice(CONSULTANTS)
    requests = rng.sample(scenario.appropriate, k=min(len(scenario.appropriate), rng.randint(1, 2)))
    requests += rng.sample(scenario.inappropriate, k=min(len(scenario.inappropriate), inappropriate))
    rng.shuffle(requests)
    event_label = "Clinic date" if scenario.kind == LetterKind.CLINIC_LETTER else "Discharge date"
    lines = [
        trust_name,
        f"{scenario.service}",
        "",
        f"The GP, {practice_name}",
        "",
        f"{event_label}: {event_at:%d/%m/%Y}",
        "",
        f"Re: {words['title']} {given} {family.upper()}   NHS No: {nhs_number[:3]} {nhs_number[3:6]} {nhs_number[6:]}",
        "",
        "Diagnosis:",
        *(f"{index}. {item}" for index, item in enumerate(scenario.diagnosis, start=1)),
        "",
        "Medication:",
        *scenario.medication,
        "",
        scenario.story.format(**words),
        "",
        "Actions for GP:",
        *(f"- {request.format(**words)}" for request in requests),
        "",
        "Hospital plan:",
        *(item.format(**words) for item in scenario.hospital_plan),
        "",
        "Yours sincerely",
        "",
        author,
        f"Consultant, {trust_name}",
    ]
    text = "\n".join(lines) + "\n"
    return SyntheticLetter(
        scenario=scenario, text=text, author=author, requests=tuple(requests), body_start=text.index("Diagnosis:")
    )


def _pronouns(female: bool, given: str, family: str) -> dict[str, str]:
    return {
        "title": "Mrs" if female else "Mr",
        "family": family,
        "given": given,
        "They": "She" if female else "He",
        "they": "she" if female else "he",
        "them": "her" if female else "him",
        "their": "her" if female else "his",
        "their_cap": "Her" if female else "His",
    }
