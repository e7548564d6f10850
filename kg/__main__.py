"""`python -m kg` and the `kg` command. The command line is loaded and built here, inside a
guard: a Ctrl-C while it loads (half a second on a busy machine) ends it with one line, not
a traceback through the imports or typer's reading of the commands."""

import sys


def main() -> None:
    try:
        from kg.cli import app

        app(prog_name="kg")
    except KeyboardInterrupt:
        # Past this moment each command answers Ctrl-C itself (kg build says what is stored).
        sys.stderr.write("interrupted: stopped as it started; nothing was changed\n")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
