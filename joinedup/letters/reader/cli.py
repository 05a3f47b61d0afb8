"""The reader's command-line contract: JSON lines in, JSON lines out; evaluation and benchmark."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from . import kept
from .engine import LetterTooLarge, read_letter
from .evaluate import format_report, load_dir, score_records


def process_line(line: str) -> dict[str, Any] | None:
    """One output object for one input line; None for a blank line (skipped, documented in --help)."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"invalid JSON: {exc.msg} at column {exc.colno}"}
    if not isinstance(record, dict):
        return {"error": "each line must be a JSON object"}
    out: dict[str, Any] = {}
    if "id" in record:
        out["id"] = record["id"]
    text = record.get("text")
    if not isinstance(text, str):
        out["error"] = "missing or non-string 'text' field"
        return out
    doc_type = record.get("doc_type")
    try:
        actions = read_letter(text, doc_type if isinstance(doc_type, str) else None)
    except LetterTooLarge as exc:
        out["error"] = str(exc)
        return out
    except Exception as exc:  # one bad letter must not stop the batch
        out["error"] = f"reader failed: {type(exc).__name__}: {exc}"
        return out
    out["actions"] = [a.to_dict() for a in actions]
    return out


def run_stream(lines: Iterable[str], out: TextIO) -> int:
    count = 0
    for line in lines:
        result = process_line(line)
        if result is None:
            continue
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        count += 1
    return count


def evaluate(directory: Path, show_errors: bool) -> int:
    if directory.is_file():
        # One annotated file (e.g. what ``manage.py export_answered_letters`` wrote).
        try:
            loaded = json.loads(directory.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            print(f"cannot read {directory}: {error}", file=sys.stderr)
            return 2
        report = score_records(loaded if isinstance(loaded, list) else [loaded])
        print(format_report(report, str(directory)))
        if show_errors:
            print("\nDisagreements:")
            for line in report.errors:
                print("  " + line)
        return 0
    if not directory.is_dir():
        print(f"not a directory or file: {directory}", file=sys.stderr)
        return 2
    files = sorted(directory.glob("*.json"))
    if not files:
        print(f"no annotated JSON files in {directory}", file=sys.stderr)
        return 2
    all_records = load_dir(directory)
    if len(files) > 1:
        for path in files:
            records = json.loads(path.read_text(encoding="utf-8"))
            print(format_report(score_records(records), path.name))
            print()
    report = score_records(all_records)
    print(format_report(report, f"{directory} (all)"))
    if show_errors:
        print("\nDisagreements:")
        for line in report.errors:
            print("  " + line)
    return 0


def bench(directory: Path, seconds: float) -> int:
    records = load_dir(directory)
    if not records:
        print(f"no annotated letters in {directory}", file=sys.stderr)
        return 2
    done = 0
    chars = 0
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        for record in records:
            read_letter(record["text"], record.get("doc_type"))
            done += 1
            chars += len(record["text"])
    elapsed = time.perf_counter() - began
    # (the interpreter's build moves every figure here by a fifth or more: decision 0052)
    print(f"Python {sys.version.split()[0]} at {os.path.realpath(sys.executable)}")
    print(
        f"{done} letters in {elapsed:.2f} s on one core: {done / elapsed:.0f} letters/second "
        f"({chars / elapsed / 1e6:.2f} MB/s, mean letter {chars // max(done, 1)} chars)"
    )
    # the new process starts as every run after the first does, with the patterns' code kept (decision 0039): on a
    # fresh clone this process derived it, and would otherwise write it only at its exit
    kept.save_all()
    _keep_bytecode()
    _bench_with_start_up(records, done)
    _bench_first_start()
    _bench_one_long_letter(records)
    return 0


# issue 18: one core, start-up included
LETTERS_PER_SECOND_FLOOR = 500
LONG_LETTER_CHARS = 1_000_000
LONG_LETTER_LIMIT_SECONDS = 2.0


def _bench_one_long_letter(records: list[dict[str, Any]]) -> None:
    """The letters joined into one of 1 MB: a judgement that scans the whole letter once per request shows here."""
    joined = "\n\n".join(r["text"] for r in records)
    text = (joined * (LONG_LETTER_CHARS // max(len(joined), 1) + 1))[:LONG_LETTER_CHARS]
    began = time.perf_counter()
    found = len(read_letter(text))
    elapsed = time.perf_counter() - began
    print(
        f"one letter of {len(text) / 1e6:.0f} MB (the letters joined): {elapsed:.2f} s, {found} requests "
        f"(limit {LONG_LETTER_LIMIT_SECONDS:.0f} s)"
    )


def _keep_bytecode() -> None:
    """The reader's modules compiled to bytecode, as Python writes it at a module's first import and `pip install` writes
    it for an installed package. An environment that tells Python not to write it (PYTHONDONTWRITEBYTECODE, as on the
    project's build machines) would otherwise have every new process compile the reader's source again: about 0.1 s,
    a fifth of the command's start-up. Only a source newer than its bytecode is compiled."""
    import compileall

    reader = Path(__file__).resolve().parent
    compileall.compile_dir(reader, maxlevels=0, quiet=2)  # (a read-only install: nothing written, nothing said)
    for package in (reader.parent, reader.parent.parent):  # joinedup.letters and joinedup, imported on the way
        compileall.compile_file(package / "__init__.py", quiet=2)


def _bench_first_start() -> None:
    """The start-up of the first run after an install or a new reader version, when nothing is kept yet (neither the
    patterns' code nor the modules' bytecode: Python looks for it under the empty folder instead)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="joinedup-reader-unkept-") as nothing_kept:
        unkept = {**os.environ, kept.KEEP_DIR_VARIABLE: nothing_kept, "PYTHONPYCACHEPREFIX": nothing_kept}
        elapsed, _ = _run_the_command("", unkept)
    print(f"start-up of the first run, with nothing kept (after an install or a new reader version): {elapsed:.2f} s")


def _bench_with_start_up(records: list[dict[str, Any]], letters: int) -> None:
    """The same number of letters through the JSON-lines command in a new process: start-up and I/O included."""
    lines = [json.dumps({"text": r["text"], "doc_type": r.get("doc_type")}) for r in records]
    stdin = "\n".join(lines[i % len(lines)] for i in range(letters)) + "\n"
    elapsed, stdout = _run_the_command(stdin)
    read = stdout.count("\n")
    print(
        f"{read} letters in {elapsed:.2f} s in a new process, start-up included: {read / elapsed:.0f} letters/second "
        f"(floor {LETTERS_PER_SECOND_FLOOR})"
    )


def _run_the_command(stdin: str, environment: dict[str, str] | None = None) -> tuple[float, str]:
    """The JSON-lines command run in a new process on `stdin`: the seconds it took, start-up included, and its output."""
    import subprocess  # (here, not at the top: only the benchmark starts a process, and the command's start-up counts)

    began = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "joinedup.letters.reader"],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    return time.perf_counter() - began, process.stdout


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m joinedup.letters.reader",
        description="Find requests to the GP practice in hospital letters. Reads JSON lines on stdin "
        "({id, text, doc_type?}) and writes one JSON line per input line {id, actions:[...]}. "
        "Blank input lines are skipped (no output line). Bad lines give {error, id?} and the run goes on.",
    )
    parser.add_argument(
        "--evaluate", type=Path, metavar="DIR", help="score annotated letters in DIR (or one JSON file)"
    )
    parser.add_argument("--errors", action="store_true", help="with --evaluate, list disagreements")
    parser.add_argument("--bench", type=Path, metavar="DIR", help="letters per second over DIR's letters")
    parser.add_argument("--seconds", type=float, default=5.0, help="benchmark duration (default 5)")
    args = parser.parse_args(argv)
    if args.evaluate:
        return evaluate(args.evaluate, args.errors)
    if args.bench:
        return bench(args.bench, args.seconds)
    run_stream(sys.stdin, sys.stdout)
    return 0
