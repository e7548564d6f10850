"""The code stays as ruff and mypy, configured in pyproject.toml, want it."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "kg", "tests", "benchmarks", "notebooks"],
        ["ruff", "format", "--check", "kg", "tests", "benchmarks", "notebooks"],
        ["mypy", "kg"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_linters_pass(command):
    tool = shutil.which(command[0]) or str(ROOT / ".venv" / "bin" / command[0])
    if not shutil.which(tool):
        pytest.skip(f"{command[0]} is not installed")
    result = subprocess.run([tool, *command[1:]], cwd=ROOT, capture_output=True, text=True, env=None)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
