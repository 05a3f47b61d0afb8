"""Score the reader against annotated letters (the dev/ JSON format)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine import Action, read_letter


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Report:
    letters: int = 0
    detection: Counts = field(default_factory=Counts)
    flag: Counts = field(default_factory=Counts)
    category_right: int = 0
    matched: int = 0
    rule_right: int = 0
    rule_total: int = 0
    per_category: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_category_right: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    per_rule: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        p, r, f = self.detection.prf()
        fp, fr, ff = self.flag.prf()
        return {
            "detection_precision": p,
            "detection_recall": r,
            "detection_f1": f,
            "category_accuracy": self.category_right / self.matched if self.matched else 1.0,
            "inappropriate_precision": fp,
            "inappropriate_recall": fr,
            "inappropriate_f1": ff,
            "rule_accuracy": self.rule_right / self.rule_total if self.rule_total else 1.0,
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gold_span(text: str, quote: str) -> tuple[int, int]:
    at = text.find(quote)
    return (at, at + len(quote)) if at >= 0 else (-1, -1)


def match_actions(text: str, gold: list[dict[str, Any]], predicted: list[Action]) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans, largest overlap first."""
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        gs = _gold_span(text, g["quote"])
        for pi, p in enumerate(predicted):
            if _overlaps(gs, (p.start, p.end)):
                overlap = min(gs[1], p.end) - max(gs[0], p.start)
                pairs.append((overlap, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matches: list[tuple[int, int]] = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append((gi, pi))
    return matches


def score_records(records: list[dict[str, Any]], report: Report | None = None, verbose: bool = False) -> Report:
    report = report or Report()
    for record in records:
        text = record["text"]
        gold = record.get("gold", [])
        predicted = read_letter(text, record.get("doc_type"))
        matches = match_actions(text, gold, predicted)
        report.letters += 1
        matched_g = {g for g, _ in matches}
        matched_p = {p for _, p in matches}
        report.detection.tp += len(matches)
        report.detection.fp += len(predicted) - len(matches)
        report.detection.fn += len(gold) - len(matches)
        for gi, g in enumerate(gold):
            cat = report.per_category[g["category"]]
            if gi in matched_g:
                cat.tp += 1
            else:
                cat.fn += 1
                report.errors.append(f"{record.get('id')}: MISSED [{g['category']}] {g['quote'][:110]}")
        for pi, p in enumerate(predicted):
            if pi not in matched_p:
                report.per_category[p.category].fp += 1
                report.errors.append(f"{record.get('id')}: EXTRA [{p.category}/{p.rule}] {p.quote[:110]}")
            if pi not in matched_p and p.verdict == "inappropriate":
                report.flag.fp += 1
                report.per_rule[p.rule or "?"].fp += 1
        for gi in range(len(gold)):
            if gi not in matched_g and gold[gi]["verdict"] == "inappropriate":
                report.flag.fn += 1
                report.per_rule[gold[gi]["rule"]].fn += 1
        for gi, pi in matches:
            g, p = gold[gi], predicted[pi]
            report.matched += 1
            right = g["category"] == p.category
            report.category_right += right
            report.per_category_right[g["category"]][0] += right
            report.per_category_right[g["category"]][1] += 1
            if not right:
                report.errors.append(
                    f"{record.get('id')}: CATEGORY gold={g['category']} got={p.category}: {g['quote'][:90]}"
                )
            gold_bad = g["verdict"] == "inappropriate"
            pred_bad = p.verdict == "inappropriate"
            if gold_bad and pred_bad:
                report.flag.tp += 1
                report.rule_total += 1
                report.rule_right += g["rule"] == p.rule
                if g["rule"] == p.rule:
                    report.per_rule[g["rule"]].tp += 1
                else:
                    report.per_rule[g["rule"]].fn += 1
                    report.per_rule[p.rule or "?"].fp += 1
                    report.errors.append(f"{record.get('id')}: RULE gold={g['rule']} got={p.rule}: {g['quote'][:90]}")
            elif gold_bad:
                report.flag.fn += 1
                report.per_rule[g["rule"]].fn += 1
                report.errors.append(f"{record.get('id')}: FLAG missed ({g['rule']}): {g['quote'][:90]}")
            elif pred_bad:
                report.flag.fp += 1
                report.per_rule[p.rule or "?"].fp += 1
                report.errors.append(f"{record.get('id')}: FLAG extra ({p.rule}): {g['quote'][:90]}")
    return report


def load_dir(directory: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        records.extend(data if isinstance(data, list) else [data])
    return records


def format_report(report: Report, title: str) -> str:
    f = report.figures()
    lines = [
        f"== {title}: {report.letters} letters, {report.detection.tp + report.detection.fn} gold actions, "
        f"{report.detection.tp + report.detection.fp} predicted",
        f"Action detection   precision {f['detection_precision']:.3f}  recall {f['detection_recall']:.3f}  "
        f"F1 {f['detection_f1']:.3f}",
        f"Category accuracy on matched actions  {f['category_accuracy']:.3f} ({report.category_right}/{report.matched})",
        f"Inappropriate flag precision {f['inappropriate_precision']:.3f}  recall {f['inappropriate_recall']:.3f}  "
        f"F1 {f['inappropriate_f1']:.3f}",
        f"Rule accuracy on matched inappropriate actions  {f['rule_accuracy']:.3f} ({report.rule_right}/{report.rule_total})",
        "Per category (detection P / R / F1, category accuracy):",
    ]
    for name in sorted(report.per_category):
        p, r, f1 = report.per_category[name].prf()
        right, total = report.per_category_right.get(name, [0, 0])
        acc = f"{right}/{total}" if total else "-"
        lines.append(f"  {name:<24} P {p:.2f}  R {r:.2f}  F1 {f1:.2f}  category {acc}")
    lines.append("Per rule (flag and rule P / R / F1):")
    for name in sorted(report.per_rule):
        p, r, f1 = report.per_rule[name].prf()
        lines.append(f"  {name:<24} P {p:.2f}  R {r:.2f}  F1 {f1:.2f}")
    return "\n".join(lines)
