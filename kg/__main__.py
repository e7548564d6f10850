"""`python -m kg` and the `kg` command. The command line is loaded and built here, inside a
guard: a Ctrl-C while it loads (half a second on a busy machine) ends it with one line, not
a traceback through the imports or typer's reading of the commands."""

import sys

_STOPPED = "interrupted: stopped as it started; nothing was changed\n"


def main() -> None:
    try:
        from kg.cli import app

        app(prog_name="kg")
    except KeyboardInterrupt:
        # Past this moment each command answers Ctrl-C itself (kg build says what is stored).
        sys.stderr.write(_STOPPED)
        raise SystemExit(130) from None
    except SystemExit as exc:
        # A Ctrl-C that lands in typer's own steps (reading the command line, calling the
        # command before the command's guard) typer turns into exit code 130 silently.
        stop = exc.__context__
        if exc.code == 130 and stop is not None and isinstance(stop.__cause__, KeyboardInterrupt):
            sys.stderr.write(_STOPPED)
        raise


if __name__ == "__main__":
    main()
