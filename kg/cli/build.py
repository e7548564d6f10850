"""`kg build`: files, folders and URLs to the store, with progress and a summary."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.cli.common import StoreOption, _fail, _styled, app, err, out
from kg.errors import KgError
from kg.graph.store import default_store
from kg.model import FACT_TYPES


class _PlainProgress:
    """Build progress for a log: "12/480 articles, 3.1/s, about 2 min 31 s left", on stderr,
    at most every `EVERY` seconds, and once at the end."""

    EVERY = 10.0

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.began = self.said = time.monotonic()

    def start(self, total: int) -> None:
        self.total, self.began, self.said = total, time.monotonic(), time.monotonic()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.said >= self.EVERY or self.done == self.total:
            self.said = now
            rate = self.done / max(now - self.began, 1e-9)
            left = (self.total - self.done) / rate if rate else 0.0
            minutes, seconds = divmod(round(left), 60)
            eta = f", about {minutes} min {seconds} s left" if self.done < self.total else ""
            err.print(f"{self.done}/{self.total} articles, {rate:.1f}/s{eta}", highlight=False)


def _print_skips(skips: Iterable[object]) -> None:
    for skip in skips:
        err.print(_styled("skipped", "yellow", skip), highlight=False, soft_wrap=True)


@app.command()
def build(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (.txt, .jsonl, .html), or http(s) URLs of web pages and RSS/Atom feeds.",
            metavar="INPUT...",
        ),
    ],
    store: StoreOption = default_store(),
    model: Annotated[
        str | None, typer.Option(help="spaCy model to load instead of the default English one.")
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Stop at the first unusable input instead of skipping it."),
    ] = False,
    ids: Annotated[
        Path | None,
        typer.Option(
            "--ids",
            help="Only articles whose ids this file lists: one a line, or JSONL with 'article' or 'id' "
            "(a gold file works).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract unchanged articles too.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, max=1000, help="Articles per nlp.pipe batch.")] = 32,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes that parse at once [default: every core this process may use]."),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Parse on a Dask cluster: the scheduler's address (tcp://host:8786), or `local` for a "
            "cluster of --workers processes on this machine. Needs `pip install 'kg[cluster]'`."
        ),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove stored articles that are not in the input.")
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="The summary as a table, or as json on standard output.")
    ] = "table",
) -> None:
    """Extract facts from articles and store one named graph per article. New and changed
    articles are parsed; unchanged ones are skipped.

    Example: `kg build seeds/` or `kg build corpus.jsonl --ids dev-ids.txt --store ./kg-store`

    Example: `kg build archive/ --workers 8`; `kg build archive/ --cluster tcp://10.0.0.5:8786`

    Example: `kg build https://example.org/world/rss.xml` (a feed: each entry's page is
    fetched and built; what is stored unchanged is skipped on the next run)
    """
    if fmt not in ("table", "json"):
        _fail(KgError(f"--format must be table or json, not {fmt!r}"))
    stored: list[int] = []  # one entry per article written, for the message if interrupted
    try:
        # Imported inside the try: a Ctrl-C while they load says what is stored (nothing) like
        # any other, where typer would end the command without a word.
        from kg.build.build import build as run_build
        from kg.build.build import read_id_filter
        from kg.build.parallel import cpu_count

        wanted = read_id_filter(ids) if ids else None
        with Progress(
            TextColumn("[bold]building"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=False,
            disable=not err.is_terminal,
        ) as progress:
            task = progress.add_task("articles", total=None)
            # Piped into a log, the bar is off; a line now and then says how far it is.
            plain = None if err.is_terminal else _PlainProgress()

            def started(total: int) -> None:
                progress.update(task, total=total)
                if plain is not None:
                    plain.start(total)

            def built(_article: object) -> None:
                stored.append(1)
                progress.advance(task)
                if plain is not None:
                    plain.advance()

            def said(line: str) -> None:
                err.print(_styled("note:", "cyan", line), highlight=False, soft_wrap=True)

            report = run_build(
                paths,
                store,
                model=model,
                strict=strict,
                ids=wanted,
                force=force,
                batch_size=batch_size,
                workers=workers or cpu_count(),
                cluster=cluster,
                prune=prune,
                on_start=started,
                on_article=built,
                on_note=said,
            )
    except KgError as exc:
        _print_skips(getattr(exc, "skipped", []))  # what was left out before it, each with why
        _fail(exc)
    except KeyboardInterrupt:
        # Articles are written a few at a time, each batch in one transaction (the one being
        # gathered is written before this): what is stored is whole, and the next build
        # parses only what is missing.
        err.print(_styled("interrupted:", "yellow", f"{len(stored)} articles stored; run again to finish"))
        raise typer.Exit(130) from None
    _print_skips(report.skipped)
    for note in report.notes:
        err.print(_styled("note", "cyan", note), highlight=False, soft_wrap=True)
    if fmt == "json":
        sys.stdout.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"kg build → {store}", show_header=True)
    table.add_column("articles read", justify="right")
    table.add_column("built", justify="right")
    table.add_column("unchanged", justify="right")
    table.add_column("skipped", justify="right")
    if prune:
        table.add_column("removed", justify="right")
    for kind in FACT_TYPES:
        table.add_column(kind + "s", justify="right")
    table.add_row(
        str(report.read),
        str(report.built),
        str(report.unchanged),
        str(len(report.skipped)),
        *([str(report.removed)] if prune else []),
        *(str(report.facts[k]) for k in FACT_TYPES),
    )
    out.print(table)
    if report.same_people:
        out.print(
            f"{report.same_people} people named by surname alone linked to their full name in other articles"
        )
