"""Processes that behave on Ctrl-C. Children deaf to the terminal's Ctrl-C (the parent
answers it) and ended with their parent, however it ends: the build's workers
(kg/build/parallel.py) and the server's (kg/serve/workers.py), which share nothing else. And
kg's own process, which ends at once on a Ctrl-C that comes before its command begins
(kg/__main__.py, kg/cli/common.py).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")


def started_deaf_to_ctrl_c(start: Callable[[], T]) -> T:
    """`start()`, a call that starts a child process, with Ctrl-C held back meanwhile: the child
    then runs deaf to Ctrl-C from its first instruction, where one interrupted while it imports
    prints a traceback. Ctrl-C reaches every process of the terminal's group; the parent alone
    answers it.

    Held back, not ignored, where the system can: the signal is blocked in this thread for the
    moment the start takes, so a Ctrl-C pressed in that moment waits and reaches the parent
    right after, instead of being lost (the build then ran to its end). Where another thread of
    the parent takes it (the progress bar's), Python raises it here at once, mid-start: answered
    either way. The child inherits the block (a signal mask
    survives fork and exec) and lifts it in `deaf_to_ctrl_c`, its first step, ignoring what
    waited for it. Without signal masks, the signal is ignored for that moment instead."""
    if threading.current_thread() is not threading.main_thread():
        return start()
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            return start()
        finally:
            signal.signal(signal.SIGINT, previous)
    previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)


def deaf_to_ctrl_c() -> None:
    """A child's first step (one started by `started_deaf_to_ctrl_c`): ignore Ctrl-C from now
    on, then lift the block it was born with; a Ctrl-C that waited is dropped with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class _EndAtOnce:
    """A SIGINT handler: say `message` and end the process, exit code 130."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, _signum: int, _frame: object) -> None:
        sys.stderr.write(self.message)
        sys.stderr.flush()
        os._exit(130)


@contextlib.contextmanager
def ctrl_c_ends_at_once(message: str) -> Iterator[None]:
    """Meanwhile, until `ctrl_c_raises()`, Ctrl-C writes `message` and ends the process on the
    spot. For the start, where nothing is open yet and a KeyboardInterrupt raised amid the
    imports misbehaves: one that lands in a weakref callback is printed and dropped (the
    build ran to its end), and one that leaves an eval() (typer reading the commands' string
    annotations) makes CPython end a `python -m` run by SIGINT, not exit code 130."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, _EndAtOnce(message))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def ctrl_c_raises() -> None:
    """From now on Ctrl-C is Python's KeyboardInterrupt again, for the command's own guard to
    answer (kg build says what it stored), if `ctrl_c_ends_at_once` had it."""
    if threading.current_thread() is threading.main_thread() and isinstance(
        signal.getsignal(signal.SIGINT), _EndAtOnce
    ):
        signal.signal(signal.SIGINT, signal.default_int_handler)


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
