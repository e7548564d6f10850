"""Hostile and broken input through the whole build: random and adversarial JSONL (control
characters, NUL, lone surrogates, right-to-left marks, runs of quotation marks, nested
markup, wrong JSON types, repeated ids) never crashes `kg build`, every line is either
stored or reported with its reason, and every export stays valid: RDF that parses, GraphML
and GEXF that are well-formed XML with no character XML forbids, facts that are JSON.

The large cases (10 MB lines, 100,000 quotation marks, deep nesting) are examples of their
own below, so each runs once rather than in every generated input."""

from __future__ import annotations

import json
import re
import time
import tracemalloc
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.build.build import BuildReport, build
from kg.errors import InputError
from kg.exports.facts import iter_facts
from kg.exports.formats import FORMATS, export
from kg.graph.store import open_store
from kg.ingest.articles import MAX_ARTICLE_CHARS, MAX_FILE_BYTES, MAX_LINE_BYTES, Article, Skip, load_articles

# Characters XML 1.0 forbids: no export may hold one raw.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SENTENCE = "Swedish Foreign Minister Anna Lindqvist met Austrian Chancellor Franz Weber in Vienna on Monday."
QUOTED = '"We agreed on the harbour," Lindqvist said.'

hostile_char = st.characters(codec=None, exclude_categories=())  # every category, surrogates too
fragments = st.one_of(
    st.text(hostile_char, max_size=30),
    st.sampled_from(
        [
            SENTENCE,
            QUOTED,
            "\x00",
            "\u202e",
            "\u200f",
            "\ud800",
            "\ufeff",
            "\r\n",
            "\n\n",
            "“",
            "”",
            '"',
            "<div><p>",
            "</p></div>",
            "&amp;&#0;",
            "> <urn:x> <urn:y> .",
            "\\",
        ]
    ),
    st.integers(1, 300).map(lambda n: '"' * n),
    st.integers(1, 100).map(lambda n: "<b>" * n),
)
texts = st.lists(fragments, max_size=12).map("".join)
# One strategy (one_of would be flattened into its caller's choices, outweighing the rest).
wrong_types = st.sampled_from([None, True, 0, -7, 1.5, float("nan"), [], ["a"], {"a": 1}])
ids = st.sampled_from(["a", "b", " a ", "resolution", "../x", "1"])
# An article text: hostile fragments around a sentence the extractors find facts in.
stories = st.tuples(texts, st.sampled_from([SENTENCE, QUOTED, SENTENCE + " " + QUOTED]), texts).map("".join)
dates = st.sampled_from(["2024-03-12", "2024-03-12T10:00:00Z", "yesterday", ""])
# Mostly usable records, so that most inputs reach the extractors and the exports.
records = st.fixed_dictionaries(
    {
        "id": st.one_of(ids, ids, ids, texts, wrong_types),
        "text": st.one_of(stories, stories, texts, wrong_types),
    },
    optional={
        "published": st.one_of(dates, dates, texts, wrong_types),
        "outlet": st.one_of(texts, texts, texts, wrong_types),
        "title": st.one_of(texts, texts, texts, wrong_types),
        "url": st.one_of(texts, texts, texts, wrong_types),
    },
)
raw_lines = st.one_of(
    records.map(json.dumps),
    records.map(json.dumps),  # ensure_ascii: a lone surrogate is written as \udXXX
    records.map(lambda r: json.dumps(r, ensure_ascii=False)),  # U+2028, raw controls, raw surrogates
    st.sampled_from(["[]", "null", '"text"', "{", '{"id": "a", "text": "x"', "{}"]),
    st.text(hostile_char.filter(lambda c: c not in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=40),
)


def assert_exports_valid(store_path: Path, out: Path) -> None:
    store = open_store(store_path, read_only=True)
    quads = len(store)
    for fmt in FORMATS:
        path = out / f"export.{fmt}"
        export(store, fmt, path)
        raw = path.read_bytes().decode("utf-8")  # strict: no lone surrogate written
        if fmt == "nquads":
            assert len(list(ox.parse(raw.encode(), format=ox.RdfFormat.N_QUADS))) == quads
        elif fmt == "turtle":
            list(ox.parse(raw.encode(), format=ox.RdfFormat.TURTLE))
        elif fmt == "jsonld":
            assert len(list(ox.parse(raw.encode(), format=ox.RdfFormat.JSON_LD))) == quads
        else:
            assert not XML_FORBIDDEN.search(raw), fmt
            ET.fromstring(raw.encode())
            if fmt == "graphml":
                nx.read_graphml(path)
    for fact in iter_facts(store):
        assert json.loads(json.dumps(fact, ensure_ascii=False)) == fact


def accounted(report: BuildReport, lines: int, stored: int) -> None:
    """Each line was read or skipped with a reason; read ones are stored unless a reported
    later version or copy of another replaced them."""
    replaced = [s for s in report.skipped if s.reason.startswith(("id ", "the same text"))]
    assert all(s.reason for s in report.skipped)
    assert report.read + len(report.skipped) - len(replaced) == lines
    assert stored == report.read - len(replaced)


def build_reporting(inputs: list[Path], store: Path) -> BuildReport:
    """`build`, with a run that found nothing usable turned back into its report."""
    try:
        return build(inputs, store)
    except InputError as exc:
        assert str(exc).startswith("no usable article") and exc.skipped
        return BuildReport(skipped=exc.skipped)


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(raw_lines, min_size=1, max_size=5))
def test_any_jsonl_builds_reports_every_line_and_exports_valid_rdf_and_xml(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("hostile")
    data = "\n".join(lines).encode("utf-8", "surrogatepass")  # a raw surrogate: bytes UTF-8 forbids
    (folder / "feed.jsonl").write_bytes(data)
    report = build_reporting([folder / "feed.jsonl"], folder / "store")
    given_lines = sum(1 for line in data.split(b"\n") if line.strip())
    if not given_lines:
        assert [s.reason for s in report.skipped] == ["empty file"]
        return
    stored = open_store(folder / "store", read_only=True).article_ids() if (folder / "store").exists() else []
    accounted(report, given_lines, len(stored))
    event("some article stored" if stored else "every line skipped")
    if stored:
        assert_exports_valid(folder / "store", folder)


def test_a_ten_megabyte_line_is_skipped_unread_and_the_next_line_is_built(tmp_path):
    feed = tmp_path / "feed.jsonl"
    huge = json.dumps({"id": "huge", "text": SENTENCE + " x" * 5_000_000})
    feed.write_text(huge + "\n" + json.dumps({"id": "ok", "text": SENTENCE}) + "\n", encoding="utf-8")
    report = build([feed], tmp_path / "store")
    assert [str(s) for s in report.skipped] == [
        f"{feed}:1: line too long (the limit is {MAX_LINE_BYTES:,} bytes)"
    ]
    assert open_store(tmp_path / "store", read_only=True).article_ids() == ["ok"]


def test_a_two_megabyte_one_line_text_file_is_refused_with_the_limit(tmp_path):
    (tmp_path / "huge.txt").write_text("word " * 400_000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(SENTENCE, encoding="utf-8")
    report = build([tmp_path], tmp_path / "store")
    assert [s.reason for s in report.skipped] == [
        f"text too long (2,000,000 characters; the limit is {MAX_ARTICLE_CHARS:,})"
    ]


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(tmp_path):
    # A gigabyte each, sparse: free to make, and it must be free to refuse (it took 13 s and
    # 2 GB; a 51 MB page ran 5 minutes).
    for name in ("huge.txt", "huge.html"):
        with (tmp_path / name).open("wb") as out:
            out.write(f"<p>{SENTENCE}</p>".encode())
            out.truncate(1 << 30)
    (tmp_path / "ok.txt").write_text(SENTENCE, encoding="utf-8")
    tracemalloc.start()
    try:
        started = time.perf_counter()
        items = list(load_articles([tmp_path]))
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    too_large = f"file too large (1,073,741,824 bytes; the limit is {MAX_FILE_BYTES:,} bytes)"
    assert [str(i) for i in items if isinstance(i, Skip)] == [
        f"{tmp_path / 'huge.html'}: {too_large}",
        f"{tmp_path / 'huge.txt'}: {too_large}",
    ]
    assert [i.id for i in items if isinstance(i, Article)] == ["ok"]
    assert peak < 1_000_000 and elapsed < 1.0, (peak, elapsed)


def test_sentence_starts_at_line_breaks_cost_time_linear_in_the_story(nlp):
    # Each line ends a sentence. spaCy's `token.is_sent_start = True` looks through the
    # whole document (is it parsed yet?), so setting it at each line break was quadratic: a
    # million-character story spent 22 s in this step.
    step = nlp.get_pipe("kg_line_breaks")

    def seconds(lines: int, tries: int) -> float:
        best = float("inf")
        for _ in range(tries):
            doc = nlp.make_doc("Talks went on\n" * lines)
            started = time.perf_counter()
            step(doc)
            best = min(best, time.perf_counter() - started)
            assert sum(t.is_sent_start is True for t in doc) == lines
        return best

    small, large = seconds(2_000, 5), seconds(16_000, 1)
    assert large < 20 * small, (small, large)  # linear: 8 times; it was 60 times and more


def test_attributing_a_quotation_reads_only_its_neighbourhood(nlp):
    # A quotation late in a long story cost a pass over the whole story before it: with
    # one such quotation every few paragraphs, extraction grew with the square of the length.
    from kg.nlp.facts.quote_marks import Segment
    from kg.nlp.facts.speech_verbs import next_to_quotation

    tail = "“Yes,” " + "a b c d e f g h i j k l m n o " + "said"

    def seconds(sentences_before: int) -> float:
        """The fastest of five rounds of 20 attributions, the quotation after that many sentences."""
        text = "Words go on. " * sentences_before + tail
        doc = nlp.make_doc(text)
        segment = Segment(start=text.index("Yes"), end=text.index("”"), paragraph=0)
        rounds = []
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(20):  # fifteen words between the quotation and the verb: no attribution
                assert next_to_quotation(doc, segment, doc[-1], None) is None  # type: ignore[arg-type]
            rounds.append(time.perf_counter() - started)
        return min(rounds)

    # A story a hundred times longer before the quotation: a pass over it would cost a hundred
    # times more. Compared with itself rather than with a clock, the test holds on a busy machine.
    assert seconds(60_000) < 10 * seconds(600) + 0.01


@pytest.mark.slow
def test_a_hundred_thousand_quotation_marks_and_deep_markup_build_in_linear_time(tmp_path):
    # Before runs without white space were broken up, spaCy's tokenizer alone took a
    # quarter of an hour on the first; the second was one 20,000-token "sentence".
    feed = tmp_path / "feed.jsonl"
    articles = [
        {"id": "marks", "text": SENTENCE + "\n\n" + '"' * 100_000 + "\n\n" + QUOTED},
        {"id": "markup", "text": "<div>" * 10_000 + SENTENCE + "</div>" * 10_000},
        {"id": "pairs", "text": '"a" ' * 5_000 + QUOTED},
    ]
    feed.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    report = build([feed], tmp_path / "store")
    assert (report.built, report.skipped) == (3, [])
    assert report.facts["meeting"] == 2 and report.facts["quote"] == 2
    assert_exports_valid(tmp_path / "store", tmp_path)


def test_deeply_nested_html_is_read_or_skipped_with_a_reason(tmp_path):
    def page(depth: int) -> str:
        return "<html><body>" + "<div>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth + "</body></html>"

    (tmp_path / "nested.html").write_text(page(100), encoding="utf-8")
    # The HTML parser (libxml2) stops reading at a depth of 256: the text is beyond it.
    (tmp_path / "abyss.html").write_text(page(100_000), encoding="utf-8")
    report = build([tmp_path], tmp_path / "store")
    assert report.built == 1
    assert [str(s) for s in report.skipped] == [f"{tmp_path / 'abyss.html'}: no main text found in the HTML"]


def test_an_input_past_the_build_limit_is_a_clear_error_naming_where(tmp_path, monkeypatch):
    import kg.build.build

    monkeypatch.setattr(kg.build.build, "MAX_BUILD_CHARS", 2 * len(SENTENCE))
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": str(n), "text": SENTENCE}) + "\n" for n in range(3)), "utf-8")
    with pytest.raises(InputError, match=rf"more than {2 * len(SENTENCE)} characters .* \(at {feed}:3\)"):
        build([feed], tmp_path / "store")


def test_a_line_break_inside_a_json_string_or_a_bad_byte_costs_at_most_its_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    inside = json.dumps({"id": "a", "text": SENTENCE + "\u2028\x0c\x1c" + QUOTED}, ensure_ascii=False)
    lines = [inside.encode(), b'{"id": "b", "text": "\x00 raw NUL"}', b'{"id": "c", "text": "\xff"}']
    feed.write_bytes(b"\n".join([*lines, json.dumps({"id": "d", "text": SENTENCE + " Again."}).encode()]))
    report = build([feed], tmp_path / "store")
    assert [(s.source, s.reason.split(" (")[0]) for s in report.skipped] == [
        (f"{feed}:2", "malformed JSON"),
        (f"{feed}:3", "not UTF-8 text"),
    ]
    assert open_store(tmp_path / "store", read_only=True).article_ids() == ["a", "d"]
