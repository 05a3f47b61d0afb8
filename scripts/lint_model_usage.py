"""Fails when a view or form module queries a model itself (``.objects``).

Views and forms stay thin: they call an app's selectors (reads, scoped to the acting role) and
services (writes, with their audit event). This check reads every ``views.py`` and ``forms.py``
(and every ``*_views.py`` / ``*_forms.py``, and every module inside a ``views/`` or ``forms/``
package) under the paths given, and lists
each use of ``.objects`` as ``file:line``. Exit status 1 when there is one, 0 otherwise.

    python scripts/lint_model_usage.py joinedup
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

THIN_MODULES = {"views", "forms"}
SKIPPED_FOLDERS = {"migrations", "tests", "node_modules", ".venv", "__pycache__"}


def is_thin_module(path: Path) -> bool:
    """A views or forms module, or a module inside a views/ or forms/ package."""
    if path.suffix != ".py":
        return False
    thin_name = path.stem in THIN_MODULES or path.stem.endswith(tuple(f"_{name}" for name in THIN_MODULES))
    return thin_name or any(part in THIN_MODULES for part in path.parent.parts)


def thin_modules(roots: Iterable[Path]) -> Iterator[Path]:
    for root in roots:
        candidates = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in candidates:
            if SKIPPED_FOLDERS.intersection(path.parts):
                continue
            if is_thin_module(path):
                yield path


def model_queries(source: str, filename: str = "<source>") -> list[int]:
    """The line of each ``something.objects`` in the source."""
    tree = ast.parse(source, filename=filename)
    return sorted(node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "objects")


def main(argv: list[str]) -> int:
    roots = [Path(arg) for arg in argv] or [Path("joinedup")]
    problems = []
    for path in thin_modules(roots):
        for line in model_queries(path.read_text(encoding="utf-8"), str(path)):
            problems.append(f"{path}:{line}: queries a model in a view or form; call a selector or a service")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} model {'query' if len(problems) == 1 else 'queries'} in views or forms")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
