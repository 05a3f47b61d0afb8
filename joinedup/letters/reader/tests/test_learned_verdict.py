"""The learned verdict (learned.py, decisions 0028 and 0035): scored as scikit-learn scores it, kept up to date with
the annotated letters, reading what the letter says happened, and only ever adding a flag where the rules found
neither a breach nor a reason against one."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from joinedup.letters.reader import classify, learned
from joinedup.letters.reader import train_verdict_model as training
from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, only_action

sklearn = pytest.importorskip("sklearn", reason="scikit-learn is in requirements/test.txt")

OWN_LETTERS = Path(__file__).parent / "letters"


@pytest.fixture
def model_threshold(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Set the shipped model's threshold: 0 makes it sure of a breach everywhere, above 1 silences it."""

    def set_to(threshold: float) -> None:
        model = dataclasses.replace(learned.shipped_model(), threshold=threshold)
        monkeypatch.setattr(classify, "shipped_model", lambda: model)

    yield set_to


@pytest.mark.parametrize(
    "text",
    [
        "Please re-check U&Es in 1/52 — K+ 5.9 (ref 3.5–5.3).",
        "GP pls chase CT TAP & inform pt; thx",
        "Dr O'Neill: sick note x2/52 post-op, café-au-lait, naïve, ١٢٣ digits",
        "a\tb  c\nd",
        "",
    ],
)
def test_the_words_are_those_scikit_learn_makes(text: str) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyse = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()
    assert learned.terms(text) == analyse(text)


def test_the_score_is_scikit_learns_probability() -> None:
    described, hospital = training.gold_requests(sorted(OWN_LETTERS.glob("*.json")))
    vectoriser, classifier = training.fit(described, hospital)
    model = learned.VerdictModel(
        weights={term: (vectoriser.idf_[i], classifier.coef_[0][i]) for term, i in vectoriser.vocabulary_.items()},
        intercept=classifier.intercept_[0],
        threshold=0.7,
        longest=2,
    )
    expected = classifier.predict_proba(vectoriser.transform(described))[:, 1]
    assert len(described) > 50
    for made, probability in zip(described, expected, strict=True):
        assert model.opinion(made).probability == pytest.approx(probability, abs=1e-9)


def test_the_shipped_weights_are_what_the_annotated_letters_train(capsys: pytest.CaptureFixture[str]) -> None:
    shipped = json.loads(learned.MODEL_PATH.read_text(encoding="utf-8"))
    here = {f"{path.parent.name}/{path.name}" for path in training.training_files()}
    # skip only when a set the weights were trained on is missing (the shared letters sit outside the repository); a
    # set added since, such as a new hand's letters, makes the weights stale and fails
    if any("/".join(entry["file"].split("/")[-2:]) not in here for entry in shipped["trained_on"]):
        pytest.skip("some annotated sets the weights were trained on are not here (the shared letters?)")
    assert training.main(["--check"]) == 0, capsys.readouterr().out


def test_a_change_to_the_letters_makes_the_weights_stale() -> None:
    shipped = json.loads(learned.MODEL_PATH.read_text(encoding="utf-8"))
    assert training.why_stale(shipped, shipped) is None
    moved = {**shipped, "weights": {**shipped["weights"], "refer": [1.0, 9.0]}}
    assert training.why_stale(shipped, moved) == "the weight of 'refer' differs"
    retrained = {**shipped, "trained_on": shipped["trained_on"][1:]}
    assert training.why_stale(shipped, retrained) == "the annotated letters have changed since the weights were trained"


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        # a scan of what the hospital's own imaging found, asked of the GP in shorthand
        ("GP to request CT thorax re the pulmonary nodule.\n", "provider_follow_up"),
        ("GP to arrange a CT of the abdomen to look at the adrenal nodule.\n", "provider_follow_up"),
    ],
)
def test_the_model_flags_what_the_rules_let_through(body: str, rule: str, model_threshold: object) -> None:
    assert callable(model_threshold)
    model_threshold(1.01)
    assert only_action(clinic_letter(body)).verdict == "appropriate"
    model_threshold(learned.shipped_model().threshold)
    action = only_action(clinic_letter(body))
    assert (action.verdict, action.rule) == ("inappropriate", rule)
    assert "learned verdict" in action.reason


@pytest.mark.parametrize(
    "body",
    [
        "I have discharged her today, but if the bleeding comes back please re-refer her to us.\n",
        "? refer to community alcohol team - he is keen\n",
        "Quite separately, her knee is painful; please refer her to the orthopaedic clinic.\n",
        "Could the practice take over prescribing of her omeprazole from next month.\n",
        "Please continue azathioprine under the shared care agreement already in place.\n",
        "Please issue her usual inhaler on repeat when it next runs out.\n",
    ],
)
def test_a_request_the_rules_cleared_for_a_reason_stays_the_gps(body: str, model_threshold: object) -> None:
    assert callable(model_threshold)
    model_threshold(1.01)
    assert [a.verdict for a in read_letter(clinic_letter(body))] == ["appropriate"]
    model_threshold(0.0)  # the model sure of a breach everywhere
    assert [a.verdict for a in read_letter(clinic_letter(body))] == ["appropriate"]


def test_the_model_never_removes_or_changes_a_flag_the_rules_raise(model_threshold: object) -> None:
    assert callable(model_threshold)
    letters = [letter for path in sorted(OWN_LETTERS.glob("*.json")) for letter in json.loads(path.read_text())]
    letters.append(
        {
            "text": discharge_summary("TTO: co-amoxiclav 3 days supplied; GP to continue for 4 more days."),
            "doc_type": "discharge_summary",
        }
    )
    model_threshold(1.01)
    rules_only = [read_letter(letter["text"], letter.get("doc_type")) for letter in letters]
    model_threshold(0.0)
    everywhere = [read_letter(letter["text"], letter.get("doc_type")) for letter in letters]
    flagged = 0
    for before, after in zip(rules_only, everywhere, strict=True):
        assert [a.quote for a in before] == [a.quote for a in after]
        for rules, learned_too in zip(before, after, strict=True):
            if rules.verdict == "inappropriate":
                flagged += 1
                assert (learned_too.verdict, learned_too.rule) == ("inappropriate", rules.rule)
            assert learned_too.category == rules.category
    assert flagged > 20
