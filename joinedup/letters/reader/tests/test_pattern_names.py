"""Each module-level name in the reader is bound once.

The reader is some seven hundred named patterns. A second `_NAME = compiled(...)` further down a module silently
replaces the first for every function that reads it, and ruff does not report a plain name bound twice (F811 covers
imports and definitions). Version 25 met exactly that: a new pattern given the name of one 250 lines above changed how
an unrelated sentence was split."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

READER = Path(__file__).resolve().parents[1]
MODULES = sorted(p for p in READER.glob("*.py") if p.name != "__init__.py")


def _bound_at_module_level(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        names.extend(t.id for t in targets if isinstance(t, ast.Name))
    return names


def test_the_reader_has_modules_to_check() -> None:
    assert {"engine.py", "lexicon.py", "classify.py", "segment.py"} <= {p.name for p in MODULES}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_module_level_name_is_bound_twice(module: Path) -> None:
    names = _bound_at_module_level(ast.parse(module.read_text(encoding="utf-8")))
    twice = sorted({name for name in names if names.count(name) > 1 and name != "__all__"})
    assert twice == [], f"{module.name} binds these names more than once: {twice}"


def test_the_check_finds_a_name_bound_twice() -> None:
    tree = ast.parse("_A = compiled('x')\n\ndef f():\n    return _A\n\n_A = compiled('y')\n")
    names = _bound_at_module_level(tree)
    assert names.count("_A") == 2
