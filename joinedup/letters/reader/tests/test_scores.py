"""Scores on the shared dev letters and on the project's own letters stay above the targets."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from joinedup.letters.reader.evaluate import load_dir, score_records

REPO_ROOT = Path(__file__).resolve().parents[4]
DEV_DIR = REPO_ROOT.parent / "shared" / "letters" / "dev"
NEXT_DIR = REPO_ROOT.parent / "shared" / "letters" / "next"
OWN_DIR = Path(__file__).parent / "letters"
HOLDOUT_DIR = Path(__file__).parent / "holdout"


def _assert_floors(records: list[dict[str, Any]], **floors: float) -> None:
    """Each named figure of the records' scores is at or above its floor; all shortfalls are reported together."""
    figures = score_records(records).figures()
    short = {name: round(figures[name], 3) for name, floor in floors.items() if figures[name] < floor}
    assert not short, f"below the floors {floors}: {short}"


def test_repo_root_is_located() -> None:
    assert (REPO_ROOT / "joinedup" / "letters" / "reader").is_dir()


@pytest.mark.skipif(not DEV_DIR.is_dir(), reason=f"shared dev letters not found at {DEV_DIR}")
def test_dev_scores_meet_targets() -> None:
    _assert_floors(load_dir(DEV_DIR), detection_f1=0.95, detection_recall=0.95, inappropriate_f1=0.90)


@pytest.mark.skipif(not NEXT_DIR.is_dir(), reason=f"shared next letters not found at {NEXT_DIR}")
def test_next_scores_meet_their_floors() -> None:
    """The harder shared letters (issue 18: tables, shorthand, OCR, letters to the patient): held to the dev floors
    since reader version 5 reached them (detection F1 0.993, flag F1 0.982 on batch-d)."""
    records = load_dir(NEXT_DIR)
    assert len(records) >= 40
    _assert_floors(records, detection_f1=0.95, detection_recall=0.95, inappropriate_f1=0.90, inappropriate_recall=0.90)


def test_own_letters_score_well() -> None:
    records = load_dir(OWN_DIR)
    assert len(records) >= 15
    _assert_floors(records, detection_f1=0.95, detection_recall=0.95, inappropriate_f1=0.90)


def test_holdout_letters_do_not_regress() -> None:
    """Blind letters by another author (30 letters, 83 actions): floors just below the figures reached when the
    patterns from batch 1 were generalised (batch 2 was only ever scored, never read). A fall here is a regression."""
    records = load_dir(HOLDOUT_DIR)
    assert len(records) == 30
    _assert_floors(
        records,
        detection_recall=0.95,
        detection_precision=0.98,
        detection_f1=0.96,
        category_accuracy=0.95,
        inappropriate_f1=0.92,
    )


def test_own_letters_are_valid_annotations() -> None:
    categories = {
        "medication",
        "monitoring",
        "investigation",
        "results",
        "referral",
        "follow_up",
        "fit_note",
        "specialist_prescribing",
        "admin",
    }
    for record in load_dir(OWN_DIR):
        assert record["id"].startswith("own-")
        for gold in record["gold"]:
            assert gold["quote"] in record["text"]
            assert gold["category"] in categories
            assert (gold["verdict"] == "inappropriate") == (gold["rule"] is not None)


HANDS_DIR = Path(__file__).parent / "hands"


def test_letters_by_new_hands_do_not_regress() -> None:
    """Hands 1-27: 631 letters (1,808 actions) written for issue 18 by hands who never saw the reader, its
    patterns or the annotated letters (decisions 0026-0029; hands 6 and 8-12 were each measured once on arrival,
    then used for reader version 6; hands 7 and 13, kept blind through version 6, and hands 14-17 after their
    first measures, for version 7; hands 18 and 19, kept blind through version 7, hands 20-23 after their first
    measures, and hands 24-27 after their blind measures, for version 8). They were used to find what the reader
    got wrong, and the learned verdict is trained on them, so they are no longer a blind measure; the floors sit
    just below what the reader reached, so that later work keeps what they taught. Their annotators sometimes keep two requests in one
    ("please record the ReSPECT decisions and add her to the palliative care register") where the shared letters
    split them."""
    records = _hands(1, 27)
    assert len(records) >= 631
    _assert_floors(records, detection_f1=0.97, detection_recall=0.975, inappropriate_f1=0.96, inappropriate_recall=0.95)


def test_letters_by_the_ten_hands_of_version_9_do_not_regress() -> None:
    """259 letters (783 actions) by hands 28-37 (decision 0030): each scored once on arrival, six of them kept
    blind until the version 9 candidate, then all read for what the reader got wrong. They are harder than hands
    1-27 (paediatrics and maternity, cancer and tertiary centres, record-system layouts, OCR and speech-recognition
    dictation, letters to patients and advice replies), so they keep floors of their own, just below what the
    reader reaches on them (version 9: 0.951 detection F1, 0.923 flag F1; version 10, whose referral judgement
    raised flag recall from 0.896 to 0.940: 0.953 and 0.947), rather than pulling the older hands' floors down."""
    records = _hands(28, 37)
    assert len(records) >= 259
    _assert_floors(records, detection_f1=0.94, detection_recall=0.94, inappropriate_f1=0.93, inappropriate_recall=0.92)


def test_letters_by_the_hands_of_version_11_do_not_regress() -> None:
    """152 letters (479 actions) by hands 38-49 (decision 0032): hands 38, 39, 41, 42 and 46 measured blind against
    version 10, 45 and 49 once each on arrival, then all read for what the reader got wrong. Hand 49's long run-on
    dictation was the weakest form measured (version 10: 0.786 detection F1 on it). Version 10 read the set at 0.901
    detection F1 and 0.846 flag F1; version 11 at 0.944 and 0.935. The floors sit just below version 11."""
    records = _hands(38, 49)
    assert len(records) >= 152
    _assert_floors(records, detection_f1=0.93, detection_recall=0.95, inappropriate_f1=0.92, inappropriate_recall=0.92)


def test_letters_by_the_hands_of_version_12_do_not_regress() -> None:
    """Hand 53 (decision 0033): 20 scanned letters with OCR noise, flattened tables and boxes (79 actions), measured
    blind against version 11 at 0.981 detection F1 and 0.985 flag F1, then read for what the reader got wrong;
    version 12 reads it at 1.000 and 1.000. The floors sit just below the blind figures, so they still hold if the
    learned verdict is retrained without it."""
    records = _hands(53, 53)
    assert len(records) >= 20
    _assert_floors(records, detection_f1=0.97, detection_recall=0.97, inappropriate_f1=0.97, inappropriate_recall=0.96)


def test_letters_by_the_hands_of_version_13_do_not_regress() -> None:
    """Hands 54-56 (decision 0034): 60 letters (228 actions) to the patient, advice replies and returned referrals
    (54), clean typed letters with subtle breaches (55) and long discharge summaries with conditional instructions
    (56), each measured blind against version 12 on arrival (together 0.956 detection F1 and 0.871 flag F1, flag
    recall 0.822), then read for what the reader got wrong; version 13 reads them at 0.987 and 0.978. The floors sit
    between the two, so a change that undoes version 13's fixes fails while a retrained verdict has room."""
    records = _hands(54, 56)
    assert len(records) >= 60
    _assert_floors(records, detection_f1=0.97, detection_recall=0.97, inappropriate_f1=0.94, inappropriate_recall=0.93)


def test_the_long_narrative_dictation_of_hand_60_does_not_regress() -> None:
    """Hand 60 (decision 0034): 20 long dictated clinic letters with requests buried mid-paragraph, hedged or split
    between hospital and practice (69 actions), measured blind against version 12 and the version 13 candidate
    alike at 0.904 detection F1 and 0.842 flag F1, then read; version 13 reads it at 0.942 and 0.933. Floors between
    the two, as for hands 54-56."""
    records = _hands(60, 60)
    assert len(records) >= 20
    _assert_floors(records, detection_f1=0.92, detection_recall=0.92, inappropriate_f1=0.89, inappropriate_recall=0.90)


def test_letters_by_the_hands_of_version_14_do_not_regress() -> None:
    """Hands 57-59 (decision 0036): 60 letters (224 actions) of telegraphic cards and notes (57), letters to the patient,
    advice replies and letters to a named GP (58), and a practice's mixed post with situational verdicts (59), measured
    blind against version 13 (together 0.950 detection F1 and 0.862 flag F1, flag recall 0.806) and the version 14
    verdict, then read for what the reader got wrong; version 14 reads them at 0.973 and 0.984. Floors between the
    two, as for hands 54-56."""
    records = _hands(57, 59)
    assert len(records) >= 60
    _assert_floors(records, detection_f1=0.96, detection_recall=0.96, inappropriate_f1=0.94, inappropriate_recall=0.93)


def test_the_system_printed_discharge_summaries_of_hand_62_do_not_regress() -> None:
    """Hand 62 (decision 0036): 20 electronic discharge summaries and ED letters as hospital systems print them (72
    actions), measured blind against version 13 and the version 14 verdict alike at 0.940 detection F1 and 0.868 flag
    F1 (flag recall 0.793), then read; version 14 reads it at 0.940 and 0.947. Floors between the two."""
    records = _hands(62, 62)
    assert len(records) >= 20
    _assert_floors(records, detection_f1=0.93, detection_recall=0.96, inappropriate_f1=0.90, inappropriate_recall=0.86)


def test_the_less_common_specialties_of_hand_64_do_not_regress() -> None:
    """Hand 64 (decision 0036): 20 letters from paediatrics, older people's medicine, palliative care, mental health,
    HIV, renal and oncology with indirect requests (77 actions), measured blind at 0.968 detection F1 and 0.862 flag F1
    on version 13 and 0.900 on the version 14 verdict, then read; version 14 reads it at 0.981 and 1.000."""
    records = _hands(64, 64)
    assert len(records) >= 20
    _assert_floors(records, detection_f1=0.96, detection_recall=0.96, inappropriate_f1=0.90, inappropriate_recall=0.87)


def test_the_surgical_patient_and_scanned_letters_of_hands_61_63_65_do_not_regress() -> None:
    """Hands 61, 63 and 65 (decision 0037): 60 surgical and procedural letters (61), letters whose addressee and voice
    vary (63) and scanned, faxed and pasted letters (65), 220 actions, kept unread through version 14 (together 0.959
    detection F1 and 0.973 flag F1 on it), then read; version 15 reads them at 0.970 and 0.978."""
    records = [r for r in _hands(61, 65) if r["id"].split("-")[0] in ("h61", "h63", "h65")]
    assert len(records) >= 60
    _assert_floors(records, detection_f1=0.96, detection_recall=0.95, inappropriate_f1=0.96, inappropriate_recall=0.95)


def test_the_messy_cards_and_third_authors_post_of_hands_67_68_do_not_regress() -> None:
    """Hands 67 and 68 (decision 0037): 40 ED and same-day emergency cards, virtual-ward and out-of-hours summaries
    (67) and a third author's mix of clean and messy post (68), 143 actions, measured blind on version 14 at 0.886
    detection F1 and 0.812 flag F1 (flag recall 0.719), then read; version 15 reads them at 0.951 and 0.964. Floors
    between the two."""
    records = _hands(67, 68)
    assert len(records) >= 40
    _assert_floors(records, detection_f1=0.93, detection_recall=0.93, inappropriate_f1=0.92, inappropriate_recall=0.89)


def test_the_messy_discharges_and_other_professions_letters_of_hands_69_71_do_not_regress() -> None:
    """Hands 69 and 71 (decision 0037): 40 hurried electronic, virtual-ward and speech-recognition discharges (69) and
    letters whose reader is not only the GP: to patients and parents, advice replies, nurses, a pharmacist and
    therapists, team to team (71), 139 actions, measured blind on versions 14 and 15 alike at 0.896 detection F1 and
    0.819 flag F1 (flag recall 0.768), then read; version 15 reads them at 0.965 and 0.946. Floors between the two."""
    records = [r for r in _hands(69, 71) if r["id"].split("-")[0] in ("h69", "h71")]
    assert len(records) >= 40
    _assert_floors(records, detection_f1=0.93, detection_recall=0.94, inappropriate_f1=0.89, inappropriate_recall=0.88)


def test_the_indirect_requests_and_letters_to_others_of_hands_73_74_do_not_regress() -> None:
    """Hands 73 and 74 (decision 0037): 40 letters of indirect requests from many teams (73) and letters written to
    patients, parents, a care home and colleagues with the practice copied in (74), 151 actions, measured blind on
    version 14 at 0.902 detection F1 and 0.814 flag F1 (flag recall 0.762) and on version 15 (`48863d1`) at 0.906 and
    0.807, then read; version 15 reads them at 0.948 and 0.915. Floors between the two."""
    records = [r for r in _hands(73, 74) if r["id"].split("-")[0] in ("h73", "h74")]
    assert len(records) >= 40
    _assert_floors(records, detection_f1=0.92, detection_recall=0.94, inappropriate_f1=0.87, inappropriate_recall=0.87)


def test_the_indirect_and_implied_requests_of_hand_76_do_not_regress() -> None:
    """Hand 76 (decision 0037): 20 letters whose requests are indirect or implied ("she will need her INR checked on
    Monday", "the remaining five days will need to come from the surgery", "over to you for"), 72 actions, measured blind
    on version 14 at 0.859 detection F1 and 0.622 flag F1 (flag recall 0.467) and on version 15 (`290db6c`) at 0.859
    and 0.652, then read. Floors between the blind figures and what version 15 now reads."""
    records = _hands(76, 76)
    assert len(records) >= 20
    _assert_floors(records, detection_f1=0.91, detection_recall=0.93, inappropriate_f1=0.84, inappropriate_recall=0.80)


def test_the_messy_cards_tables_and_dictation_of_hand_79_do_not_regress() -> None:
    """Hand 79 (decision 0037): 20 messy letters (hurried ED and same-day emergency cards, free-text action boxes, a
    falls team's table flattened with slashes, unchecked dictation), 71 actions, measured blind on version 14 at 0.879
    detection F1 and 0.815 flag F1 and on version 15 (`b5b0230`) at 0.894 and 0.815, then read. Floors between."""
    records = _hands(79, 79)
    assert len(records) >= 20
    _assert_floors(records, detection_f1=0.92, detection_recall=0.92, inappropriate_f1=0.85, inappropriate_recall=0.84)


def test_the_letters_to_patients_of_hands_75_and_81_do_not_regress() -> None:
    """Hands 75 and 81 (decision 0038): 40 letters written to the patient, a parent or a carer with the practice's
    tasks embedded ("your GP will receive the result and will contact you", "please ask your GP to refer you again",
    "so please ask your GP for one"), 134 actions. Measured blind on version 15 at 0.918 and 0.971 detection F1 and
    0.773 and 0.893 flag F1, then read; version 16 reads them at 0.977 / 0.962 and 0.986 / 0.949. Floors between."""
    records = _hands(75, 75) + _hands(81, 81)
    assert len(records) >= 40
    _assert_floors(records, detection_f1=0.95, detection_recall=0.95, inappropriate_f1=0.92, inappropriate_recall=0.93)


def test_the_discharges_and_long_dictation_of_hands_83_and_85_do_not_regress() -> None:
    """Hands 83 and 85 (decision 0038): 40 discharge summaries, ED and same-day emergency letters (TTO tables, OCR
    splits such as "ch eck" and "re fer", "H. pylori") and long dictated letters with requests buried in the narrative,
    140 actions. Measured blind on version 15 at 0.957 and 0.925 detection F1 and 0.868 and 0.857 flag F1, then read;
    version 16 reads them at 0.957 / 0.940 and 0.929 / 0.875. Floors between."""
    records = _hands(83, 83) + _hands(85, 85)
    assert len(records) >= 40
    _assert_floors(records, detection_f1=0.93, detection_recall=0.95, inappropriate_f1=0.88, inappropriate_recall=0.88)


def test_the_terse_third_author_and_messy_systems_of_hands_70_and_77_do_not_regress() -> None:
    """Hands 70 and 77 (decision 0038): 40 letters, a terse third author (requests in a P.S., a numbered plan, a line
    of its own in small letters) and messy post from several hospital systems (labelled boxes, inline dashed plans,
    unchecked speech recognition that types "full stop"), 140 actions. Measured blind on version 15 at 0.959 and 0.916
    detection F1 and 0.866 and 0.857 flag F1, then read; version 16 reads them at 0.966 / 0.938 and 0.933 / 0.949.
    Floors between."""
    records = _hands(70, 70) + _hands(77, 77)
    assert len(records) >= 40
    _assert_floors(records, detection_f1=0.93, detection_recall=0.95, inappropriate_f1=0.90, inappropriate_recall=0.90)


def test_the_less_common_specialties_and_telegraphic_forms_of_hands_84_and_86_do_not_regress() -> None:
    """Hands 84 and 86 (decision 0038): 40 letters from mental health, community, paediatric, maternity, sexual health,
    learning disability and palliative teams, and telegraphic outcome forms, advice replies and returned referrals,
    143 actions. Measured blind on version 16's first two rounds at 0.952 and 0.940 detection F1 and 0.929 and 0.915
    flag F1, then read; version 16 reads them at 0.952 / 0.929 and 0.940 / 0.951. Floors just below."""
    records = _hands(84, 84) + _hands(86, 86)
    assert len(records) >= 40
    _assert_floors(records, detection_f1=0.93, detection_recall=0.92, inappropriate_f1=0.91, inappropriate_recall=0.90)


def test_the_community_services_and_fourth_author_of_hands_91_and_93_do_not_regress() -> None:
    """Hands 91 and 93 (decision 0039): 40 letters from mental health, community and learning-disability services
    (templates with tick boxes, letters to parents) and a fourth author's mixed week of medical post ("Dear Tom," to a
    GP named "Dr T Wisniewski"), 143 actions. Measured blind on versions 16 and 17 at 0.955 and 0.922 detection F1 and
    0.857 and 0.893 flag F1, then read; version 17 reads them at 0.971 / 0.966 and 0.949 / 0.983. Floors between."""
    records = _hands(91, 91) + _hands(93, 93)
    assert len(records) >= 40
    _assert_floors(records, detection_f1=0.94, detection_recall=0.96, inappropriate_f1=0.94, inappropriate_recall=0.95)


def test_the_hands_of_version_18_do_not_regress() -> None:
    """Hands 95 to 98 (decision 0042): 80 letters (282 actions) of ward and mental health discharges with the request
    in a table cell (95), letters to the patient, ED cards, advice replies and scanned letters (96), long surgical
    dictation with conditional re-referrals (97) and breaches without cue words (98). Measured blind on version 17
    (`894dcea`) at 0.924 detection F1 and 0.861 flag F1 (recall 0.814), then read; version 18 reads them at 0.960 and
    0.957. Floors between the two."""
    records = _hands(95, 98)
    assert len(records) == 80
    _assert_floors(records, detection_f1=0.94, detection_recall=0.95, inappropriate_f1=0.92, inappropriate_recall=0.90)


def test_the_second_round_of_hands_of_version_18_does_not_regress() -> None:
    """Hands 99 to 102 (decision 0042): 80 letters (272 actions) of ED, same-day and frailty cards (99), community and
    independent-sector services with owner tables (100), clean medical clinic letters with polite breaches (101) and
    scanned, faxed and pasted letters (102). Written while the first round's fixes were made and measured blind on
    version 17 (`894dcea`) at 0.951 detection F1 and 0.852 flag F1, and on the first round's fixes at 0.965 and
    0.856, then read; version 18 reads them at 0.976 and 0.934. Floors between."""
    records = _hands(99, 102)
    assert len(records) == 80
    _assert_floors(records, detection_f1=0.96, detection_recall=0.97, inappropriate_f1=0.90, inappropriate_recall=0.88)


def test_the_third_round_of_hands_of_version_18_does_not_regress() -> None:
    """Hands 103 to 105 (decision 0042): 60 letters (215 actions) of a practice's mixed week from four trusts (103),
    the same request owned differently by the situation (104) and a terse third voice with nurses, a pharmacist, an
    optometrist and hospices (105). Written after rounds one and two, measured blind on version 17 (`894dcea`) at
    0.908 detection F1 and 0.909 flag F1 and on version 18's second round at 0.925 and 0.914, then read; version 18
    reads them at 0.955 and 0.943. Floors between."""
    records = _hands(103, 105)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.94, detection_recall=0.93, inappropriate_f1=0.92, inappropriate_recall=0.90)


def test_the_fourth_round_of_hands_of_version_18_does_not_regress() -> None:
    """Hands 106 to 109 (decision 0042): 80 letters (258 actions) of diagnostic and procedural reports (106),
    children's and families' services (107), badly typed letters (108) and record-system discharge summaries (109).
    Measured blind on version 17 (`894dcea`) at 0.879 detection F1 and 0.871 flag F1 and on version 18's third round
    at 0.898 and 0.867, then read; version 18 reads them at 0.958 and 0.916. Floors between."""
    records = _hands(106, 109)
    assert len(records) == 80
    _assert_floors(records, detection_f1=0.94, detection_recall=0.95, inappropriate_f1=0.89, inappropriate_recall=0.89)


def test_the_fifth_round_of_hands_of_version_18_does_not_regress() -> None:
    """Hands 110 to 113 (decision 0042): 80 letters (267 actions) of record-system discharge summaries (110),
    children's services (111), badly typed letters (112) and result letters (113). Measured blind on version 17
    (`894dcea`) at 0.884 detection F1 and 0.847 flag F1 and on version 18's fourth round at 0.912 and 0.877, then
    read; version 18 reads them at 0.935 and 0.901. Floors between."""
    records = _hands(110, 113)
    assert len(records) == 80
    _assert_floors(records, detection_f1=0.92, detection_recall=0.90, inappropriate_f1=0.88, inappropriate_recall=0.85)


def test_the_blind_hands_read_for_version_18_do_not_regress() -> None:
    """Hands 72 and 82 (decision 0042): kept unread through version 17 (0.978 and 0.973 detection F1, 0.933 and 0.912
    flag F1), then read for two fixes (a memantine handover whose shared care papers will follow, a referral for what
    the letter calls part of the treated disease). Floors just below what version 18 reads."""
    records = _hands(72, 72) + _hands(82, 82)
    assert len(records) == 40
    _assert_floors(records, detection_f1=0.96, detection_recall=0.95, inappropriate_f1=0.93, inappropriate_recall=0.92)


def test_the_telegraphic_cards_and_discharges_of_hand_119_do_not_regress() -> None:
    """Hand 119 (decision 0043): 20 hurried ward discharges and emergency cards (one entry a line, hardly a full stop,
    the request inside a medicines table's cell or after a run of results), 77 actions, measured blind on version 17
    at 0.923 detection F1 and 0.889 flag F1 and on version 18 at 0.923 and 0.918 (detection recall 0.857), then read;
    version 19 reads it at 0.974 and 0.969. Floors between the two."""
    records = _hands(119, 119)
    assert len(records) == 20
    _assert_floors(records, detection_f1=0.95, detection_recall=0.93, inappropriate_f1=0.94, inappropriate_recall=0.90)


def test_the_long_dictation_of_hand_121_does_not_regress() -> None:
    """Hand 121 (decision 0043): 20 long dictated letters, some by speech recognition (conditional referrals, the GP
    asked by name, shared care handed over or still to come), 76 actions, measured blind on version 17 at 0.933
    detection F1 and 0.933 flag F1 and on versions 18 and 19 at 0.933 and 0.918, then read; version 19 reads it at 0.947
    and 0.935. Floors between the two."""
    records = _hands(121, 121)
    assert len(records) == 20
    _assert_floors(records, detection_f1=0.94, detection_recall=0.94, inappropriate_f1=0.92, inappropriate_recall=0.90)


def test_the_community_letters_and_letters_to_patients_of_hands_117_120_and_124_do_not_regress() -> None:
    """Hands 117, 120 and 124 (decision 0044): result and discharge forms with tick boxes (117), letters to patients and
    advice replies (120), community and independent-sector letters (124), 248 actions, measured blind on version 19 at
    0.953, 0.923 and 0.951 detection F1 and 0.892, 0.930 and 0.882 flag F1, then read; version 20 reads them at 0.974
    and 0.950 together. Floors between."""
    records = _hands(117, 117) + _hands(120, 120) + _hands(124, 124)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.96, detection_recall=0.96, inappropriate_f1=0.93, inappropriate_recall=0.93)


def test_the_result_letters_of_hand_116_do_not_regress() -> None:
    """Hand 116 (decision 0044): 20 result and report letters, each saying who asked for the test, 51 actions, kept blind
    for three versions (0.926 detection F1 and 0.727 flag F1 on version 17, 0.935 and 0.762 on versions 18 and 19 and on
    version 20 as first made), then read; version 20 reads it at 0.962 and 0.936. Floors between."""
    records = _hands(116, 116)
    assert len(records) == 20
    _assert_floors(records, detection_f1=0.95, detection_recall=0.96, inappropriate_f1=0.88, inappropriate_recall=0.90)


def test_the_reports_discharges_urgent_care_surgical_and_older_peoples_letters_of_version_21_do_not_regress() -> None:
    """Hands 125, 127 to 130 and 133 (decision 0045): result reports (125), record-system discharge summaries (127),
    urgent and same-day care cards (128), surgical and pre-operative letters (129), older people's services (130) and
    writers with an unusual English (133), 482 actions, measured blind on version 20 at 0.942 detection F1 and 0.891 flag
    F1, then read; version 21 reads them at 0.978 and 0.962. Floors between."""
    records = _hands(125, 125) + _hands(127, 130) + _hands(133, 133)
    assert len(records) == 120
    _assert_floors(records, detection_f1=0.96, detection_recall=0.97, inappropriate_f1=0.94, inappropriate_recall=0.95)


def test_the_one_paragraph_letters_of_hand_136_do_not_regress() -> None:
    """Hand 136 (decision 0045): 20 letters of one or two long paragraphs with several requests a sentence, 75 actions,
    measured blind on versions 20 and 21 at 0.809 detection F1 and 0.733 flag F1, then read; version 21 reads it at
    0.842 and 0.793. Most of what it still misses is how finely its author cuts one sentence into requests, where the
    other annotated hands cut less. Floors between."""
    records = _hands(136, 136)
    assert len(records) == 20
    _assert_floors(records, detection_f1=0.83, detection_recall=0.73, inappropriate_f1=0.78, inappropriate_recall=0.72)


def test_the_badly_typed_letters_and_near_twins_of_hands_115_and_126_do_not_regress() -> None:
    """Hands 115 (badly typed letters: misspelt words, lists numbered without stops, headings in small letters) and 126
    (near-twin situations) (decision 0045), 150 actions, kept blind through versions 19 and 20 (0.949 detection F1 and
    0.883 flag F1 on version 20), then read; version 21 reads them at 0.963 and 0.926. Floors between."""
    records = _hands(115, 115) + _hands(126, 126)
    assert len(records) == 40
    _assert_floors(records, detection_f1=0.95, detection_recall=0.94, inappropriate_f1=0.90, inappropriate_recall=0.90)


def test_the_returned_referrals_template_letters_and_advice_replies_of_version_22_do_not_regress() -> None:
    """Hands 138 (booking offices, returned referrals, waiting-list validation), 141 (template letters with a summary
    box) and 142 (advice and guidance replies) (decision 0046), 237 actions, measured blind on version 21 at 0.886
    detection F1 and 0.806 flag F1, then read; version 22 reads them at 0.927 and 0.922. Floors between."""
    records = _hands(138, 138) + _hands(141, 142)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.91, detection_recall=0.95, inappropriate_f1=0.90, inappropriate_recall=0.92)


def test_the_nurse_led_clinics_and_hospice_discharges_of_version_22_do_not_regress() -> None:
    """Hands 144 (nurse-led and remote clinics) and 145 (community hospitals, hospices, mental health wards) (decision
    0046), 165 actions, measured blind on version 21 at 0.939 detection F1 and 0.876 flag F1, then read; version 22
    reads them at 0.950 and 0.971. Floors between."""
    records = _hands(144, 145)
    assert len(records) == 40
    _assert_floors(records, detection_f1=0.94, detection_recall=0.97, inappropriate_f1=0.95, inappropriate_recall=0.95)


def test_the_action_logs_and_short_eye_ear_and_skin_letters_of_version_22_do_not_regress() -> None:
    """Hands 146 (action logs and grids with owner columns) and 148 (short ophthalmology, ENT, dermatology and OMFS
    letters) (decision 0046), 156 actions, measured blind on version 21 at 0.960 detection F1 and 0.876 flag F1, then
    read; version 22 reads them at 0.978 and 0.910. Floors between."""
    records = _hands(146, 146) + _hands(148, 148)
    assert len(records) == 40
    _assert_floors(records, detection_f1=0.97, detection_recall=0.98, inappropriate_f1=0.89, inappropriate_recall=0.91)


def test_the_email_threads_screening_letters_and_transfer_letters_of_version_23_do_not_regress() -> None:
    """Hands 150 (forwarded email threads and portal message chains), 152 (screening and surveillance programmes) and
    156 (letters between hospitals copied to the GP) (decision 0047), 221 actions, measured blind on version 22 at 0.874
    detection F1 and 0.847 flag F1, then read; version 23 reads them at 0.964 and 0.919. Floors between."""
    records = _hands(150, 150) + _hands(152, 152) + _hands(156, 156)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.95, detection_recall=0.95, inappropriate_f1=0.90, inappropriate_recall=0.89)


def test_the_practice_roles_pharmacy_and_safeguarding_letters_of_version_23_do_not_regress() -> None:
    """Hands 157 (the practice's staff and its neighbours named by role), 158 (hospital pharmacy and the Discharge
    Medicines Service) and 159 (safeguarding and looked-after children) (decision 0047), 269 actions, measured blind on
    version 22 at 0.933 detection F1 and 0.886 flag F1, then read; version 23 reads them at 0.965 and 0.909. Floors
    between."""
    records = _hands(157, 159)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.95, detection_recall=0.96, inappropriate_f1=0.89, inappropriate_recall=0.86)


def test_the_cancer_pathway_outcomes_unusual_layouts_and_record_system_letters_of_version_24_do_not_regress() -> None:
    """Hands 163 (outcome letters from urgent suspected cancer and rapid diagnostic pathways), 164 (capitals, nested
    lists, ASCII tables and checklists) and 165 (record system artefacts: placeholders, struck-out text, banners)
    (decision 0049), 229 actions, measured blind on version 23 at 0.942 detection F1 and 0.902 flag F1, then read;
    version 24 reads them at 0.993 and 0.954. Floors between."""
    records = _hands(163, 165)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.97, detection_recall=0.98, inappropriate_f1=0.93, inappropriate_recall=0.94)


def test_the_long_mixed_neurology_and_summary_box_letters_of_version_24_do_not_regress() -> None:
    """Hands 168 (very long letters with requests scattered and summed up again), 169 (sentences that mix the hospital's
    tasks with the practice's), 170 (neurology and stroke) and 172 (a summary box of GP actions worded unlike the body)
    (decision 0049), 355 actions, measured blind on version 23 at 0.858 detection F1 and 0.843 flag F1, then read;
    version 24 reads them at 0.899 and 0.883. Floors between."""
    records = _hands(168, 170) + _hands(172, 172)
    assert len(records) == 80
    _assert_floors(records, detection_f1=0.88, detection_recall=0.95, inappropriate_f1=0.86, inappropriate_recall=0.92)


def test_the_several_reader_record_request_and_phone_typed_letters_of_version_24_do_not_regress() -> None:
    """Hands 173 (letters copied to several readers, a part for each), 174 (requests for what the practice's record
    holds) and 177 (letters typed on phones and dictation apps) (decision 0049), 243 actions, measured blind on version
    23 at 0.916 detection F1 and 0.908 flag F1, then read; version 24 reads them at 0.946 and 0.963. Floors between."""
    records = _hands(173, 174) + _hands(177, 177)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.93, detection_recall=0.96, inappropriate_f1=0.93, inappropriate_recall=0.94)


def test_the_renal_indirect_and_eye_and_ear_letters_of_version_25_do_not_regress() -> None:
    """Hands 184 (renal and transplant), 186 (work handed to the practice in indirect, polite or implied ways) and 187
    (ENT, audiology and ophthalmology) (decision 0050), 239 actions, measured blind on version 24 at 0.904 detection F1
    and 0.849 flag F1, then read; version 25 reads them at 0.973 and 0.974. Floors between."""
    records = _hands(184, 184) + _hands(186, 187)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.95, detection_recall=0.97, inappropriate_f1=0.95, inappropriate_recall=0.93)


def test_the_surgical_mental_health_and_told_to_the_patient_letters_of_version_25_do_not_regress() -> None:
    """Hands 189 (cardiothoracic and vascular surgery), 191 (acute mental health) and 192 (the practice's task told as
    what the patient was told or agreed) (decision 0050), 244 actions, measured blind on version 25's first round (and
    on version 24, alike) at 0.883 detection F1 and 0.804 flag F1, then read; version 25 reads them at 0.976 and 0.909. Floors between."""
    records = _hands(189, 189) + _hands(191, 192)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.95, detection_recall=0.97, inappropriate_f1=0.88, inappropriate_recall=0.93)


def test_the_supply_shared_care_and_private_letters_of_version_25_do_not_regress() -> None:
    """Hands 196 (how much medicine the hospital supplied and who supplies the rest), 197 (gender identity and other
    services asking the practice to prescribe and monitor hormones) and 198 (private consultations writing to the NHS
    GP) (decision 0050), 226 actions, measured blind on version 25's second round (and on version 24, alike) at 0.974
    detection F1 and 0.884 flag F1, then read; version 25 reads them at 0.980 and 0.922. Floors between."""
    records = _hands(196, 198)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.97, detection_recall=0.98, inappropriate_f1=0.89, inappropriate_recall=0.89)


def test_the_emergency_dental_and_advice_reply_letters_of_version_25_do_not_regress() -> None:
    """Hands 201 (emergency department letters sending the patient to the GP), 205 (dental and maxillofacial) and 206
    (advice replies and returned referrals asking for a work-up first) (decision 0050), 256 actions, measured blind on
    version 25's third round at 0.943 detection F1 and 0.850 flag F1, then read; version 25 reads them at 0.951 and
    0.886. Floors between."""
    records = _hands(201, 201) + _hands(205, 206)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.94, detection_recall=0.94, inappropriate_f1=0.86, inappropriate_recall=0.84)


def test_the_diabetes_tertiary_and_haematology_letters_of_version_26_do_not_regress() -> None:
    """Hands 216 (endocrinology and diabetes), 217 (tertiary centres far from the patient's home) and 218 (haematology
    and anticoagulation) (decision 0051), 237 actions, measured blind on version 25 at 0.944 detection F1 and 0.925 flag
    F1, then read; version 26 reads them at 0.963 and 0.941. Floors between."""
    records = _hands(216, 218)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.95, detection_recall=0.98, inappropriate_f1=0.93, inappropriate_recall=0.92)


def test_the_oncology_and_mental_health_letters_of_version_27_do_not_regress() -> None:
    """Hands 224 (oncology treatment and survivorship) and 225 (community mental health, memory and adult ADHD services)
    (decision 0053), 158 actions, measured blind on version 26 at 0.960 detection F1 and 0.897 flag F1, then read;
    version 27 reads them at 0.972 and 0.962. Floors between."""
    records = _hands(224, 225)
    assert len(records) == 40
    _assert_floors(records, detection_f1=0.96, detection_recall=0.98, inappropriate_f1=0.93, inappropriate_recall=0.93)


def test_the_allergy_and_vascular_letters_of_version_28_do_not_regress() -> None:
    """Hands 226 (allergy and clinical immunology) and 228 (vascular, diabetic foot, podiatry and wound clinics)
    (decision 0054), 151 actions, measured blind on version 27 at 0.955 detection F1 and 0.896 flag F1, then read;
    version 28 reads them at 0.974 and 0.953. Floors between."""
    records = _hands(226, 226) + _hands(228, 228)
    assert len(records) == 40
    _assert_floors(records, detection_f1=0.96, detection_recall=0.98, inappropriate_f1=0.92, inappropriate_recall=0.92)


def test_the_surgical_and_less_common_service_letters_of_version_29_do_not_regress() -> None:
    """Hands 229 (surgical discharges and clinics) and 230 (sexual health, infection, pharmacy, maxillofacial, audiology,
    dietetics and wheelchair services) (decision 0056), 105 actions, measured blind on version 28 at 0.948 detection F1
    and 0.842 flag F1, then read; version 29 reads them at 0.990 and 1.000. Floors between."""
    records = _hands(229, 230)
    assert len(records) == 40
    _assert_floors(records, detection_f1=0.96, detection_recall=0.97, inappropriate_f1=0.93, inappropriate_recall=0.93)


def test_the_long_term_condition_and_older_peoples_letters_of_version_30_do_not_regress() -> None:
    """Hands 233 (diabetes, renal, respiratory, cardiology, neurology and rheumatology clinics) and 234 (older people,
    mental health and learning disability services) (decision 0057), 124 actions, measured blind on version 29 at 0.932
    detection F1 and 0.843 flag F1, then read; version 30 reads them at 0.951 and 0.905. Floors between."""
    records = _hands(233, 234)
    assert len(records) == 40
    _assert_floors(records, detection_f1=0.94, detection_recall=0.92, inappropriate_f1=0.88, inappropriate_recall=0.86)


def test_the_medical_clinic_discharge_and_cancer_letters_of_version_31_do_not_regress() -> None:
    """Hands 238 (medical outpatient clinics), 239 (discharge summaries from medical and surgical wards) and 241
    (oncology, haematology, palliative care, urology and renal medicine) (decision 0058), 174 actions, measured blind on
    version 30 at 0.949 detection F1 and 0.879 flag F1, then read; version 31 reads them at 0.986 and 0.983. Floors
    between."""
    records = _hands(238, 239) + _hands(241, 241)
    assert len(records) == 60
    _assert_floors(records, detection_f1=0.96, detection_recall=0.95, inappropriate_f1=0.94, inappropriate_recall=0.94)


def test_the_courteous_clinic_and_templated_letters_of_version_33_do_not_regress() -> None:
    """Hands 246 (long courteous clinic letters with a summary box and a list of GP actions) and 249 (electronic templates
    with actions for the hospital, the GP and the patient) (decision 0060), 126 actions, measured blind on version 32 at
    0.880 detection F1 and 0.897 flag F1, then read; version 33 reads them at 0.943 and 0.933. Floors between."""
    records = _hands(246, 246) + _hands(249, 249)
    assert len(records) == 40
    _assert_floors(records, detection_f1=0.92, detection_recall=0.96, inappropriate_f1=0.91, inappropriate_recall=0.94)


def _hands(first: int, last: int) -> list[dict[str, Any]]:
    """The annotated letters of hands first..last (each hand's ids carry its number: h1-01 ... h37-25)."""
    return [r for r in load_dir(HANDS_DIR) if first <= int(r["id"][1:].split("-")[0]) <= last]


def test_letters_by_new_hands_are_valid_annotations() -> None:
    for record in load_dir(HANDS_DIR):
        # each hand's ids carry its number: h1-01 ... h14-34
        assert re.fullmatch(r"h\d{1,3}-\d{2}", record["id"]), record["id"]
        for gold in record["gold"]:
            assert gold["quote"] in record["text"]
            assert (gold["verdict"] == "inappropriate") == (gold["rule"] is not None)


FORMS_DIR = Path(__file__).parent / "forms"


def test_letters_in_forms_the_shared_sets_do_not_cover_do_not_regress() -> None:
    """18 letters of our own in forms batch-d does not cover (issue 18; six never tuned on): floors just below the
    figures reader version 4 reached (detection F1 0.929, flag F1 0.897), so flag work cannot overfit batch-d unseen."""
    records = load_dir(FORMS_DIR)
    assert len(records) >= 18
    _assert_floors(records, detection_f1=0.92, detection_precision=0.98, inappropriate_f1=0.88)
