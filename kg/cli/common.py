"""What every command shares: the app, its two consoles (no markup: a name is printed as
written), the store option, and one-line errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperCommand

from kg import __version__
from kg.errors import KgError
from kg.graph.store import STORE_ENV, GraphStore, open_store, storage_error
from kg.processes import ctrl_c_raises


class _OneLineErrors(TyperCommand):
    """A command whose error escapes it, or whose store fails while its rows are read (they
    are read as they are used, after the store opened), says so in one line, exit code 1."""

    def invoke(self, ctx: Any) -> Any:  # typer's own click Context
        ctrl_c_raises()  # the command begins: Ctrl-C is its to answer from here
        try:
            return super().invoke(ctx)
        except KgError as exc:
            _fail(exc)
        except (OSError, RuntimeError) as exc:
            problem = storage_error(exc, str(ctx.params.get("store") or ""))
            if problem is None:
                raise
            _fail(problem)


class _Kg(typer.Typer):
    def command(self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or _OneLineErrors, **kwargs)


app = _Kg(
    help="Build and query a knowledge graph of who met, phoned, interviewed and holds which role, from news.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
# Markup off: names, paths and query values hold "[...]" ("kg[cluster]", "[draft].txt"),
# which rich would eat or fail on. Styled words are Text, built by _styled. Piped output
# keeps whole tables rather than folding them to 80 columns.
out = Console(width=None if sys.stdout.isatty() else 160, markup=False)
err = Console(stderr=True, markup=False)


def _print_version(asked: bool) -> None:
    if asked:
        out.print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print kg's version and stop."
        ),
    ] = False,
) -> None:
    """Options before any command (the app's help above is what `kg --help` shows)."""


def _styled(label: str, style: str, message: object = "") -> Text:
    """ "error: ..." with the label in `style` and the message as plain text."""
    return Text.assemble((label, style), f" {message}" if message != "" else "")


StoreOption = Annotated[
    str,
    typer.Option(
        "--store",
        envvar=STORE_ENV,
        help="Store folder, or the URL of a SPARQL 1.1 server holding the graph "
        "(e.g. http://localhost:7878 for `oxigraph serve`); or set KG_STORE.",
        show_default=True,
    ),
]


def _fail(exc: KgError) -> NoReturn:
    err.print(_styled("error:", "bold red", exc), highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def _check_writable(output: Path) -> None:
    """Fail before any work where `output` cannot be written: a missing folder is one line,
    not a traceback after the export ran."""
    folder = output.parent
    if not folder.is_dir():
        _fail(KgError(f"cannot write {output}: the folder {folder} does not exist"))
    if output.is_dir():
        _fail(KgError(f"cannot write {output}: it is a folder"))


def _open(location: str) -> GraphStore:
    # A KgError (no store there, one being written) is one line: every command is a
    # _OneLineErrors, which catches it.
    return open_store(location, read_only=True)
