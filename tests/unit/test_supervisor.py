"""make run's supervisor: a child that exits on its own is started again, a bounded number
of times."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from harbor.runtime import processes
from harbor.runtime.processes import RESTART_WINDOW_S, RESTARTS_PER_WINDOW, Supervisor


def test_a_dead_child_is_restarted_at_most_so_often_within_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(processes, "RESTART_BACKOFF_S", 0.0)
    supervisor = Supervisor(tmp_path)
    child = supervisor.start("flaky", [sys.executable, "-c", "print('up')"], {})
    try:
        child.process.wait(timeout=30)
        assert supervisor.first_dead() is child
        first_pid = child.pid
        for number in range(RESTARTS_PER_WINDOW):
            assert supervisor.restart(child, now=100.0 + number)
            child.process.wait(timeout=30)
        assert child.pid != first_pid
        assert not supervisor.restart(child, now=100.0 + RESTARTS_PER_WINDOW)
        # once the window has passed, it may be started again
        assert supervisor.restart(child, now=100.0 + RESTART_WINDOW_S + 1)
        child.process.wait(timeout=30)
        assert (tmp_path / "flaky.log").read_text().count("up") == RESTARTS_PER_WINDOW + 2
    finally:
        supervisor.stop_all(grace=5)
