"""Run `kg build` (its real command line, in this process) and SIGKILL it at one point.

    python tests/guarantees/killed_build.py KILL_AT DELAY LOG kg-build-arguments...

(KILL_SIGNAL in the environment sends another signal than 9, e.g. 15.) The build writes two
articles an update (kg/build/build.py, WRITE_EVERY), so a kill can land between articles.

The store's writes (each SPARQL update, and the final flush) are counted. When write number
KILL_AT begins, an independent `kill -9` of this process is started, DELAY seconds later:
it lands wherever the build is then, inside the write's Rust code included, since no
Python in this process has to run for it. The build then sleeps after that write, so the
kill always lands before the write after it. LOG gets a line as each write starts and
ends, so the test knows whether the kill cut a write in half, and as the kill is started,
"children PID..." naming this process's child processes (the parse workers among them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import kg.build.build
from kg.cli import app
from kg.graph.store import LocalStore


def children() -> list[int]:
    """The processes whose parent is this one (read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.append(int(stat.parent.name))
    return found


def main() -> None:
    kill_at, delay, log = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    writes = 0

    def counted(real: Any) -> Any:
        def write(self: LocalStore, *args: Any) -> None:
            nonlocal writes
            writes += 1
            number = writes
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"start {number}\n")
            if number == kill_at:
                with open(log, "a", encoding="utf-8") as out:
                    out.write(" ".join(["children", *map(str, children())]) + "\n")
                signal = os.environ.get("KILL_SIGNAL", "9")
                subprocess.Popen(["sh", "-c", f"sleep {delay}; kill -{signal} {os.getpid()}"])
            real(self, *args)
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"end {number}\n")
            if number == kill_at:
                time.sleep(30)  # the kill comes while we wait, if it did not come in the write

        return write

    kg.build.build.WRITE_EVERY = 2
    LocalStore.update = counted(LocalStore.update)  # type: ignore[method-assign]
    LocalStore.flush = counted(LocalStore.flush)  # type: ignore[method-assign]
    app(sys.argv[4:])


if __name__ == "__main__":
    main()
