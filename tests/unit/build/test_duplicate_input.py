"""One story given twice never counts twice: the same text under two ids is kept once, under
the id it was first stored or given under; two versions of one id leave the later one's
facts and none of the earlier one's. Every article left out is reported with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build.build import build
from kg.exports.facts import iter_facts
from kg.graph.store import open_store
from kg.graph.triples import article_quads
from kg.ingest.articles import Skip, load_articles

TALKS = (
    "Swedish Foreign Minister Anna Lindqvist met Austrian Chancellor Franz Weber in Vienna on Monday. "
    '"We agreed on the harbour," Lindqvist said.'
)
CALL = "Polish President Piotr Varga spoke by telephone with Czech Prime Minister Karel Vondrak on Friday."


def jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def facts(store: Path) -> list[dict]:
    """Every fact, without the article it came from (the one thing a copy changes)."""
    rows = [dict(f) for f in iter_facts(open_store(store, read_only=True))]
    for row in rows:
        row.pop("article", None)
    return sorted(rows, key=json.dumps)


def test_the_same_text_under_two_ids_is_kept_once(tmp_path):
    one = build([jsonl(tmp_path / "one.jsonl", {"id": "a", "text": TALKS})], tmp_path / "one")
    report = build(
        [jsonl(tmp_path / "two.jsonl", {"id": "a", "text": TALKS}, {"id": "b", "text": " " + TALKS + "\n"})],
        tmp_path / "two",
    )
    assert (report.read, report.built) == (2, 1)
    assert [s.reason for s in report.skipped] == ["the same text as article 'a'; kept once, under that id"]
    assert report.skipped[0].source.endswith("two.jsonl:2")
    assert open_store(tmp_path / "two", read_only=True).article_ids() == ["a"]
    assert facts(tmp_path / "two") == facts(tmp_path / "one") and one.built == 1


def test_a_copy_given_in_a_later_build_is_left_out_and_the_store_is_unchanged(tmp_path):
    store = tmp_path / "store"
    build([jsonl(tmp_path / "first.jsonl", {"id": "wire-1", "text": TALKS})], store)
    before = sorted(str(q) for q in open_store(store, read_only=True).quads())
    report = build([jsonl(tmp_path / "later.jsonl", {"id": "reprint-9", "text": TALKS})], store)
    assert report.built == 0
    assert [s.reason for s in report.skipped] == [
        "the same text as article 'wire-1'; kept once, under that id"
    ]
    assert sorted(str(q) for q in open_store(store, read_only=True).quads()) == before


def test_a_stored_article_keeps_its_text_when_a_copy_comes_first_in_the_input(tmp_path):
    store = tmp_path / "store"
    build([jsonl(tmp_path / "first.jsonl", {"id": "z-original", "text": TALKS})], store)
    both = jsonl(
        tmp_path / "both.jsonl", {"id": "a-copy", "text": TALKS}, {"id": "z-original", "text": TALKS}
    )
    report = build([both], store)
    assert (report.built, report.unchanged) == (0, 1)
    assert open_store(store, read_only=True).article_ids() == ["z-original"]


def test_a_copy_stored_before_is_removed_when_the_input_gives_both(tmp_path, facts_of):
    store_path = tmp_path / "store"
    build([jsonl(tmp_path / "a.jsonl", {"id": "a", "text": TALKS})], store_path)
    store = open_store(store_path)  # a kg before this one stored copies as articles of their own
    store.replace_article("b", article_quads(facts_of(TALKS, article_id="b")))
    del store
    report = build(
        [jsonl(tmp_path / "both.jsonl", {"id": "a", "text": TALKS}, {"id": "b", "text": TALKS})], store_path
    )
    assert report.removed == 1
    assert open_store(store_path, read_only=True).article_ids() == ["a"]


def test_a_text_an_article_no_longer_has_is_free_for_another_id(tmp_path):
    store = tmp_path / "store"
    build([jsonl(tmp_path / "v1.jsonl", {"id": "a", "text": TALKS})], store)
    moved = jsonl(tmp_path / "v2.jsonl", {"id": "a", "text": CALL}, {"id": "b", "text": TALKS})
    report = build([moved], store)
    assert (report.built, report.skipped) == (2, [])
    assert open_store(store, read_only=True).article_ids() == ["a", "b"]


def test_two_versions_of_one_id_leave_the_later_ones_facts_only(tmp_path):
    store = tmp_path / "store"
    versions = jsonl(tmp_path / "feed.jsonl", {"id": "a", "text": TALKS}, {"id": "a", "text": CALL})
    report = build([versions], store)
    assert report.built == 1
    assert [(s.source.rsplit(":", 1)[1], s.reason) for s in report.skipped] == [
        ("1", f"id 'a' is given again later ({versions}:2); the later one is kept")
    ]
    only_call = tmp_path / "call"
    build([jsonl(tmp_path / "call.jsonl", {"id": "a", "text": CALL})], only_call)
    assert facts(store) == facts(only_call)
    assert {f["type"] for f in facts(store)} == {"call", "role"}

    # A later build with the first version again: it is the newer input now, and wins.
    build([jsonl(tmp_path / "again.jsonl", {"id": "a", "text": TALKS})], store)
    assert "call" not in {f["type"] for f in facts(store)}
    assert "meeting" in {f["type"] for f in facts(store)}


def test_an_id_with_a_control_character_is_refused_so_no_two_ids_become_one(tmp_path):
    # "x\u0001y" was stored in the graph of "x%01y" but recorded as "xy": it took the place
    # of the article "xy", and --prune then removed "xy" at every build, forever.
    feed = tmp_path / "feed.jsonl"
    records = [{"id": "x\u0001y", "text": TALKS}, {"id": "xy", "text": CALL}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = tmp_path / "store"
    report = build([feed], store, prune=True)
    assert [str(s) for s in report.skipped] == [
        f"{feed}:1: 'id' holds a control character (U+0001); an id must be printable text"
    ]
    assert open_store(store, read_only=True).article_ids() == ["xy"]
    again = build([feed], store, prune=True)
    assert (again.built, again.unchanged, again.removed) == (0, 1, 0)


@pytest.mark.parametrize("char", ["\x00", "\t", "\n", "\x1f", "\x7f", "\x85", "\ufffe", "\uffff"])
def test_every_control_character_in_an_id_is_refused(tmp_path, char):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": f"a{char}b", "text": CALL}) + "\n", encoding="utf-8")
    (skip,) = load_articles([feed])
    assert isinstance(skip, Skip) and skip.reason.startswith("'id' holds a control character (U+")
