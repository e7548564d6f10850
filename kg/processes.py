"""Child processes that behave: deaf to the terminal's Ctrl-C (the parent answers it) and
ended with their parent, however it ends. Used by the build's workers (kg/build/parallel.py)
and the server's (kg/serve/workers.py), which share nothing else.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def started_deaf_to_ctrl_c(start: Callable[[], T]) -> T:
    """`start()`, a call that starts a child process, with Ctrl-C ignored meanwhile: the child
    then runs with Ctrl-C ignored from its first instruction (an ignored signal stays ignored
    across exec), where one interrupted while it imports prints a traceback. Ctrl-C reaches
    every process of the terminal's group; the parent alone answers it, and is deaf to it
    only for the moment a start takes."""
    if threading.current_thread() is not threading.main_thread():
        return start()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return start()
    finally:
        signal.signal(signal.SIGINT, previous)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def exit_with(parent: int) -> None:
    """End this process when the process `parent` ends, however it ends. A killed build
    would otherwise leave its workers (a few hundred MB each) waiting for work forever."""
    if sys.platform.startswith("linux"):
        # The kernel sends SIGKILL the moment the parent exits: nothing to clean up here,
        # the parent alone writes the store.
        with contextlib.suppress(OSError, AttributeError):  # a libc without prctl: the thread
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it ended before the line above ran
        os._exit(1)
    # Everywhere (and for a parent that is not the process that started this one): look.
    threading.Thread(target=_watch_parent, args=(parent,), name="kg-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)
