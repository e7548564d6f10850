"""A rebuild extracts again every article an older extractor stored (kg's code or word lists,
or the spaCy model, changed since), says so in one line, and counts them as built; with
the extractor unchanged it parses nothing. The stored hash is the content's and the
extractor's (kg/nlp/fingerprint.py), so the check is per article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

import kg.build.build
from kg.build.build import build
from kg.cli import app
from kg.graph.store import open_store
from kg.nlp import fingerprint
from tests.conftest import SEEDS, STATEMENTS, TIMELINE

INPUTS = [SEEDS, TIMELINE, STATEMENTS]  # five articles
runner = CliRunner()


def _other_extractor(monkeypatch) -> None:
    monkeypatch.setattr(kg.build.build, "extraction_fingerprint", lambda model=None: "0" * 64)


def _cli_build(store: Path, *inputs: Path) -> dict:
    result = runner.invoke(app, ["build", *map(str, inputs), "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return {"report": json.loads(result.stdout), "stderr": result.stderr}


def test_an_unchanged_extractor_parses_nothing_again(tmp_path):
    store = tmp_path / "store"
    build(INPUTS, store)
    again = _cli_build(store, *INPUTS)
    assert (again["report"]["built"], again["report"]["unchanged"], again["report"]["reextracted"]) == (
        0,
        5,
        0,
    )
    assert "extraction" not in again["stderr"]


def test_a_changed_extractor_extracts_every_article_again_and_says_so(tmp_path, monkeypatch):
    store = tmp_path / "store"
    build(INPUTS, store)
    _other_extractor(monkeypatch)
    again = _cli_build(store, *INPUTS)
    assert (again["report"]["built"], again["report"]["unchanged"], again["report"]["reextracted"]) == (
        5,
        0,
        5,
    )
    notes = [line for line in again["stderr"].splitlines() if "extraction" in line]
    assert notes == [
        "note: kg's extraction (its code, word lists or spaCy model) changed since 5 of these "
        "articles were stored: extracting them again"
    ]
    # Stored with the new extractor's mark, the next rebuild parses nothing.
    assert _cli_build(store, *INPUTS)["report"]["unchanged"] == 5


def test_an_interrupted_rebuild_goes_on_where_it_stopped(tmp_path, monkeypatch):
    store = tmp_path / "store"
    build(INPUTS, store)
    _other_extractor(monkeypatch)
    first = build([TIMELINE], store)  # as if a rebuild of all stopped after these
    assert first.built == first.reextracted > 0
    rest = build(INPUTS, store)
    assert (rest.built, rest.reextracted, rest.unchanged) == (5 - first.built, 5 - first.built, first.built)


def test_a_store_written_before_kg_kept_the_extractor_is_extracted_again(tmp_path, monkeypatch):
    store = tmp_path / "store"
    with monkeypatch.context() as old:
        old.setattr(kg.build.build, "stamped", lambda content, _fingerprint: content)
        build(INPUTS, store)
    report = build(INPUTS, store)
    assert (report.built, report.reextracted, report.unchanged) == (5, 5, 0)
    assert len(open_store(store, read_only=True).article_ids()) == 5


def test_a_changed_article_is_not_counted_as_extracted_again(tmp_path):
    store = tmp_path / "store"
    story = tmp_path / "story.txt"
    story.write_text("Ana Lind met Piet Varo in Oslo on Monday.\n", encoding="utf-8")
    build([story], store)
    story.write_text("Ana Lind met Piet Varo in Bergen on Monday.\n", encoding="utf-8")
    report = build([story], store)
    assert (report.built, report.reextracted) == (1, 0)


def test_the_fingerprint_follows_the_code_the_word_lists_and_the_model_only(tmp_path, monkeypatch, request):
    copy = tmp_path / "kg"
    for part in ("nlp", "resources"):
        shutil.copytree(Path(fingerprint.__file__).parent.parent / part, copy / part)
    monkeypatch.setattr(fingerprint, "_KG", copy)
    # The copy's fingerprint must not outlive the test, whether or not it passes.
    request.addfinalizer(fingerprint.extraction_fingerprint.cache_clear)

    def now(model: str | None = None) -> str:
        fingerprint.extraction_fingerprint.cache_clear()
        return fingerprint.extraction_fingerprint(model)

    first = now()
    assert now() == first  # the same files, the same fingerprint
    lexicon = sorted((copy / "resources" / "lexicon").glob("*.txt"))[0]
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "zzyzx\n", encoding="utf-8")
    listed = now()
    assert listed != first
    countries = copy / "resources" / "gazetteer" / "countries.tsv"
    countries.write_text(countries.read_text(encoding="utf-8") + "#\n", encoding="utf-8")
    assert now() != listed
    listed = now()
    # What makes no fact keeps the stored facts: a named query, a page template.
    for shown in (copy / "resources" / "queries", copy / "resources" / "templates"):
        page = sorted(p for p in shown.iterdir() if p.is_file())[0]
        page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert now() == listed
    code = copy / "nlp" / "pipeline.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    coded = now()
    assert coded not in (first, listed)
    (copy / "nlp" / "__pycache__").mkdir(exist_ok=True)
    (copy / "nlp" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert now() == coded  # compiled files are no source
    assert now("some_other_model") != coded
