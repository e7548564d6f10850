"""`kg eval`: precision, recall and F1 against a gold file (FACTS.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli.common import StoreOption, _open, _styled, app, err, out
from kg.graph.store import default_store


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL in the shape of FACTS.md.")],
    store: StoreOption = default_store(),
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the store's facts against a gold file: precision, recall, F1 per type; date,
    place and status accuracy and occurred-precision for meetings and calls.

    Example: `kg eval ../shared/gold/seeds.jsonl`

    Scored as FACTS.md says: names match ignoring case, accents, punctuation and middle
    initials, or through the gold's aliases; a quote by its words (one contains the other, or
    60% of the shorter's words are in the longer) and its speaker, or its words alone where
    the gold says the article never names the speaker. A fact type the gold has no line of
    is shown as not scored.
    """
    from kg.exports.facts import iter_facts
    from kg.quality.evaluate import load_gold, score, summarise

    gold_set = load_gold(gold)
    db = _open(store)
    rows = summarise(score(iter_facts(db), gold_set))
    missing = sorted(gold_set.articles - set(db.article_ids()))
    if missing:
        err.print(
            _styled(
                "warning:",
                "yellow",
                f"{len(missing)} gold articles are not in the store (first: {missing[0]})",
            ),
            highlight=False,
        )
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title=f"kg eval {gold.name}", show_header=True)
    columns = [
        "type",
        "gold",
        "system",
        "matched",
        "precision",
        "recall",
        "f1",
        "date_acc",
        "place_acc",
        "status_acc",
        "occurred_precision",
    ]
    headers = [
        "type",
        "gold",
        "system",
        "matched",
        "P",
        "R",
        "F1",
        "date",
        "place",
        "status",
        "occurred-P",
    ]
    for column, header in zip(columns, headers, strict=True):
        table.add_column(header, justify="left" if column == "type" else "right")
    for row in rows:
        if row.get("scored") is False:
            # The gold has no line of this type: its facts are neither right nor wrong.
            table.add_row(row["type"], "-", str(row["system"]), "-", "not scored")
            continue
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    out.print(table)
