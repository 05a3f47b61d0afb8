"""What the reader keeps between runs (the gates' analyses, the engine code of its patterns) must be what deriving
it afresh gives, and a file it cannot use must only mean deriving afresh."""

from __future__ import annotations

import json
import marshal
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path
from types import CodeType

import pytest

from joinedup.letters.reader import (
    classify,
    context,
    edits,
    engine,
    gate,
    kept,
    lexicon,
    restated,
    segment,
    situation,
    thread,
)
from joinedup.letters.reader.evaluate import load_dir

HANDS = Path(__file__).parent / "hands"  # letters in the repository, annotated for the reader


def test_the_gates_analyses_read_back_are_the_analyses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = kept.Store("analyses", "test", "a")
    monkeypatch.setattr(store, "path", tmp_path / "analyses.pickle")
    for key in list(gate._ANALYSES.values)[:20]:
        store.put(key, gate._ANALYSES.get(key))
    store.save()
    again = kept.Store("analyses", "test", "a")
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
    assert len(keys) > 400
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


def test_code_the_engine_refuses_is_compiled_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept, "_CODE", kept.Store("refused", "test", "a"))
    pattern = r"\bplease\s+(?P<verb>check|repeat)\b"
    good = kept.engine_code(pattern, re.I)
    kept._CODE.values[(pattern, int(re.I))] = (good[0], [999, 1, 2], *good[2:])
    regex = kept.compiled(pattern, re.I)
    found = regex.search("GP: please repeat the bloods")
    assert found is not None and found.group("verb") == "repeat"
    assert kept._CODE.get((pattern, int(re.I))) == good
    kept._CODE.grown = False  # (nothing of this test's to save)


def _second_of_two_runs(script: str) -> str:
    """What `script` prints when run in a new process after another new process has run it (and kept what it made)."""
    root = Path(__file__).resolve().parents[4]
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root).stdout
        for _ in range(2)
    ]
    return runs[1]


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
    grown, count = json.loads(_second_of_two_runs(script))
    assert count > 500
    assert grown is False, "the second process compiled patterns the first one had kept"


def test_a_second_process_parses_no_pattern_and_compiles_no_gate_at_start_up() -> None:
    """Everything the reader makes of its patterns at start-up (engine code, gates, fixed starts, whether a pattern
    may have a case-sensitive twin, the gates' generated functions) is kept: parsing the ~770 patterns again would
    double the start-up, and compiling the gates' functions took a third of it."""
    script = (
        "import builtins, json\n"
        "from re import _parser\n"
        "parsed, compiled = [], []\n"
        "parse, compile_ = _parser.parse, builtins.compile\n"
        "_parser.parse = lambda source, *rest: parsed.append(source) or parse(source, *rest)\n"
        "builtins.compile = lambda source, name, *rest, **kw: compiled.append(name) or compile_(source, name, *rest, **kw)\n"
        "import joinedup.letters.reader.engine\n"
        "from joinedup.letters.reader import kept\n"
        "own = {pattern for pattern, _ in kept._CODE.values}\n"
        "print(json.dumps([len([s for s in parsed if s in own]), compiled.count('<gate>')]))\n"
    )
    parsed, compiled = json.loads(_second_of_two_runs(script))
    assert parsed == 0, "the second process parsed patterns the first one had kept"
    assert compiled == 0, "the second process compiled gate functions the first one had kept"


def test_saving_removes_what_an_earlier_version_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = kept.Store("patterns", "build", "new")
    monkeypatch.setattr(store, "path", tmp_path / "patterns-build-new.pickle")
    (tmp_path / "patterns-build-old.pickle").write_bytes(b"kept by an earlier version of the code")
    (tmp_path / "patterns-otherbuild-new.pickle").write_bytes(b"kept by another Python sharing the checkout")
    (tmp_path / "other-build-old.pickle").write_bytes(b"another store's")
    store.put("key", "value")
    store.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "other-build-old.pickle",
        "patterns-build-new.pickle",
        "patterns-otherbuild-new.pickle",
    ]


def test_a_damaged_file_or_entry_only_means_deriving_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = kept.Store("damaged", "test", "a")
    monkeypatch.setattr(store, "path", tmp_path / "damaged.pickle")
    good = kept.engine_code(r"\bplease\b", 0)
    (tmp_path / "damaged.pickle").write_bytes(pickle.dumps({("x", 0): good})[:-7] + b"\x00garbage")
    assert store._load() == {}
    monkeypatch.setattr(kept, "_CODE", kept.Store("damaged-code", "test", "a"))
    kept._CODE.values[(r"\bcheck\b", 0)] = ("not", "the", "right", "shape")
    assert kept.compiled(r"\bcheck\b").search("please check it") is not None
    words = r"\bcheck\b|\brepeat\b|\brefer\b|\bchase\b"
    monkeypatch.setattr(gate, "_ANALYSES", kept.Store("damaged-analyses", "test", "a"))
    gate._ANALYSES.values[(words, int(re.I) | 32)] = (1, 2, 3, 4, 5)
    found = gate.gated(words, re.I).search("Please chase it")
    assert found is not None and found.group(0) == "chase"
    kept._CODE.grown = gate._ANALYSES.grown = False  # (nothing of this test's to save)


def test_failing_to_save_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = kept.Store("unsaved", "test", "a")
    monkeypatch.setattr(store, "path", tmp_path / "unsaved.pickle")
    store.put("key", lambda: None)  # (cannot be pickled)
    store.save()
    assert list(tmp_path.iterdir()) == []


def _one_reads_of(function: object) -> list[str]:
    """The one-read searches of a gate function's longer word sets (gate._one_read), derived from a written pattern."""
    namespace = getattr(function, "__globals__", {})
    return [search.__self__.pattern for search in namespace.get("_any_of", ())]


def _patterns_in(value: object, found: set[str], depth: int = 0) -> None:
    if isinstance(value, re.Pattern):
        found.add(value.pattern)
    elif isinstance(value, gate.Gated):
        found.add(value.regex.pattern)
        found.update(source for source, _ in value._branches or ())
        found.update(_one_reads_of(value._present) + _one_reads_of(value._open))
    elif callable(value) and getattr(value, "__name__", "") == "present":
        found.update(_one_reads_of(value))  # a word list's gate (gate.contains_any)
    elif isinstance(value, gate.Either):
        for part in value.parts:
            _patterns_in(part, found, depth + 1)
    elif isinstance(value, dict) and depth < 3:
        for item in value.values():
            _patterns_in(item, found, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)) and depth < 3:
        for item in value:
            _patterns_in(item, found, depth + 1)


def test_only_patterns_written_in_the_readers_code_are_kept(tmp_path: Path) -> None:
    """A pattern built from a letter's words (a medicine's or a condition's name) would grow the file without end:
    every pattern a process reading letters keeps is one the reader's modules define, or a branch of one."""
    script = (
        "import json\n"
        "from pathlib import Path\n"
        "from joinedup.letters.reader import kept\n"
        "from joinedup.letters.reader.engine import read_letter\n"
        "from joinedup.letters.reader.evaluate import load_dir\n"
        f"for r in load_dir(Path({str(HANDS)!r})): read_letter(r['text'], r.get('doc_type'))\n"
        "print(json.dumps(sorted(pattern for pattern, _ in kept._CODE.values)))\n"
    )
    root = Path(__file__).resolve().parents[4]
    environment = {**os.environ, kept.KEEP_DIR_VARIABLE: str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root, env=environment
    )
    kept_patterns = set(json.loads(run.stdout))
    written: set[str] = set()
    for module in (lexicon, context, segment, classify, engine, situation, restated, thread, edits):
        for value in vars(module).values():
            _patterns_in(value, written)
    assert len(kept_patterns) > 400
    assert kept_patterns - written == set()


def test_a_damaged_kept_gate_function_is_compiled_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    store = kept.Store("gate-code-test", "build", "source")
    monkeypatch.setattr(gate, "_GATE_CODE", store)
    built: tuple[CodeType, list[str]] = (compile("lambda t: 'gp' in t", "<gate>", "eval"), [])
    for damaged in (b"not marshal at all", marshal.dumps(("a tuple, not code",)), marshal.dumps((built[0], "words"))):
        store.put(("checker", "key"), damaged)
        assert gate._generated(("checker", "key"), lambda: built) is built
        assert marshal.loads(store.get(("checker", "key"))) == built  # the fresh code replaces the damaged entry
    code, _ = gate._generated(("checker", "key"), lambda: built)
    assert eval(code)("see gp") is True  # noqa: S307


def test_save_all_writes_what_a_new_process_derived_before_it_exits(tmp_path: Path) -> None:
    """The benchmark starts the reader in a new process while its own still runs: what its own derived must be on
    disk by then, or the new process (on a fresh clone) compiles every pattern again and its start-up is not a
    later run's. (os._exit skips the writing at exit, so only save_all can have written the files.)"""
    script = (
        "import os\nfrom joinedup.letters.reader import engine, kept\nkept.save_all()\n"
        "print(*sorted(p.name.rsplit('-', 2)[0] for p in kept.folder().glob('*.pickle')))\nos._exit(0)"
    )
    root = Path(__file__).resolve().parents[4]
    environment = {**os.environ, kept.KEEP_DIR_VARIABLE: str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root, env=environment
    )
    assert run.stdout.split() == ["gate-analyses", "gate-code", "regex-code"]
