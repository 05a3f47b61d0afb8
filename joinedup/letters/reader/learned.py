"""A learned second opinion on the verdict: how likely annotators were to call a request like this the hospital's.

The rules judge a request by whose job it is by default, with cue words as evidence. On letters by hands the
rules never met, most missed flags are requests the rules found but judged the practice's because no cue they
know was present. This model (a logistic regression over the request's own words and word pairs, and over what
its letter says happened, crossed with its category: ``situation.situation_terms``, decision 0035; trained by
``train_verdict_model`` on every annotated letter in the project) can only add a flag, never remove one, and
only when it is confident (``threshold``), so a breach the rules name is never hidden by it (decision 0028).

Scoring needs only the standard library: the weights are JSON beside this file, and the words are made exactly
as scikit-learn's ``TfidfVectorizer`` makes them (lower-cased, runs of two or more word characters, then the
word pairs), which a test checks against scikit-learn itself.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("verdict_model.json")
# every reason the learned verdict writes holds these words, so that a deployment can tell its flags apart
REASON_MARK = "learned verdict"

# scikit-learn's default token_pattern
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def terms(text: str, longest: int = 2) -> list[str]:
    """The words of `text`, then its runs of up to `longest` words, as the model was trained on them."""
    words = _TOKEN.findall(text.lower())
    found = list(words)
    for n in range(2, longest + 1):
        found.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return found


@dataclass(frozen=True)
class Opinion:
    probability: float
    # the terms that weighed most towards the hospital, for the reason a GP reads
    leaning_words: tuple[str, ...]


@dataclass(frozen=True)
class VerdictModel:
    weights: dict[str, tuple[float, float]]  # term -> (idf, coefficient)
    intercept: float
    threshold: float
    longest: int

    def _contributions(self, made: list[str]) -> dict[str, float]:
        counts: dict[str, int] = {}
        weights = self.weights
        for term in made:
            if term in weights:
                counts[term] = counts.get(term, 0) + 1
        # sublinear tf-idf, then unit length: the vectoriser's sublinear_tf=True, norm="l2"
        values = {term: (1.0 + math.log(n)) * weights[term][0] for term, n in counts.items()}
        length = math.sqrt(sum(v * v for v in values.values())) or 1.0
        return {term: v / length * weights[term][1] for term, v in values.items()}

    def _probability(self, contributions: dict[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-(self.intercept + sum(contributions.values()))))

    def opinion(self, made: list[str]) -> Opinion:
        """The opinion on a request described by its terms (``situation.situation_terms``)."""
        contributions = self._contributions(made)
        return _opinion(self._probability(contributions), contributions)

    def says_hospital(self, made: list[str]) -> Opinion | None:
        """The opinion when it is confident the request is the hospital's job, else None (asked of most requests,
        so the terms that weighed most are ranked only for a confident one)."""
        contributions = self._contributions(made)
        probability = self._probability(contributions)
        return _opinion(probability, contributions) if probability > self.threshold else None


def _opinion(probability: float, contributions: dict[str, float]) -> Opinion:
    leaning = sorted(((c, t) for t, c in contributions.items() if c > 0), reverse=True)[:3]
    return Opinion(probability=probability, leaning_words=tuple(t for _, t in leaning))


def from_json(data: dict[str, object]) -> VerdictModel:
    weights = data["weights"]
    assert isinstance(weights, dict)
    return VerdictModel(
        weights={term: (float(idf), float(coef)) for term, (idf, coef) in weights.items()},
        intercept=float(data["intercept"]),  # type: ignore[arg-type]
        threshold=float(data["threshold"]),  # type: ignore[arg-type]
        longest=int(data["longest_run"]),  # type: ignore[call-overload]
    )


@cache
def shipped_model() -> VerdictModel:
    return from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
