"""`python -m kg` and the `kg` command. The command line is loaded and built here, inside a
guard: a Ctrl-C while it loads (half a second on a busy machine) ends it with one line, not
a traceback through the imports or typer's reading of the commands."""

import atexit
import os
import sys

from kg.processes import ctrl_c_ends_at_once

_STOPPED = "interrupted: stopped as it started; nothing was changed\n"


def main() -> None:
    try:
        with ctrl_c_ends_at_once(_STOPPED):  # until the command begins
            from kg.cli import app

            app(prog_name="kg")
    except KeyboardInterrupt:
        # Where Ctrl-C could not end the process at once (off the main thread, or an interrupt
        # raised rather than signalled). Past the start each command answers Ctrl-C itself
        # (kg build says what is stored).
        sys.stderr.write(_STOPPED)
        raise SystemExit(130) from None
    except SystemExit as exc:
        # A Ctrl-C that lands in typer's steps between the command's start and the command's
        # own guard typer turns into exit code 130 silently.
        stop = exc.__context__
        if exc.code == 130 and stop is not None and isinstance(stop.__cause__, KeyboardInterrupt):
            sys.stderr.write(_STOPPED)
        raise


def _run_as_module() -> None:
    atexit.register(_end_with_130_if_interrupted)  # registered first, so it runs last
    try:
        main()
    except SystemExit as exc:
        global _interrupted
        _interrupted = exc.code == 130
        raise


_interrupted = False


def _end_with_130_if_interrupted() -> None:
    # Under `python -m` CPython ends a run in which a KeyboardInterrupt once left an eval()
    # (pydantic's reading of string annotations, as spaCy loads) by raising SIGINT on itself
    # after its exit steps, the interrupt caught or not: the shell saw "killed by SIGINT", not
    # 130. So an interrupted run ends here, after the other exit steps (the workers'
    # shutdown among them), its output flushed. The `kg` script is not affected.
    if _interrupted:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)


if __name__ == "__main__":
    _run_as_module()
