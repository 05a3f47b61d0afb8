"""The clinical hazard logs are a safety record: each hazard has its own id, and the tests each names as showing that its
mitigation holds exist (a renamed or deleted test would leave a mitigation that nothing checks)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = sorted((ROOT / "docs" / "clinical-safety").glob("hazard-log*.md"))
READER_TESTS = ROOT / "joinedup" / "letters" / "reader" / "tests"  # the reader's log cites its tests from here
ROW = re.compile(r"^\| ([HR]-\d+) \|", re.M)
# `path/to/test_x.py::test_a::test_b`, `test_x.py`, or `::test_c` (another test in the file cited last in the row)
CITED = re.compile(r"`((?:[\w/.-]*/)?test_\w+\.py)?((?:::\w+)*)`")


def _find(name: str) -> list[Path]:
    if "/" in name:
        return [path for path in (ROOT / name, READER_TESTS / name) if path.is_file()]
    return [*ROOT.glob(f"joinedup/**/{name}"), *ROOT.glob(f"tests/**/{name}")]


def test_the_logs_are_found() -> None:
    assert [log.name for log in LOGS] == ["hazard-log-reader.md", "hazard-log.md"]


def test_every_hazard_has_its_own_id() -> None:
    counts = Counter(hazard for log in LOGS for hazard in ROW.findall(log.read_text(encoding="utf-8")))
    assert [hazard for hazard, n in counts.items() if n > 1] == []
    assert len(counts) > 200


def test_every_test_a_hazard_cites_exists() -> None:
    missing, checked = [], 0
    for log in LOGS:
        for line in log.read_text(encoding="utf-8").splitlines():
            row = ROW.match(line)
            if not row:
                continue
            files: list[Path] = []
            for name, tests in CITED.findall(line):
                if name:
                    files = _find(name)
                    if not files:
                        missing.append(f"{row.group(1)}: {name}")
                        continue
                for test in filter(None, tests.split("::")):
                    checked += 1
                    pattern = re.compile(rf"\b(?:def|class) {re.escape(test)}\b")
                    if not any(pattern.search(f.read_text(encoding="utf-8")) for f in files):
                        missing.append(f"{row.group(1)}: {name or '(the file before)'}::{test}")
    assert missing == []
    assert checked > 400  # (the short "::test_name" citations are checked too)
