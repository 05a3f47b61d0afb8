"""The clinical hazard log is a safety record: each hazard has its own id, and the tests it names as showing that its
mitigation holds exist (a renamed or deleted test would leave a mitigation that nothing checks)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "docs" / "clinical-safety" / "hazard-log.md"
ROW = re.compile(r"^\| (H-\d+) \|", re.M)
# `path/to/test_x.py::test_name` or `test_x.py::test_name` or `path/to/test_x.py`
CITED = re.compile(r"`([\w/.-]*test_\w+\.py)((?:::\w+)*)`")


def _find(name: str) -> list[Path]:
    if "/" in name:
        return [ROOT / name] if (ROOT / name).is_file() else []
    return [*ROOT.glob(f"joinedup/**/{name}"), *ROOT.glob(f"tests/**/{name}")]


def test_every_hazard_has_its_own_id() -> None:
    counts = Counter(ROW.findall(LOG.read_text(encoding="utf-8")))
    assert [hazard for hazard, n in counts.items() if n > 1] == []
    assert len(counts) > 100


def test_every_test_a_hazard_cites_exists() -> None:
    missing = []
    for line in LOG.read_text(encoding="utf-8").splitlines():
        row = ROW.match(line)
        if not row:
            continue
        for name, tests in CITED.findall(line):
            files = _find(name)
            if not files:
                missing.append(f"{row.group(1)}: {name}")
                continue
            for test in filter(None, tests.split("::")):
                if not any(
                    re.search(rf"\b(?:def|class) {re.escape(test)}\b", f.read_text(encoding="utf-8")) for f in files
                ):
                    missing.append(f"{row.group(1)}: {name}::{test}")
    assert missing == []
