"""`kg build URL`: pages and RSS/Atom feeds from a local HTTP server (no network), each
failure skipped with one line saying why."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.articles import Article, Skip
from kg.ingest.web import load_url

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="og:site_name" content="The Harbour Courier">
<meta property="article:published_time" content="2024-05-08T09:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>{title}</h1>
<p>{body}</p><p>The two leaders spoke for an hour about trade across the Baltic, officials said.</p>
<p>Further talks are planned for the autumn, according to a statement from both offices.</p>
</article><footer>Copyright</footer></body></html>"""

PAGES = {
    "/one.html": PAGE.format(title="Talks in Oslo", body="Anna Lindqvist met Tomas Revik in Oslo on Monday."),
    "/two.html": PAGE.format(
        title="Vondrak calls Lindqvist", body="Karel Vondrak phoned Anna Lindqvist on Tuesday."
    ),
}
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>
<item><title>One</title><link>{base}/one.html</link><pubDate>Wed, 08 May 2024 09:00:00 +0000</pubDate></item>
<item><title>Two</title><link>/two.html</link></item>
<item><title>Gone</title><link>{base}/missing.html</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>
<entry><title>One</title><link rel="alternate" href="{base}/one.html"/><published>2024-05-08T09:00:00Z</published></entry>
</feed>"""


class _Site(BaseHTTPRequestHandler):
    base = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path in PAGES:
            self._send(200, PAGES[self.path].encode(), "text/html; charset=utf-8")
        elif self.path == "/feed.rss":
            self._send(200, RSS.format(base=self.base).encode(), "application/rss+xml")
        elif self.path == "/feed.atom":
            self._send(200, ATOM.format(base=self.base).encode(), "application/atom+xml")
        elif self.path == "/huge.html":
            self._send(200, b"<html>" + b"x" * 3_000_000 + b"</html>", "text/html")
        elif self.path == "/slow.html":
            time.sleep(3)
            self._send(200, PAGES["/one.html"].encode(), "text/html")
        elif self.path == "/cp1252.html":
            page = PAGE.format(
                title="Quay talks", body="\u201cWe will not give up the harbour,\u201d said Anna Lindqvist."
            )
            page = page.replace("<head>", '<head><meta charset="windows-1252">')
            self._send(200, page.encode("cp1252"), "text/html")
        elif self.path == "/picture.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _Site.base = base
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()
    server.server_close()


def test_a_page_is_an_article_with_its_metadata(site: str):
    (article,) = load_url(site + "/one.html")
    assert isinstance(article, Article), article
    assert article.id == article.url == site + "/one.html"
    assert "Anna Lindqvist met Tomas Revik" in article.text and "Copyright" not in article.text
    assert article.published == "2024-05-08" and article.title == "Talks in Oslo"


def test_a_page_is_read_in_the_encoding_it_declares(site: str):
    # Decoded as UTF-8, else Latin-1, the curly quotes of a windows-1252 page were lost.
    (article,) = load_url(site + "/cp1252.html")
    assert isinstance(article, Article) and "\u201cWe will not give up the harbour,\u201d" in article.text


def test_a_feed_gives_each_entry_and_a_line_for_each_failure(site: str):
    found = list(load_url(site + "/feed.rss"))
    assert [a.id for a in found if isinstance(a, Article)] == [site + "/one.html", site + "/two.html"]
    (gone,) = [s for s in found if isinstance(s, Skip)]
    assert gone.source == site + "/missing.html" and "404" in gone.reason
    (entry,) = load_url(site + "/feed.atom")
    assert isinstance(entry, Article) and entry.id == site + "/one.html"


def test_limits_and_failures_are_one_line_each(site: str):
    (huge,) = load_url(site + "/huge.html", max_bytes=1_000_000)
    assert isinstance(huge, Skip) and "larger than 1,000,000 bytes" in huge.reason
    (slow,) = load_url(site + "/slow.html", timeout=0.5)
    assert isinstance(slow, Skip) and "no answer within 0.5 s" in slow.reason
    (picture,) = load_url(site + "/picture.png")
    assert isinstance(picture, Skip) and "not a web page" in picture.reason
    (refused,) = load_url("http://127.0.0.1:9/nothing.html")
    assert isinstance(refused, Skip) and "could not be fetched" in refused.reason


def test_kg_build_takes_a_feed_and_skips_what_it_has(site: str, tmp_path: Path):
    runner = CliRunner()
    store = ["--store", str(tmp_path / "store")]
    first = runner.invoke(app, ["build", site + "/feed.rss", *store])
    assert first.exit_code == 0, first.output
    assert "missing.html" in first.output and "404" in first.output
    people = runner.invoke(app, ["entities", "--type", "person", "--format", "csv", *store]).stdout
    assert "Tomas Revik" in people and "Karel Vondrak" in people
    again = runner.invoke(app, ["build", site + "/feed.rss", "--format", "json", *store])
    report = json.loads(again.stdout)
    assert (report["built"], report["unchanged"]) == (0, 2)  # what is stored is not built again
    assert report["skipped"] == [
        {"source": site + "/missing.html", "reason": "the server answered 404 Not Found"}
    ]
    listed = runner.invoke(app, ["articles", "--format", "csv", *store]).stdout
    assert site + "/one.html" in listed
