"""The command line as a user meets it: help with examples, tables, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

from .conftest import SEEDS

runner = CliRunner()


def test_every_command_has_help_with_an_example():
    for command in ("build", "facts", "query", "export", "stats", "validate", "eval"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example" in result.output, command


def test_build_then_facts_query_export(tmp_path: Path):
    store = str(tmp_path / "store")
    result = runner.invoke(app, ["build", str(SEEDS), "--store", store])
    assert result.exit_code == 0, result.output
    assert "meetings" in result.output and "built" in result.output
    facts = runner.invoke(app, ["facts", "--store", store])
    lines = [json.loads(line) for line in facts.stdout.splitlines()]
    assert {f["type"] for f in lines} >= {"meeting", "call", "interview", "role"}
    csv = runner.invoke(app, ["query", "meetings", "--store", store, "--format", "csv"])
    assert csv.exit_code == 0 and csv.stdout.startswith("meeting,participants,date,place,status,sources")
    as_json = runner.invoke(
        app,
        [
            "query",
            "--sparql",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Meeting }",
            "--store",
            store,
            "--format",
            "json",
        ],
    )
    assert json.loads(as_json.stdout) == [{"n": "5"}]
    out = tmp_path / "kg.graphml"
    assert runner.invoke(app, ["export", "graphml", str(out), "--store", store]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert runner.invoke(app, ["validate", "--store", store]).exit_code == 0
    assert "quads" in runner.invoke(app, ["stats", "--store", store]).output


def test_store_from_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    assert runner.invoke(app, ["build", str(SEEDS / "000_a7d846a07b5e87ea.txt")]).exit_code == 0
    assert (tmp_path / "env-store").is_dir()


def test_missing_store_is_one_clear_line(tmp_path: Path):
    result = runner.invoke(app, ["query", "meetings", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no kg store at" in result.output and "kg build" in result.output
    assert "Traceback" not in result.output


def test_bad_sparql_is_one_clear_line(seeds_store):
    result = runner.invoke(app, ["query", "--sparql", "SELEC nonsense", "--store", str(seeds_store)])
    assert result.exit_code == 1
    assert "SPARQL syntax error" in result.output


def test_nothing_usable_is_an_error(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "no usable article" in result.output and "empty file" in result.output
