"""Train the learned verdict (learned.py) on every annotated letter the project has, and write its weights.

    python -m joinedup.letters.reader.train_verdict_model            # writes verdict_model.json
    python -m joinedup.letters.reader.train_verdict_model --check    # exit 1 if the shipped weights are stale

Needs scikit-learn (requirements/test.txt); the reader itself never imports this module. Training reads each
gold request's quote, category and verdict, with what its letter says (``situation.situation_terms``), not the
reader's output, so the weights do not depend on the rules' verdicts. The threshold was chosen on four hands'
letters as the reader first met them, blind, and confirmed on three more (decision 0035).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from .context import LetterContext, build_context
from .learned import MODEL_PATH
from .segment import segment
from .situation import situation_terms

READER_DIR = Path(__file__).resolve().parent
SHARED_LETTERS = READER_DIR.parents[2].parent / "shared" / "letters"
# The shared sets, then the project's own; a set that is missing (the shared letters sit outside the repository)
# is named in the weights so that --check can say why it cannot reproduce them.
TRAINING_SETS = (
    SHARED_LETTERS / "dev",
    SHARED_LETTERS / "next",
    READER_DIR / "tests" / "letters",
    READER_DIR / "tests" / "holdout",
    READER_DIR / "tests" / "forms",
    READER_DIR / "tests" / "unseen",
    READER_DIR / "tests" / "hands",
)
SETTINGS: dict[str, Any] = {
    "C": 10.0,
    "longest_run": 2,
    "min_df": 2,
    # flag a request the rules judged the practice's only when this sure it is the hospital's
    "threshold": 0.7,
}


def training_files() -> list[Path]:
    return [path for directory in TRAINING_SETS if directory.is_dir() for path in sorted(directory.glob("*.json"))]


def _sentence_before(units: list[Any], ctx: LetterContext, at: int) -> str:
    """The normalised unit before the one the quote starts in, when in the same paragraph (as the reader gives it)."""
    for index, unit in enumerate(units):
        if at < unit.end:
            previous = units[index - 1] if index else None
            if previous is not None and previous.paragraph == unit.paragraph:
                return ctx.norm_of(previous.start, previous.end)
            return ""
    return ""


def gold_requests(files: list[Path]) -> tuple[list[list[str]], list[bool]]:
    """Each gold request's terms, and whether annotators called it the hospital's."""
    described: list[list[str]] = []
    hospital: list[bool] = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for letter in data if isinstance(data, list) else [data]:
            text = letter["text"]
            ctx = build_context(text, letter.get("doc_type"))
            units = segment(text)
            for action in letter.get("gold", []):
                quote = action["quote"]
                at = text.find(quote)
                norm = ctx.norm_of(at, at + len(quote))
                before = _sentence_before(units, ctx, at)
                described.append(situation_terms(quote, norm, before, action["category"], ctx))
                hospital.append(action["verdict"] == "inappropriate")
    return described, hospital


def _fingerprint(path: Path) -> dict[str, str]:
    where = (
        path.relative_to(SHARED_LETTERS.parent) if path.is_relative_to(SHARED_LETTERS) else path.relative_to(READER_DIR)
    )
    return {"file": str(where), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def _as_made(made: list[str]) -> list[str]:
    return made


def fit(described: list[list[str]], hospital: list[bool]) -> tuple[Any, Any]:
    """The fitted vectoriser and classifier (scikit-learn objects)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    # the terms are made already (situation_terms), so the vectoriser only weighs them
    vectoriser = TfidfVectorizer(analyzer=_as_made, min_df=SETTINGS["min_df"], sublinear_tf=True)
    features = vectoriser.fit_transform(described)
    classifier = LogisticRegression(C=SETTINGS["C"], max_iter=5000, class_weight="balanced")
    classifier.fit(features, hospital)
    return vectoriser, classifier


def train() -> dict[str, Any]:
    files = training_files()
    described, hospital = gold_requests(files)
    vectoriser, classifier = fit(described, hospital)
    coefficients = classifier.coef_[0]
    weights = {
        term: [float(f"{vectoriser.idf_[index]:.6g}"), float(f"{coefficients[index]:.6g}")]
        for term, index in sorted(vectoriser.vocabulary_.items())
    }
    return {
        "about": "Learned verdict for the letter reader (learned.py); written by train_verdict_model.py.",
        **SETTINGS,
        "requests": len(described),
        "hospital_requests": sum(hospital),
        "trained_on": [_fingerprint(path) for path in files],
        "intercept": float(f"{classifier.intercept_[0]:.6g}"),
        "weights": weights,
    }


def why_stale(shipped: dict[str, Any], fresh: dict[str, Any]) -> str | None:
    """Why the shipped weights are not what the letters now train, or None. Weights may differ in the last
    printed digit from one machine's arithmetic to another's, so they are compared to a tolerance."""
    if shipped["trained_on"] != fresh["trained_on"]:
        return "the annotated letters have changed since the weights were trained"
    exact = set(fresh) - {"weights", "intercept"}
    if {k: shipped.get(k) for k in exact} != {k: fresh[k] for k in exact}:
        return "the settings differ"
    if abs(shipped["intercept"] - fresh["intercept"]) > 1e-3:
        return "the intercept differs"
    if shipped["weights"].keys() != fresh["weights"].keys():
        return "the vocabulary differs"
    for term, (idf, coefficient) in fresh["weights"].items():
        if abs(shipped["weights"][term][0] - idf) > 1e-3 or abs(shipped["weights"][term][1] - coefficient) > 1e-3:
            return f"the weight of {term!r} differs"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped weights are not these")
    args = parser.parse_args(argv)
    model = train()
    text = json.dumps(model, indent=0, sort_keys=True, ensure_ascii=False) + "\n"
    if args.check:
        stale = why_stale(json.loads(MODEL_PATH.read_text(encoding="utf-8")), model)
        if stale:
            print(f"{MODEL_PATH.name} is stale ({stale}): run python -m joinedup.letters.reader.train_verdict_model")
            return 1
        print(f"{MODEL_PATH.name} is what the annotated letters train")
        return 0
    MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_PATH} from {model['requests']} annotated requests in {len(model['trained_on'])} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
