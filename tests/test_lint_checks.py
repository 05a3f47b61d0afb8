"""The two architecture checks in ``make lint`` fail on a wrong import and on a query in a view.

Each runs against a small package written in ``tmp_path``: the import contracts are this
project's own (copied from ``pyproject.toml``), so a contract loosened by mistake fails here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
MODEL_USAGE = ROOT / "scripts" / "lint_model_usage.py"

# Every layer the contracts name that must exist, plus the reader.
PACKAGES = [
    "joinedup",
    "joinedup/config",
    "joinedup/concerns",
    "joinedup/letters",
    "joinedup/letters/reader",
    "joinedup/referrals",
    "joinedup/diagnostics",
    "joinedup/patients",
    "joinedup/audit",
    "joinedup/core",
    "joinedup/directory",
    "joinedup/coordination",
    "joinedup/insights",
]


def _project(tmp_path: Path, modules: dict[str, str]) -> Path:
    for package in PACKAGES:
        (tmp_path / package).mkdir(parents=True, exist_ok=True)
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "joinedup/insights/spc.py").write_text("")  # the engine a contract names
    for name, source in modules.items():
        (tmp_path / name).write_text(source)
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (tmp_path / ".importlinter").write_text(_as_ini(contracts))
    return tmp_path


def _as_ini(config: dict) -> str:
    lines = ["[importlinter]", "root_package = joinedup", "include_external_packages = True"]
    for contract in config["contracts"]:
        lines.append(f"[importlinter:contract:{contract['id']}]")
        for key, value in contract.items():
            if key == "id":
                continue
            if isinstance(value, list):
                lines.append(f"{key} =")
                lines.extend(f"    {item}" for item in value)
            else:
                lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / ".importlinter"), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_contracts_keep_a_package_that_imports_downwards(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "joinedup/concerns/services.py": "from joinedup.letters import reader\nfrom joinedup.core import steps\n",
            "joinedup/core/steps.py": "from joinedup.directory import access\n",
            "joinedup/directory/access.py": "",
        },
    )
    result = _lint_imports(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_core_importing_a_domain_breaks_the_layers_contract(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "joinedup/core/views.py": "from joinedup.concerns import selectors\n",
            "joinedup/concerns/selectors.py": "",
        },
    )
    result = _lint_imports(project)
    assert result.returncode == 1
    assert "Domains import downwards only BROKEN" in result.stdout
    assert "joinedup.core.views -> joinedup.concerns.selectors (l.1)" in result.stdout


def test_referrals_and_diagnostics_are_independent(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "joinedup/referrals/services.py": "from joinedup.diagnostics import models\n",
            "joinedup/diagnostics/models.py": "",
        },
    )
    result = _lint_imports(project)
    assert result.returncode == 1
    assert "joinedup.referrals.services -> joinedup.diagnostics.models" in result.stdout


def test_the_reader_importing_django_or_the_project_breaks_its_contract(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "joinedup/letters/reader/engine.py": "import django.db\nfrom joinedup.letters import models\n",
            "joinedup/letters/models.py": "",
        },
    )
    result = _lint_imports(project)
    assert result.returncode == 1
    assert "Domains import downwards only KEPT" in result.stdout
    assert "joinedup.letters.reader is not allowed to import django:" in result.stdout
    assert "joinedup.letters.reader.engine -> django (l.1)" in result.stdout
    assert "The letter reader imports nothing else of letters BROKEN" in result.stdout
    assert "joinedup.letters.reader.engine -> joinedup.letters.models (l.2)" in result.stdout


def test_the_spc_engine_importing_django_or_the_project_breaks_its_contract(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "joinedup/insights/spc.py": "import django.db\nfrom joinedup.core import measures\n",
            "joinedup/core/measures.py": "",
        },
    )
    result = _lint_imports(project)
    assert result.returncode == 1
    assert "joinedup.insights.spc is not allowed to import django:" in result.stdout
    assert "joinedup.insights.spc -> joinedup.core.measures (l.2)" in result.stdout


def _model_usage(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MODEL_USAGE), *map(str, paths)], capture_output=True, text=True, check=False
    )


def test_a_view_that_queries_a_model_fails_the_model_usage_check(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "forms").mkdir(parents=True)
    (app / "views.py").write_text("from .models import Thing\n\n\ndef page(request):\n    return Thing.objects.all()\n")
    (app / "forms" / "edit.py").write_text("choices = Thing.objects.values_list('id')\n")
    (app / "record_views.py").write_text("rows = Thing.objects.all()\n")  # a views module by another name
    (app / "selectors.py").write_text("def things():\n    return Thing.objects.all()\n")  # reads belong here
    result = _model_usage(app)
    assert result.returncode == 1
    assert f"{app / 'views.py'}:5:" in result.stdout
    assert f"{app / 'forms' / 'edit.py'}:1:" in result.stdout
    assert f"{app / 'record_views.py'}:1:" in result.stdout
    assert "selectors.py" not in result.stdout
    assert "3 model queries in views or forms" in result.stdout


def test_views_that_call_selectors_pass_the_model_usage_check(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "views.py").write_text("from . import selectors\n\n\ndef page(request):\n    return selectors.things()\n")
    (app / "tests").mkdir()
    (app / "tests" / "views.py").write_text("Thing.objects.create()\n")  # tests may set up rows
    result = _model_usage(app)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
