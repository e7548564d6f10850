"""Articles from the web: `kg build https://...` takes pages and RSS or Atom feeds.

A page's main text, title, date and site name come from trafilatura, as for an `.html`
file; a feed's entries are fetched one by one, each an article. An article's id is its
URL, so building the same feed again parses only the entries that are new or changed (the
build compares content hashes, as for files). Every URL is fetched with a time limit and a
size cap; a URL that fails is skipped with one line saying why, and the rest go on.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from kg.ingest.articles import MAX_FILE_BYTES, Article, Skip, html_article

# A page or feed longer than an .html file may be (kg/ingest/articles.py) is refused unread past it.
MAX_BYTES = MAX_FILE_BYTES
TIMEOUT = 20.0  # seconds to connect, and between bytes of the answer
USER_AGENT = "kg (news knowledge graph builder)"


@dataclass(frozen=True)
class _Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str


class _FetchError(Exception):
    pass


def _fetch(url: str, timeout: float, max_bytes: int) -> _Fetched:
    import requests  # imported here: 90 ms, which only a URL input needs

    try:
        with requests.get(url, timeout=timeout, stream=True, headers={"User-Agent": USER_AGENT}) as answer:
            if answer.status_code >= 400:
                raise _FetchError(f"the server answered {answer.status_code} {answer.reason or ''}".rstrip())
            declared = answer.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _FetchError(f"larger than {max_bytes:,} bytes ({int(declared):,}); not read")
            body = bytearray()
            for chunk in answer.iter_content(65536):
                body += chunk
                if len(body) > max_bytes:
                    raise _FetchError(f"larger than {max_bytes:,} bytes; not read past that")
            return _Fetched(answer.url, bytes(body), answer.headers.get("Content-Type", ""))
    except requests.Timeout:
        raise _FetchError(f"no answer within {timeout:g} s") from None
    except requests.RequestException as exc:
        raise _FetchError(f"could not be fetched ({type(exc).__name__})") from None


def feed_links(body: bytes, base: str) -> list[tuple[str, str | None]] | None:
    """(link, published) of each entry of an RSS or Atom feed, in the feed's order; None
    where `body` is no feed."""
    stripped = body.lstrip()[:512].lower()
    if not (b"<rss" in stripped or b"<feed" in stripped or b"<rdf:rdf" in stripped):
        return None
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    entries: list[tuple[str, str | None]] = []
    for item in root.iter():
        tag = item.tag.rsplit("}", 1)[-1]
        if tag not in ("item", "entry"):
            continue
        link = None
        published = None
        for child in item:
            name = child.tag.rsplit("}", 1)[-1]
            if name == "link":
                # RSS: <link>URL</link>; Atom: <link href="URL" rel="alternate"/>
                href = child.get("href") or (child.text or "").strip()
                if href and child.get("rel", "alternate") == "alternate":
                    link = link or href
            elif name in ("pubDate", "published", "updated", "date") and published is None:
                published = (child.text or "").strip() or None
        if link:
            entries.append((urljoin(base, link), published))
    return entries


def load_url(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Iterator[Article | Skip]:
    """The article a page holds, or every entry of a feed; a Skip for each that fails."""
    try:
        fetched = _fetch(url, timeout, max_bytes)
    except _FetchError as exc:
        yield Skip(url, str(exc))
        return
    links = feed_links(fetched.body, fetched.url)
    if links is None:
        yield _page_article(url, fetched)
        return
    if not links:
        yield Skip(url, "a feed with no entries")
        return
    for link, published in links:
        try:
            page = _fetch(link, timeout, max_bytes)
        except _FetchError as exc:
            yield Skip(link, str(exc))
            continue
        yield _page_article(link, page, published)


def _page_article(url: str, fetched: _Fetched, published: str | None = None) -> Article | Skip:
    if "html" not in fetched.content_type and fetched.body.lstrip()[:1] != b"<":
        return Skip(url, f"not a web page ({fetched.content_type or 'no content type'})")
    return html_article(url, fetched.body, article_id=url, url=url, published=published)
