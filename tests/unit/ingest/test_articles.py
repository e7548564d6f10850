"""Reading inputs: formats, front matter, and bad input skipped with a reason."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.build.build import build
from kg.errors import InputError
from kg.graph.store import open_store
from kg.ingest.articles import Article, Skip, load_articles, parse_front_matter

GOOD = "Ministers from two countries met in Vienna on Tuesday to discuss trade.\n"


def test_front_matter_gives_metadata_and_is_removed():
    meta, body = parse_front_matter("---\npublished: 2025-04-10\noutlet: Daily Example\n---\nBody text.\n")
    assert meta == {"published": "2025-04-10", "outlet": "Daily Example"}
    assert body == "Body text.\n"


def test_txt_id_is_file_stem_and_front_matter_is_read(tmp_path: Path):
    (tmp_path / "story-1.txt").write_text("---\npublished: 2025-04-10\n---\n" + GOOD, encoding="utf-8")
    [article] = list(load_articles([tmp_path]))
    assert isinstance(article, Article)
    assert article.id == "story-1"
    assert article.published == "2025-04-10"
    assert article.text == GOOD


def test_jsonl_reads_each_line_and_names_the_bad_one(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": GOOD, "published": "2006-11-14"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "b"})
        + "\n"
        + json.dumps({"id": "c", "text": GOOD, "published": "yesterday"})
        + "\n",
        encoding="utf-8",
    )
    items = list(load_articles([path]))
    # An unreadable date costs the article its date, not the article (issue 19, item 16).
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "c"]
    skips = [str(i) for i in items if isinstance(i, Skip)]
    assert skips[0].startswith(f"{path}:2: malformed JSON")
    assert skips[1] == f"{path}:3: missing or non-string 'text'"
    undated = next(i for i in items if isinstance(i, Article) and i.id == "c")
    assert undated.published is None and "'yesterday' is no date kg can read" in undated.notes[0]


def test_published_dates_as_feeds_and_archives_write_them():
    from kg.ingest.articles import normalise_published

    assert normalise_published("2025-04-12T10:00:00Z") == "2025-04-12"
    assert normalise_published("12 April 2025") == "2025-04-12"
    assert normalise_published("April 12, 2025") == "2025-04-12"
    assert normalise_published("Apr. 12, 2025") == "2025-04-12"
    assert normalise_published("Sat, 12 Apr 2025 10:00:00 +0000") == "2025-04-12"
    # Read two ways, or no year: no date rather than a guess.
    assert normalise_published("03/04/2025") is None
    assert normalise_published("12 April") is None
    assert normalise_published("yesterday") is None


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Bad files beside a good one; returns file name -> the reason expected."""
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (folder / "broken.jsonl").write_text(
        '{"id": "j1", "text": "' + GOOD.strip() + ' Talks go on."}\n{"id": \n', encoding="utf-8"
    )
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "latin1.txt": "not UTF-8 text",
        "broken.jsonl:2": "malformed JSON",
    }


def test_bad_inputs_are_skipped_with_reasons_and_good_articles_are_stored(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    expected = _bad_inputs(inputs)
    report = build([inputs], tmp_path / "store")
    messages = [str(s) for s in report.skipped]
    assert len(messages) == len(expected)
    for name, reason in expected.items():
        assert any(f"{inputs / name}: {reason}" in m for m in messages), (name, messages)
    assert report.built == 2
    assert open_store(tmp_path / "store", read_only=True).article_ids() == ["good", "j1"]


def test_strict_makes_a_skip_an_error(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    _bad_inputs(inputs)
    with pytest.raises(InputError, match="--strict"):
        build([inputs], tmp_path / "store", strict=True)


def test_missing_path_is_reported(tmp_path: Path):
    items = list(load_articles([tmp_path / "nope.txt"]))
    assert [str(i) for i in items] == [f"{tmp_path / 'nope.txt'}: no such file or folder"]


def test_html_main_text_and_metadata(tmp_path: Path):
    page = tmp_path / "page.html"
    body = " ".join(["The two foreign ministers met in Geneva on Monday and agreed to keep talking."] * 4)
    page.write_text(
        "<html><head><title>Ministers meet</title><meta property='og:site_name' content='Example News'>"
        "<meta name='date' content='2024-05-06'></head><body><nav>Home | World</nav>"
        f"<article><h1>Ministers meet</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    [article] = list(load_articles([page]))
    assert isinstance(article, Article), article
    assert article.id == "page"
    assert "foreign ministers met in Geneva" in article.text
    assert "Copyright" not in article.text
    assert article.title == "Ministers meet"
    assert article.published == "2024-05-06"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes and symbolic links")
def test_what_is_no_file_is_skipped_with_its_real_reason(tmp_path: Path):
    inputs, elsewhere = tmp_path / "in", tmp_path / "elsewhere"
    inputs.mkdir()
    elsewhere.mkdir()
    (inputs / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(inputs / "pipe.txt")  # reading it would wait for a writer forever
    (inputs / "loop.txt").symlink_to(inputs / "loop.txt")
    (inputs / "device.txt").symlink_to(os.devnull)
    (inputs / "gone.txt").symlink_to(inputs / "missing.txt")
    (inputs / "archive").symlink_to(elsewhere)
    (inputs / "notes.md").write_text("not an input", encoding="utf-8")  # not a kind kg reads
    items = list(load_articles([inputs]))
    assert [i.id for i in items if isinstance(i, Article)] == ["good"]
    assert {Path(i.source).name: i.reason for i in items if isinstance(i, Skip)} == {
        "archive": f"a link to a folder ({elsewhere}), which is not followed; give the folder itself",
        "device.txt": f"a link to a device ({os.devnull}), not a file",
        "gone.txt": f"a link to nothing ({inputs / 'missing.txt'} does not exist)",
        "loop.txt": "a symbolic link that loops",
        "pipe.txt": "a named pipe, not a file",
    }
    # Named on the command line, each says what it is too (not "no such file").
    for name in ("pipe.txt", "loop.txt", "device.txt", "gone.txt"):
        (skip,) = load_articles([inputs / name])
        assert isinstance(skip, Skip) and skip.reason.startswith("a "), skip


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_with_a_byte_order_mark_is_read(tmp_path: Path, codec: str):
    text = "---\ntitle: Talks in Malmö\n---\nMinisters met in Malmö on Tuesday.\n"
    data = text.encode(codec)
    if codec.endswith(("-le", "-be")):  # these codecs write no mark: put it first
        data = "\ufeff".encode(codec) + data
    (tmp_path / "story.txt").write_bytes(data)
    (article,) = load_articles([tmp_path / "story.txt"])
    assert isinstance(article, Article), article
    assert (article.title, article.text) == ("Talks in Malmö", "Ministers met in Malmö on Tuesday.\n")


def test_utf16_jsonl_is_refused_with_the_reason(tmp_path: Path):
    line = json.dumps({"id": "a", "text": GOOD}) + "\n"
    (tmp_path / "feed.jsonl").write_bytes(line.encode("utf-16"))
    assert [str(i) for i in load_articles([tmp_path / "feed.jsonl"])] == [
        f"{tmp_path / 'feed.jsonl'}: UTF-16 text; JSONL must be UTF-8 (iconv -f UTF-16 -t UTF-8 converts it)"
    ]
