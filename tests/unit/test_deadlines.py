"""Deadlines: what is left, the sooner of two, and how the score path's bounds nest."""

from __future__ import annotations

from harbor.deadline import MIN_STEP_S, Deadline
from harbor.runtime.queues import SCORE_DEADLINE_S, SCORE_HARD_LIMIT_S, SCORE_SOFT_LIMIT_S
from harbor.runtime.scoring import RUNNING_TTL_S
from harbor.scoring.openai_scorer import DEFAULT_DEADLINE_S
from harbor.scoring.service import CLAIM_MAX_HOLD_S, CLAIM_TTL_S


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_remaining_cap_and_expiry_follow_the_clock() -> None:
    clock = Clock()
    deadline = Deadline(10.0, clock)
    assert deadline.remaining() == 10.0
    assert deadline.cap(30.0) == 10.0
    assert deadline.cap(4.0) == 4.0
    clock.now += 9.5
    assert deadline.expired(MIN_STEP_S)
    assert not deadline.expired()
    clock.now += 1
    assert deadline.remaining() == 0.0
    assert deadline.cap(30.0) == 0.0
    assert deadline.expired()


def test_the_sooner_of_two_deadlines_wins() -> None:
    clock = Clock()
    long, short = Deadline(60.0, clock), Deadline(5.0, clock)
    assert long.earliest(short) is short
    assert short.earliest(long) is short
    assert long.earliest(None) is long


def test_the_score_path_bounds_nest() -> None:
    # the scorer's own deadline within the task's, the task's within Celery's limits
    # (which -P threads does not enforce), and all of it within the claim's longest hold,
    # so a holder that keeps to its deadline never loses its claim
    assert DEFAULT_DEADLINE_S <= SCORE_DEADLINE_S < SCORE_SOFT_LIMIT_S < SCORE_HARD_LIMIT_S
    assert SCORE_DEADLINE_S < CLAIM_MAX_HOLD_S
    assert CLAIM_MAX_HOLD_S + CLAIM_TTL_S <= SCORE_HARD_LIMIT_S + RUNNING_TTL_S
