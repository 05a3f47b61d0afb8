"""The concern pages: raising through the form, what each person sees and may do, lists, the ICB review."""

from __future__ import annotations

import csv
import datetime
import io

from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.concerns import services
from joinedup.concerns.models import Concern, ImprovementProject, Rule, State
from joinedup.concerns.tests.helpers import raise_one, step
from joinedup.directory.models import Organisation
from joinedup.letters.models import Letter, LetterKind, LetterSource
from joinedup.patients.models import Patient

FORM = {
    "about": "RZ1",
    "rule": "test_results",
    "specialty": "cardiology",
    "severity": "high",
    "what_happened": "Discharge letter asked us to chase an echo result.",
    "evidence_kind": "letter",
    "evidence_reference": "L-2026-0042",
    "evidence_quote": "please chase the echo result and act accordingly",
    "nhs_number": "",
}


def test_a_gp_raises_a_concern_through_the_form(icb, signed_in) -> None:
    response = signed_in("gp_clinician").post("/concerns/new/", FORM)
    concern = Concern.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/concerns/{concern.id}/"
    assert concern.raised_by_org == icb.practices[0] and concern.about_org.ods_code == "RZ1"
    assert concern.specialty == "cardiology" and concern.evidence_reference == "L-2026-0042"


def test_form_errors_are_summarised_and_nothing_is_saved(icb, signed_in) -> None:
    response = signed_in("gp_clinician").post(
        "/concerns/new/", {**FORM, "rule": "", "what_happened": "", "nhs_number": "999 000 0019"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Select the rule the concern is about" in html
    assert "Enter what happened" in html
    assert "the check digit does not match" in html
    assert 'value="L-2026-0042"' in html  # what was typed is kept
    assert Concern.objects.count() == 0


def test_a_valid_nhs_number_is_kept_and_audited(icb, signed_in) -> None:
    signed_in("gp_clinician").post("/concerns/new/", {**FORM, "nhs_number": "999 000 0018"})
    concern = Concern.objects.get()
    assert concern.patient_nhs_number == "9990000018"
    assert AuditEvent.objects.filter(action="concern.raised", patient_nhs_number="9990000018").exists()


def test_the_form_is_prefilled_from_a_flagged_letter_link(icb, signed_in) -> None:
    html = (
        signed_in("gp_clinician")
        .get("/concerns/new/?rule=fit_note&quote=please+issue+a+fit+note&letter=L77&about=rz1")
        .content.decode()
    )
    assert '<option value="fit_note" selected' in html
    assert "please issue a fit note</textarea>" in html
    assert 'value="L77"' in html
    assert '<option value="letter" selected' in html
    assert '<option value="RZ1" selected' in html


def test_the_form_does_not_offer_your_own_organisation(icb, signed_in) -> None:
    html = signed_in("consultant").get("/concerns/new/").content.decode()
    assert 'value="RZ1"' not in html and 'value="RZ2"' in html and 'value="Z00001"' in html


def test_each_page_offers_only_the_steps_allowed_now(icb, actor_for, signed_in) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    lead_page = signed_in("trust_interface_lead").get(f"/concerns/{concern.id}/").content.decode()
    gp_page = signed_in("gp_clinician").get(f"/concerns/{concern.id}/").content.decode()
    assert f"/concerns/{concern.id}/acknowledge/" in lead_page and "/respond/" not in lead_page
    assert "What you can do now" not in gp_page
    step(actor_for("trust_interface_lead"), concern, "acknowledge")
    step(actor_for("trust_interface_lead"), concern, "respond", "Sorted: we chase our own results now.")
    gp_page = signed_in("gp_clinician").get(f"/concerns/{concern.id}/").content.decode()
    assert "/close/" in gp_page and "/escalate/" in gp_page
    assert "Sorted: we chase our own results now." in gp_page  # the raiser sees the response in the timeline


def test_acting_through_the_page_and_a_stale_second_click(icb, actor_for, signed_in) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    lead = signed_in("trust_interface_lead")
    first = lead.post(f"/concerns/{concern.id}/acknowledge/", {"note": "", "version": "1"})
    assert first.status_code == 302
    second = lead.post(f"/concerns/{concern.id}/acknowledge/", {"note": "", "version": "1"}, follow=True)
    assert "Someone else changed this concern while you were looking at it" in second.content.decode()
    assert concern.events.filter(action="acknowledge").count() == 1


def test_a_missing_response_is_an_error_on_the_form(icb, actor_for, signed_in) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    step(actor_for("trust_interface_lead"), concern, "acknowledge")
    response = signed_in("trust_interface_lead").post(f"/concerns/{concern.id}/respond/", {"note": "", "version": "2"})
    assert response.status_code == 400 and "Enter your response" in response.content.decode()
    assert Concern.objects.get(id=concern.id).state == State.ACKNOWLEDGED


def test_a_step_that_is_not_yours_is_refused(icb, actor_for, signed_in) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    response = signed_in("gp_clinician").post(f"/concerns/{concern.id}/acknowledge/", {"note": "", "version": "1"})
    assert response.status_code == 403
    assert Concern.objects.get(id=concern.id).state == State.RAISED


def test_another_organisation_cannot_see_a_concern(icb, actor_for, signed_in) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[1])  # about RZ2: not the consultant's trust
    for role in ("consultant", "trust_interface_lead", "hub_coordinator"):
        status = signed_in(role).get(f"/concerns/{concern.id}/").status_code
        assert status in (403, 404), role
    assert signed_in("consultant").get(f"/concerns/{concern.id}/").status_code == 404
    assert signed_in("icb_analyst").get(f"/concerns/{concern.id}/").status_code == 200


def test_the_icb_never_sees_the_patients_nhs_number(icb, actor_for, signed_in) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0], patient_nhs_number="9990000018")
    assert "999 000 0018" not in signed_in("icb_analyst").get(f"/concerns/{concern.id}/").content.decode()
    assert "999 000 0018" in signed_in("trust_interface_lead").get(f"/concerns/{concern.id}/").content.decode()
    assert AuditEvent.objects.filter(action="concern.viewed", patient_nhs_number="9990000018").count() == 1


def test_overdue_concerns_come_first_with_a_tag(icb, actor_for, signed_in) -> None:
    gp = actor_for("gp_clinician")
    old = raise_one(gp, icb.trusts[0], what_happened="old one")
    new = raise_one(gp, icb.trusts[0], what_happened="new one")
    Concern.objects.filter(id=old.id).update(
        raised_at=timezone.now() - datetime.timedelta(days=30),
        acknowledge_due=timezone.localdate() - datetime.timedelta(days=20),
        response_due=timezone.localdate() - datetime.timedelta(days=5),
    )
    for role, page in (("gp_clinician", "/concerns/"), ("trust_interface_lead", "/concerns/inbox/")):
        html = signed_in(role).get(page).content.decode()
        assert html.index(old.reference) < html.index(new.reference), page
        assert html.count("Overdue") == 1, page
    review = signed_in("icb_analyst").get("/concerns/review/").content.decode()
    assert old.reference in review.split("<h2>Overdue</h2>")[1].split("</table>")[0]


def test_the_icb_review_counts_and_exports_what_it_shows(icb, actor_for, signed_in) -> None:
    gp = actor_for("gp_clinician")
    for _ in range(3):
        raise_one(gp, icb.trusts[0], specialty="cardiology")
    raise_one(gp, icb.trusts[-1], rule="fit_note")
    escalated = raise_one(gp, icb.trusts[0], rule="dna_discharge")
    lead = actor_for("trust_interface_lead")
    step(lead, escalated, "acknowledge")
    step(lead, escalated, "respond")
    step(gp, escalated, "escalate", "Not good enough")
    client = signed_in("icb_analyst")
    html = client.get("/concerns/review/").content.decode()
    assert "Trusts with no designated interface lead" in html and icb.trusts[-1].name in html
    assert escalated.reference in html.split("<h2>Escalations waiting for a decision</h2>")[1].split("</table>")[0]
    themes = html.split("Themes: trust, rule and specialty")[1].split("</table>")[0]
    # People read the rule's name, not its code (issue 12, bug 14).
    assert "Test results left to the GP" in themes and "test_results" not in themes
    assert "Cardiology" in themes and ">3<" in themes
    # One tidy table per subject (issue 12), each linked from the page.
    for subject in ("by_trust", "by_rule", "by_month", "themes", "overdue", "escalations"):
        assert f"?format=csv&amp;table={subject}" in html

    def table(subject: str) -> list[str]:
        response = client.get(f"/concerns/review/?format=csv&table={subject}")
        assert response["Content-Type"].startswith("text/csv") and subject in response["Content-Disposition"]
        return response.content.decode().splitlines()

    themes_csv = table("themes")
    assert themes_csv[0] == "trust,rule,specialty,concerns"
    assert f"{icb.trusts[0].name},Test results left to the GP,Cardiology,3" in themes_csv
    # The CSV names rules as the page does, in every table (issue 12, bug 14): no codes.
    fit_note = Rule("fit_note").label
    assert f"{fit_note},1" in table("by_rule")
    escalations = table("escalations")
    assert escalations[0] == "reference,about,rule,specialty,raised,state"
    assert len(escalations) == 2 and escalations[1].startswith(f"{escalated.reference},{icb.trusts[0].name},")
    assert escalated.get_rule_display() in escalations[1] and f",{escalated.rule}," not in escalations[1]
    assert client.get("/concerns/review/?format=csv&table=everything").status_code == 404


def test_the_icb_review_export_writes_a_formula_in_a_name_as_text(icb, actor_for, signed_in) -> None:
    trust = icb.trusts[0]
    Organisation.objects.filter(id=trust.id).update(name='=HYPERLINK("http://example.invalid","Pellbridge")')
    raise_one(actor_for("gp_clinician"), trust, specialty="cardiology")
    response = signed_in("icb_analyst").get("/concerns/review/?format=csv&table=by_trust")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    names = {row[0] for row in rows[1:] if row[0]}
    assert '\'=HYPERLINK("http://example.invalid","Pellbridge")' in names
    assert not [name for name in names if name.startswith(("=", "+", "-", "@"))]


def test_an_improvement_project_shows_concerns_before_and_after_its_start(icb, actor_for, signed_in) -> None:
    gp = actor_for("gp_clinician")
    concern = raise_one(gp, icb.trusts[0])
    raise_one(gp, icb.trusts[0], rule="fit_note")  # not a theme of the project
    start = timezone.localdate().replace(day=1)
    client = signed_in("icb_analyst")
    bad = client.post("/concerns/projects/new/", {"title": "", "status": "active"})
    assert bad.status_code == 400 and "Select at least one rule the project targets" in bad.content.decode()
    response = client.post(
        "/concerns/projects/new/",
        {
            "title": "Results stay with the requester",
            "owner": "Dr Ada Example",
            "rules": ["test_results"],
            "trust": "RZ1",
            "specialty": "",
            "status": "active",
            "measure": "Concerns about test results per month",
            "start_date_0": str(start.day),
            "start_date_1": str(start.month),
            "start_date_2": str(start.year),
        },
    )
    project = ImprovementProject.objects.get()
    assert response.status_code == 302 and project.rules == ["test_results"]
    html = client.get(f"/concerns/projects/{project.id}/").content.decode()
    rows = html.split("<tbody")[1]
    assert rows.count("After the start") == 6 and rows.count("Before") == 6
    first_after = rows.split("After the start")[1].split("</tr>")[0]
    assert ">1<" in first_after and concern.rule == "test_results"


def test_the_icb_moves_a_project_on_and_the_register_shows_it(icb, actor_for, signed_in) -> None:
    project = services.project_create(
        actor=actor_for("icb_analyst"),
        icb=icb.icb,
        title="Fit notes from clinic",
        owner="Dr Ada Example",
        rules=["fit_note"],
        measure="Fit note concerns per month",
        start_date=timezone.localdate(),
    )
    client = signed_in("icb_analyst")
    bad = client.post(f"/concerns/projects/{project.id}/", {"status": "abandoned-ish"})
    assert bad.status_code == 400 and "Select the project&#39;s status" in bad.content.decode()
    project.refresh_from_db()
    assert project.status == "planned"
    assert client.post(f"/concerns/projects/{project.id}/", {"status": "active"}).status_code == 302
    project.refresh_from_db()
    assert project.status == "active"
    assert AuditEvent.objects.get(action="improvement_project.status_set").details == {
        "from": "planned",
        "to": "active",
    }
    # A trust's lead may read the ICB's concerns about them, but not run the ICB's register.
    assert signed_in("trust_interface_lead").post(
        f"/concerns/projects/{project.id}/", {"status": "stopped"}
    ).status_code in (403, 404)
    project.refresh_from_db()
    assert project.status == "active"


def test_every_step_emails_whoever_acts_next_with_the_reference_not_the_patient(
    icb, actor_for, django_capture_on_commit_callbacks
) -> None:
    from django.core import mail

    gp, lead, analyst = actor_for("gp_clinician"), actor_for("trust_interface_lead"), actor_for("icb_analyst")
    with django_capture_on_commit_callbacks(execute=True):
        concern = raise_one(gp, lead.organisation)
    assert [(m.subject, m.to) for m in mail.outbox] == [
        (f"JoinedUp: new interface concern {concern.reference} about {lead.organisation.name}", [lead.person.email])
    ]
    for actor, action, told in ((lead, "acknowledge", gp), (lead, "respond", gp), (gp, "escalate", analyst)):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            step(actor, concern, action)
        assert told.person.email in [address for m in mail.outbox for address in m.to], action
        assert all(concern.reference in m.subject for m in mail.outbox)


def test_the_concerns_menu_counts_work_and_opens_the_leads_own_list(icb, actor_for, signed_in) -> None:
    gp, lead = actor_for("gp_clinician"), actor_for("trust_interface_lead")
    raise_one(gp, lead.organisation)
    lead_client = signed_in("trust_interface_lead")
    home = lead_client.get("/").content.decode()
    assert 'Concerns <span class="jn-nav-count">1<span class="nhsuk-u-visually-hidden"> waiting for you' in home
    assert "To acknowledge or respond to: 1" in home  # the home-page panel
    assert lead_client.get("/concerns/start/")["Location"] == "/concerns/inbox/"
    assert signed_in("gp_clinician").get("/concerns/start/")["Location"] == "/concerns/"


def test_the_icb_home_shows_its_own_overdue_acknowledgements(icb, actor_for, signed_in) -> None:
    gp = actor_for("gp_clinician")
    no_lead = Organisation.objects.filter(icb=icb.icb, kind="nhs_trust", designated_interface_lead=None).first()
    assert no_lead is not None, "the seeded ICB has a trust without a designated lead"
    concern = raise_one(gp, no_lead)  # routed to the ICB
    Concern.objects.filter(id=concern.id).update(acknowledge_due=datetime.date(2020, 1, 6))
    home = signed_in("icb_analyst").get("/").content.decode()
    assert "1 concern routed to you is past its acknowledgement or response date" in home


def test_the_icb_decides_with_a_coded_outcome_linked_to_a_project(icb, actor_for, signed_in) -> None:
    gp, lead = actor_for("gp_clinician"), actor_for("trust_interface_lead")
    concern = raise_one(gp, lead.organisation)
    step(lead, concern, "acknowledge")
    step(lead, concern, "respond", "We will chase our own results.")
    step(gp, concern, "escalate", "It keeps happening.")
    project = ImprovementProject.objects.create(
        icb=icb.icb,
        title="Results chased by the team that ordered them",
        owner="Dr Lane",
        rules=["test_results"],
        measure="Concerns about results",
        start_date=datetime.date(2026, 1, 1),
    )
    analyst = signed_in("icb_analyst")
    form = analyst.get(f"/concerns/{concern.id}/decide/").content.decode()
    assert "Upheld: the concern stands" in form and project.title in form
    concern.refresh_from_db()
    missing = analyst.post(f"/concerns/{concern.id}/decide/", {"version": concern.version, "note": "Reasons."})
    assert missing.status_code == 400 and "Select the ICB" in missing.content.decode()
    done = analyst.post(
        f"/concerns/{concern.id}/decide/",
        {"version": concern.version, "note": "The trust ordered it.", "outcome": "upheld", "project": str(project.id)},
    )
    assert done.status_code == 302
    concern.refresh_from_db()
    assert (concern.state, concern.decision_outcome, concern.decision_project) == (State.DECIDED, "upheld", project)
    page = analyst.get(f"/concerns/{concern.id}/").content.decode()
    assert f"Upheld: the concern stands. Feeds the project: {project.title}" in page


def test_both_sides_exchange_messages_without_moving_the_concern_on(
    icb, actor_for, signed_in, django_capture_on_commit_callbacks
) -> None:
    from django.core import mail

    gp, lead = actor_for("gp_clinician"), actor_for("trust_interface_lead")
    concern = raise_one(gp, lead.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        lead_says = signed_in("trust_interface_lead").post(
            f"/concerns/{concern.id}/message/", {"note": "Which clinic was it?"}
        )
        gp_says = signed_in("gp_clinician").post(f"/concerns/{concern.id}/message/", {"note": "Cardiology, Tuesday."})
    assert lead_says.status_code == gp_says.status_code == 302
    concern.refresh_from_db()
    assert concern.state == State.RAISED and concern.version == 1
    page = signed_in("gp_clinician").get(f"/concerns/{concern.id}/").content.decode()
    assert "Which clinic was it?" in page and "Cardiology, Tuesday." in page
    assert {m.to[0] for m in mail.outbox if "new message" in m.subject} == {gp.person.email, lead.person.email}
    # Someone not on either side cannot write.
    assert signed_in("icb_analyst").post(f"/concerns/{concern.id}/message/", {"note": "Hello"}).status_code == 403


def test_the_evidence_quote_is_a_quotation_not_literal_tags_and_still_escaped(icb, actor_for, signed_in) -> None:
    """Issue 12, bug 6: the page showed "<blockquote>" as text."""
    gp = actor_for("gp_clinician")
    concern = raise_one(gp, icb.trusts[0], evidence_quote='Please chase the CT <script>alert("x")</script>')
    page = signed_in("gp_clinician").get(f"/concerns/{concern.id}/").content.decode()
    assert '<blockquote class="jn-evidence-quote">Please chase the CT &lt;script&gt;' in page
    assert "&lt;blockquote" not in page


def test_the_themes_table_says_when_it_shows_only_the_largest_and_the_csv_has_them_all(
    icb, actor_for, signed_in
) -> None:
    """Issue 12, bug 8: the table and its CSV stopped at 15 rows without saying so."""
    from joinedup.concerns import views
    from joinedup.concerns.models import Rule

    gp = actor_for("gp_clinician")
    rules = [rule for rule in Rule.values if rule != "other"][:6]
    for rule in rules:
        for specialty in ("cardiology", "dermatology", "respiratory"):
            raise_one(gp, icb.trusts[0], rule=rule, specialty=specialty)
    assert len(rules) * 3 > views.THEMES_SHOWN
    client = signed_in("icb_analyst")
    html = client.get("/concerns/review/").content.decode()
    themes = html.split('id="themes-caption"')[1].split("</table>")[0]
    assert f"the {views.THEMES_SHOWN} largest of {len(rules) * 3}, every one in the CSV download" in themes
    assert themes.count('<tr class="nhsuk-table__row"><td') == views.THEMES_SHOWN
    rows = client.get("/concerns/review/?format=csv&table=themes").content.decode().splitlines()
    assert len(rows) == 1 + len(rules) * 3  # the header, then every theme


def test_both_sides_open_the_letter_the_concern_is_about_and_nobody_else_can(icb, actor_for, signed_in) -> None:
    """Issue 12: the interface lead opens the letter from the concern; a typed reference opens no one else's."""
    patient = Patient.objects.create(
        nhs_number="9990000018",
        given_name="Alan",
        family_name="Prescott",
        date_of_birth=datetime.date(1951, 7, 4),
        registered_practice=icb.practices[0],
    )
    sent = timezone.now() - datetime.timedelta(days=2)
    ours, theirs = (
        Letter.objects.create(
            patient=patient,
            practice=icb.practices[0],
            trust=trust,
            kind=LetterKind.CLINIC_LETTER,
            source=LetterSource.SEED,
            event_at=sent,
            text="Please could the GP chase the <b>echo</b> we requested.",
        )
        for trust in (icb.trusts[0], icb.trusts[1])
    )
    gp = actor_for("gp_clinician")
    concern = raise_one(gp, icb.trusts[0], evidence_kind="letter", evidence_reference=f"L-{ours.id}")
    for role in ("trust_interface_lead", "gp_clinician"):
        page = signed_in(role).get(f"/concerns/{concern.id}/").content.decode()
        assert f"/concerns/{concern.id}/letter/" in page, role
        letter = signed_in(role).get(f"/concerns/{concern.id}/letter/")
        assert letter.status_code == 200, role
        assert "chase the &lt;b&gt;echo&lt;/b&gt; we requested" in letter.content.decode()
    viewed = AuditEvent.objects.filter(action="letter.viewed", object_id=str(ours.id), patient_nhs_number="9990000018")
    assert viewed.count() == 2
    # The ICB sees concerns, not patients; another trust never sees the concern at all.
    assert signed_in("icb_analyst").get(f"/concerns/{concern.id}/letter/").status_code == 404
    assert "/letter/" not in signed_in("icb_analyst").get(f"/concerns/{concern.id}/").content.decode()
    # A reference to a letter between other organisations (or not a letter at all) opens nothing.
    for reference in (f"L-{theirs.id}", "L-٣", "L-" + "9" * 40, "L-"):
        other = raise_one(gp, icb.trusts[0], evidence_kind="letter", evidence_reference=reference)
        assert signed_in("trust_interface_lead").get(f"/concerns/{other.id}/letter/").status_code == 404, reference


def test_the_lead_assigns_a_concern_to_a_team_through_its_page(icb, actor_for, signed_in) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    lead = signed_in("trust_interface_lead")
    form = lead.get(f"/concerns/{concern.id}/assign/").content.decode()
    assert "Which clinical team?" in form
    refused = lead.post(f"/concerns/{concern.id}/assign/", {"version": 1, "note": ""})
    assert refused.status_code == 400 and "Select the clinical team to look into it" in refused.content.decode()
    team = icb.trusts[0].services.order_by("id").first()
    assert lead.post(f"/concerns/{concern.id}/assign/", {"version": 1, "service": str(team.id)}).status_code == 302
    page = signed_in("consultant").get(f"/concerns/{concern.id}/").content.decode()  # the team can open it
    assert f"assigned to {team.name}" in page
