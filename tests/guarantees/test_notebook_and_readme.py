"""The walk-through notebook runs, and the README's first command works as written."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_notebook_executes():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(ROOT / "notebooks" / "walkthrough.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    )
    client.execute()
    outputs = "".join(
        o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )
    assert "built 2 articles" in outputs
    assert "Alaska" in outputs
    # The drawn graph and the events-by-month chart are pictures in the output, not text
    # about them (the chart was drawn on a backend that shows nothing).
    pictures = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "image/png" in o.get("data", {})
    ]
    assert len(pictures) >= 2, "the notebook shows the graph and the events-by-month chart"
    assert "'Aug'" in outputs, "events are counted by month, not by day"


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", text, re.DOTALL)
    assert block, "the README opens with a code block of set-up commands"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    first, second = readme_commands()[:2]
    assert "pip install -e ." in first and "kg build seeds/" in first
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_test_command" in ci or second in ci


def test_every_test_the_readme_names_exists():
    # The Guarantees table ties each promise to a test: a test that moved or was renamed
    # must not leave the promise pointing at nothing.
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for path, name in re.findall(r"(tests/[\w/]+\.py)(?:::(\w+))?", text):
        source = ROOT / path
        if not source.is_file() or (name and f"def {name}" not in source.read_text(encoding="utf-8")):
            missing.append(f"{path}::{name}" if name else path)
    assert not missing, f"the README names tests that do not exist: {missing}"


@pytest.mark.slow
def test_readme_first_command_installs_and_builds_the_seeds(tmp_path):
    first = readme_commands()[0]
    env = {**os.environ, "KG_STORE": str(tmp_path / "store")}
    # Inside the project's own venv the command reuses it; pip has nothing to download.
    result = subprocess.run(
        ["bash", "-c", first], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "meetings" in result.stdout
    assert (tmp_path / "store").is_dir()
