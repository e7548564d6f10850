"""Starting a child deaf to Ctrl-C must not make the parent deaf to it: a Ctrl-C pressed while
a worker starts used to be dropped, and the build ran to its end."""

from __future__ import annotations

import signal
import sys
import threading

import pytest

from kg.processes import started_deaf_to_ctrl_c


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="signal masks are POSIX")
def test_a_ctrl_c_pressed_while_a_child_starts_reaches_the_parent_after():
    ran: list[str] = []

    def start() -> None:
        # The user presses Ctrl-C mid-start. Sent to this thread: one sent to the process may be
        # taken by another thread of the test run, and is then raised mid-start instead.
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        ran.append("started")

    with pytest.raises(KeyboardInterrupt):  # raised as the signal is let through, not lost
        started_deaf_to_ctrl_c(start)
    assert ran == ["started"]  # the start itself ran to its end first
    # Ctrl-C is answered again, and nothing is left blocked.
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_start_without_ctrl_c_returns_what_it_started():
    assert started_deaf_to_ctrl_c(lambda: 42) == 42
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
