"""Reading articles from .txt (with optional front matter), .jsonl and .html files.

Bad input never stops a run: each unreadable file or line becomes a `Skip` with a
one-line reason naming the file (and line), and the caller decides what to do with it.
"""

from __future__ import annotations

import email.utils
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
# Past this an article is refused rather than parsed: spaCy's default max_length.
MAX_ARTICLE_CHARS = 1_000_000
# A longer JSONL line is skipped unread: room for an article at the limit written with every
# character escaped (\\uXXXX, six bytes), and its metadata.
MAX_LINE_BYTES = 8 * 1024 * 1024
# A larger .txt or .html file is skipped unread (its size is read first): room for an
# article at the limit in any encoding (four bytes a character at most) and its front
# matter or markup. A news page's HTML is far smaller.
MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: str | None = None  # ISO date, anchors relative dates
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    source: str = ""  # where it was read from, for messages
    # What was read differently from how it was written ("'published' ... is no date;
    # the article is built without one"), for messages; not part of the content.
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def content_hash(self) -> str:
        payload = json.dumps(
            [self.id, self.text, self.published, self.outlet, self.title, self.url],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def text_hash(self) -> str:
        """The text alone, white space runs made one space: the same story under two ids, or
        copied with other line breaks, has the same one."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Skip:
    source: str  # file, or file:line
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path | Skip]:
    """Files to read, in a stable order: folders are walked recursively and sorted. What
    has an input's name but is no file (a named pipe, a device, a link that loops or leads
    nowhere) is a Skip saying what it is, as is a link to a folder, which is not followed."""
    for path in paths:
        if not path.is_dir():
            why = _not_a_file(path)
            yield path if why is None else Skip(str(path), why)
            continue
        for child in sorted(path.rglob("*")):
            if child.name.startswith("."):
                continue
            if child.is_symlink() and child.is_dir():
                yield Skip(
                    str(child),
                    f"a link to a folder ({child.resolve()}), which is not followed; give the folder itself",
                )
            elif child.suffix.lower() in SUPPORTED_SUFFIXES and not child.is_dir():
                why = _not_a_file(child)
                yield child if why is None else Skip(str(child), why)


def _kind(mode: int) -> str:
    """What a file system entry that is no regular file is."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "no regular file"


def _not_a_file(path: Path) -> str | None:
    """None for a regular file (or a link to one), else why `path` cannot be read as one.
    Nothing is opened: a named pipe would wait for a writer forever, /dev/zero never end."""
    link = path.is_symlink()
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if link and exc.errno == errno.ELOOP:
            return "a symbolic link that loops"
        if link and exc.errno == errno.ENOENT:
            return f"a link to nothing ({path.resolve()} does not exist)"
        if exc.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    if link:
        return f"a link to {_kind(mode)} ({path.resolve()}), not a file"
    return f"{_kind(mode)}, not a file"


def _open_file(path: Path) -> BinaryIO | Skip:
    """`path` opened for reading if it is a regular file (checked on the open file, so a
    file swapped for a pipe after the walk cannot block the build)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return Skip(str(path), f"cannot read: {exc.strerror or exc}")
    stream = os.fdopen(fd, "rb")
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        stream.close()
        return Skip(str(path), f"{_kind(mode)}, not a file")
    return stream


def load_articles(paths: Iterable[Path]) -> Iterator[Article | Skip]:
    """Every article in `paths`, or a Skip for every input that cannot be used."""
    for item in iter_input_files(paths):
        if isinstance(item, Skip):
            yield item
            continue
        suffix = item.suffix.lower()
        if suffix == ".jsonl":
            yield from read_jsonl(item)
        elif suffix in (".html", ".htm"):
            yield read_html(item)
        elif suffix == ".txt":
            yield read_txt(item)
        else:
            yield Skip(str(item), f"unsupported file type {suffix or '(none)'!r}")


# Byte-order marks, UTF-32's before UTF-16's (FF FE 00 00 begins with FF FE). The codecs
# read the mark, take the byte order from it and leave it out of the text.
_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _marked_codec(data: bytes) -> str | None:
    """ "utf-16" or "utf-32" when `data` opens with that byte-order mark."""
    return next((codec for mark, codec in _MARKS if data.startswith(mark)), None)


def _read_text(path: Path) -> str | Skip:
    stream = _open_file(path)
    if isinstance(stream, Skip):
        return stream
    try:
        with stream:
            size, limit = os.fstat(stream.fileno()).st_size, MAX_FILE_BYTES
            data = stream.read(size + 1) if size <= limit else b""
            if len(data) > size:  # it grows as it is read: up to one byte past the limit
                data += stream.read(limit + 1 - len(data))
    except OSError as exc:
        return Skip(str(path), f"cannot read: {exc.strerror or exc}")
    if size > limit or len(data) > limit:
        return Skip(
            str(path), f"file too large ({max(size, len(data)):,} bytes; the limit is {limit:,} bytes)"
        )
    codec = _marked_codec(data)
    if codec is not None:  # UTF-16 or UTF-32 (Windows' "Unicode"): NUL bytes are its text
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            return Skip(str(path), f"not {codec.upper()} text (undecodable byte at offset {exc.start})")
        if not text.strip():
            return Skip(str(path), "empty file")
        if "\x00" in text[:8192]:
            return Skip(str(path), "binary file (contains NUL characters)")
        return text
    if not data.strip():
        return Skip(str(path), "empty file")
    if b"\x00" in data[:8192]:
        return Skip(str(path), "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skip(str(path), f"not UTF-8 text (undecodable byte at offset {exc.start})")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEYS = {"published", "outlet", "title", "url", "id"}


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split an optional `---` block of `key: value` lines from the body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in _FRONT_KEYS and value.strip():
            meta[key] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def read_txt(path: Path) -> Article | Skip:
    text = _read_text(path)
    if isinstance(text, Skip):
        return text
    meta, body = parse_front_matter(text)
    return _make_article(
        str(path),
        {
            "id": meta.get("id", path.stem),
            "text": body,
            **{k: v for k, v in meta.items() if k != "id"},
        },
    )


def _jsonl_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, its bytes) for each line, read as a stream; None for a line past
    `MAX_LINE_BYTES`, which is skipped over without being held in memory."""
    with stream:
        number = 0
        while True:
            line = stream.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            number += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):
                    line = stream.readline(1024 * 1024)
                yield number, None
                continue
            yield number, line


def read_jsonl(path: Path) -> Iterator[Article | Skip]:
    """One article a line. Lines end at \\n only (a JSON string may hold U+2028 or a form
    feed); each line stands alone, so a broken one costs only itself."""
    blank = True
    stream = _open_file(path)
    if isinstance(stream, Skip):
        yield stream
        return
    try:
        for number, data in _jsonl_lines(stream):
            where = f"{path}:{number}"
            if data is not None and not data.strip():
                continue
            blank = False
            if data is None:
                yield Skip(where, f"line too long (the limit is {MAX_LINE_BYTES:,} bytes)")
                continue
            codec = _marked_codec(data) if number == 1 else None
            if codec is not None:
                # JSON travels as UTF-8 (RFC 8259); a UTF-16 line is not even one line.
                name = codec.upper()
                yield Skip(
                    str(path), f"{name} text; JSONL must be UTF-8 (iconv -f {name} -t UTF-8 converts it)"
                )
                return
            if number == 1 and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]  # a byte-order mark
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Skip(where, f"not UTF-8 text (undecodable byte at offset {exc.start})")
                continue
            yield _jsonl_record(where, line)
    except OSError as exc:
        yield Skip(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if blank:
        yield Skip(str(path), "empty file")


def _jsonl_record(where: str, line: str) -> Article | Skip:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skip(where, f"malformed JSON ({exc.msg})")
    except RecursionError:
        return Skip(where, "malformed JSON (nested too deeply)")
    if not isinstance(record, dict):
        return Skip(where, "a JSONL line must be an object")
    return _make_article(where, record)


def read_html(path: Path) -> Article | Skip:
    raw = _read_text(path)
    if isinstance(raw, Skip):
        return raw
    return html_article(str(path), raw, article_id=path.stem)


def html_article(
    source: str, html: str | bytes, article_id: str, url: str | None = None, published: str | None = None
) -> Article | Skip:
    """The article a web page holds: its main text, title, date and site name (trafilatura,
    which reads the encoding of a page given as bytes from its own declaration). `url` and
    `published`, where given (a page fetched from a feed), win over what the page says of
    itself."""
    import trafilatura  # imported here: slow to import and only needed for HTML

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return Skip(source, f"HTML could not be parsed ({type(exc).__name__})")
    text = getattr(doc, "text", None)
    if doc is None or not isinstance(text, str) or not text.strip():
        return Skip(source, "no main text found in the HTML")
    return _make_article(
        source,
        {
            "id": article_id,
            "text": text,
            "published": published or getattr(doc, "date", None),
            "outlet": getattr(doc, "sitename", None),
            "title": getattr(doc, "title", None),
            "url": url or getattr(doc, "url", None),
        },
    )


_JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object"}

# Half of a UTF-16 pair: JSON can carry one, UTF-8 cannot encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters an id may not hold: control characters (C0, DEL, C1), and the two
# non-characters. The graph's IRI would percent-encode them but the id recorded in it
# (an XML-safe literal) would lose some, so "x\u0001y" was stored as "xy", in another's place;
# and a line break or tab in an id would break every one-line message that names it.
_ID_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


def _make_article(where: str, record: dict[str, object]) -> Article | Skip:
    article_id, text = record.get("id"), record.get("text")
    if not isinstance(article_id, str | int) or isinstance(article_id, bool) or not str(article_id).strip():
        return Skip(where, "missing or invalid 'id'")
    if not isinstance(text, str):
        return Skip(where, "missing or non-string 'text'")
    if _SURROGATE.search(str(article_id)):
        # JSON can spell half a character ("\ud800"); an id must name one article exactly.
        return Skip(where, "'id' is not valid Unicode (a lone surrogate)")
    control = _ID_CONTROL.search(str(article_id).strip())
    if control:
        return Skip(
            where,
            f"'id' holds a control character (U+{ord(control.group()):04X}); an id must be printable text",
        )
    text = _SURROGATE.sub("\ufffd", text)
    if not text.strip():
        return Skip(where, "empty text")
    if len(text) > MAX_ARTICLE_CHARS:
        return Skip(where, f"text too long ({len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,})")
    fields: dict[str, str | None] = {}
    for key in ("published", "outlet", "title", "url"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            # Guessing what a number or a list meant would put a wrong value in the graph.
            return Skip(
                where, f"{key!r} must be a string, not {_JSON_TYPES.get(type(value), type(value).__name__)}"
            )
        fields[key] = _SURROGATE.sub("\ufffd", value.strip()) or None if value is not None else None
    published = fields["published"]
    notes: tuple[str, ...] = ()
    if published is not None:
        published = normalise_published(published)
        if published is None:
            # The story is still worth its facts; only its relative dates cannot be read.
            notes = (f"'published' {record.get('published')!r} is no date kg can read; built without one",)
    return Article(
        id=str(article_id).strip(),
        text=text,
        published=published,
        outlet=fields["outlet"],
        title=fields["title"],
        url=fields["url"],
        source=where,
        notes=notes,
    )


# Dates as feeds and archives write them, each with its year in full; a form that could
# read two ways (03/04/2025) is none of them.
_WRITTEN_DATES = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B, %Y")


def normalise_published(value: str) -> str | None:
    """`2006-11-14` (a timestamp is cut to its date), also from "12 April 2025", "April 12,
    2025" or an RSS date ("Sat, 12 Apr 2025 10:00:00 +0000"); None when it is no date."""
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    bare = " ".join(text.replace(".", " ").split())
    for pattern in _WRITTEN_DATES:
        try:
            return datetime.strptime(bare, pattern).date().isoformat()
        except ValueError:
            continue
    return None
