"""Command line: `python -m joinedup.letters.reader < letters.jsonl > actions.jsonl`.

Options:
  --evaluate DIR   score the annotated letters in DIR (JSON files in the dev/ format)
  --errors         with --evaluate, also list every missed, extra or mislabelled action
  --bench DIR      letters per second on one core, reading DIR's letters for a few seconds

Blank input lines are skipped and produce no output line, so the output keeps one line per letter.
"""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
