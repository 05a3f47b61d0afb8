"""The command-line contract: one output line per input line, bad lines reported, run continues."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from joinedup.letters.reader import engine
from joinedup.letters.reader.cli import main, process_line, run_stream

from .helpers import clinic_letter

REPO_ROOT = Path(__file__).resolve().parents[4]


def _run(lines: list[str]) -> list[dict[str, Any]]:
    out = io.StringIO()
    run_stream(lines, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_cli_keeps_going_past_a_bad_line() -> None:
    good = json.dumps({"id": "a", "text": clinic_letter("Please check her U&Es in 2 weeks.")})
    results = _run([good + "\n", "{not json\n", json.dumps({"id": "c"}) + "\n", good.replace('"a"', '"d"') + "\n"])
    assert [r.get("id") for r in results] == ["a", None, "c", "d"]
    assert "error" in results[1] and "error" in results[2]
    assert results[3]["actions"][0]["category"] == "monitoring"


def test_blank_lines_are_skipped() -> None:
    assert process_line("   \n") is None
    assert _run(["\n", json.dumps({"id": 1, "text": ""}) + "\n"]) == [{"id": 1, "actions": []}]


def test_non_object_and_non_string_text_are_errors() -> None:
    assert "error" in _run(["[1, 2]\n"])[0]
    assert _run([json.dumps({"id": 7, "text": 42}) + "\n"])[0]["id"] == 7


def test_output_offsets_match_quotes() -> None:
    text = clinic_letter("Please add asthma to his problem list. GP to refer to podiatry (routine, unrelated).")
    result = _run([json.dumps({"id": "x", "text": text}) + "\n"])[0]
    assert len(result["actions"]) == 2
    for action in result["actions"]:
        assert text[action["start"] : action["end"]] == action["quote"]
        assert set(action) >= {"quote", "start", "end", "category", "verdict", "rule", "reason"}


def test_module_runs_as_a_pipe() -> None:
    stdin = json.dumps({"id": "p", "text": clinic_letter("Please issue a fit note for 2 weeks.")}) + "\nnot json\n"
    proc = subprocess.run(
        [sys.executable, "-m", "joinedup.letters.reader"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=True,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines[0]["actions"][0]["rule"] == "fit_note"
    assert "error" in lines[1]


def test_evaluate_and_bench_print_figures(capsys: pytest.CaptureFixture[str]) -> None:
    letters = Path(__file__).parent / "letters"
    assert main(["--evaluate", str(letters)]) == 0
    out = capsys.readouterr().out
    assert "Action detection" in out and "Inappropriate flag" in out and "Per rule" in out
    engine_source = Path(engine.__file__)
    engine_bytecode = Path(importlib.util.cache_from_source(str(engine_source)))
    engine_bytecode.unlink(missing_ok=True)
    assert main(["--bench", str(letters), "--seconds", "0.2"]) == 0
    interpreter, *figures = capsys.readouterr().out.splitlines()
    # the interpreter the figures were measured on opens them (its build moves them by a fifth or more)
    assert interpreter == f"Python {sys.version.split()[0]} at {os.path.realpath(sys.executable)}"
    bench = "\n".join(figures)
    assert "letters/second" in bench
    # the second figure runs the command in a new process and reads back as many letters as it sent
    in_process, new_process = (int(line.split()[0]) for line in bench.splitlines()[:2])
    assert "start-up included" in bench and new_process == in_process
    # ... which started from the reader's bytecode, written before it as a first import writes it
    assert engine_bytecode.exists() and engine_bytecode.stat().st_mtime >= engine_source.stat().st_mtime
    assert bench.splitlines()[1].endswith("letters/second (floor 500)")
    # the start-up of a first run, with nothing kept, is shown beside it
    assert bench.splitlines()[2].startswith("start-up of the first run, with nothing kept")
    assert float(bench.splitlines()[2].split(": ")[1].split()[0]) > 0
    # and one letter of 1 MB, the letters joined, whose requests are counted
    long_letter = bench.splitlines()[3]
    assert long_letter.startswith("one letter of 1 MB") and int(long_letter.split(", ")[1].split()[0]) > 100


def test_evaluate_missing_dir_fails_cleanly(tmp_path: Path) -> None:
    assert main(["--evaluate", str(tmp_path / "absent")]) == 2


def test_each_action_is_written_with_every_field_of_the_record_in_order() -> None:
    """The JSON record of GUIDELINES.md: quote, start, end, category, verdict, rule, reason, in that order."""
    (action,) = _run([json.dumps({"text": clinic_letter("Please check her U&Es in 2 weeks.")}) + "\n"])[0]["actions"]
    assert list(action) == ["quote", "start", "end", "category", "verdict", "rule", "reason"]
    assert action["quote"] == "Please check her U&Es in 2 weeks." and action["end"] - action["start"] == 33


def test_bench_writes_what_it_derived_before_it_starts_the_new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a fresh clone the benchmark's own process derives the patterns' code; the new process it starts must find it
    kept, as every run after the first does, or its start-up figure is a first run's."""
    from joinedup.letters.reader import cli

    calls: list[str] = []
    monkeypatch.setattr(cli.kept, "save_all", lambda: calls.append("kept saved"))
    monkeypatch.setattr(cli, "_bench_with_start_up", lambda records, letters: calls.append("new process"))
    assert main(["--bench", str(Path(__file__).parent / "letters"), "--seconds", "0.05"]) == 0
    assert calls == ["kept saved", "new process"]
