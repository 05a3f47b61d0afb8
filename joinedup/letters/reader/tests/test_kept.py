"""What the reader keeps between runs (the gates' analyses, the engine code of its patterns) must be what deriving
it afresh gives, and a file it cannot use must only mean deriving afresh."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from joinedup.letters.reader import engine, gate, kept
from joinedup.letters.reader.evaluate import load_dir

HANDS = Path(__file__).parent / "hands"  # letters in the repository, annotated for the reader


def test_the_gates_analyses_read_back_are_the_analyses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = kept.Store("analyses", "test")
    monkeypatch.setattr(store, "path", tmp_path / "analyses.pickle")
    for key in list(gate._ANALYSES.values)[:20]:
        store.put(key, gate._ANALYSES.get(key))
    store.save()
    again = kept.Store("analyses", "test")
    monkeypatch.setattr(again, "path", tmp_path / "analyses.pickle")
    saved = again._load()
    assert len(saved) == 20
    for key, analysis in saved.items():
        assert analysis == gate._analyse(re.compile(*key))
    (tmp_path / "analyses.pickle").write_bytes(b"not a pickle")
    assert again._load() == {}


def test_every_pattern_built_from_kept_code_is_the_pattern_re_compiles() -> None:
    """The kept code is what `re` emits for the pattern now, and the pattern built from it is re.compile's in its
    flags and groups and in what it finds in the annotated letters."""
    engine.read_letter("Please check her U&E in 1 week.")  # (every pattern is compiled at import; branches on use)
    keys = list(kept._CODE.values)
    assert len(keys) > 500
    texts = [record["text"] for record in load_dir(HANDS)][:8]
    for pattern, flags in keys:
        assert kept._CODE.get((pattern, flags)) == kept.engine_code(pattern, flags), pattern[:80]
        ours, theirs = kept.compiled(pattern, flags), re.compile(pattern, flags)
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
            theirs.pattern,
            theirs.flags,
            theirs.groups,
            theirs.groupindex,
        )
        for text in texts:
            assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)], pattern[:80]


def test_code_the_engine_refuses_is_compiled_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"\bplease\s+(?P<verb>check|repeat)\b"
    good = kept.engine_code(pattern, re.I)
    monkeypatch.setitem(kept._CODE.values, (pattern, int(re.I)), (good[0], [999, 1, 2], *good[2:]))
    regex = kept.compiled(pattern, re.I)
    found = regex.search("GP: please repeat the bloods")
    assert found is not None and found.group("verb") == "repeat"
    assert kept._CODE.get((pattern, int(re.I))) == good


def test_a_second_process_compiles_nothing_and_keeps_no_pattern_made_from_a_letter() -> None:
    """Only the patterns written in the reader's code are kept: a pattern made from a letter's words would grow the
    file at every run. So after one process has read the letters, the next one, reading them too, adds nothing."""
    script = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from joinedup.letters.reader import kept\n"
        "from joinedup.letters.reader.engine import read_letter\n"
        "from joinedup.letters.reader.evaluate import load_dir\n"
        f"for r in load_dir(Path({str(HANDS)!r})): read_letter(r['text'], r.get('doc_type'))\n"
        "print(json.dumps([kept._CODE.grown, len(kept._CODE.values)]))\n"
    )
    root = Path(__file__).resolve().parents[4]
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root).stdout
        for _ in range(2)
    ]
    grown, count = json.loads(runs[1])
    assert count > 500
    assert grown is False, "the second process compiled patterns the first one had kept"


def test_saving_removes_what_an_earlier_version_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = kept.Store("patterns", "new")
    monkeypatch.setattr(store, "path", tmp_path / "patterns-new.pickle")
    (tmp_path / "patterns-old.pickle").write_bytes(b"kept by an earlier version")
    (tmp_path / "other-old.pickle").write_bytes(b"another store's")
    store.put("key", "value")
    store.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-old.pickle", "patterns-new.pickle"]
