"""Per-subreddit cadence: planned from the post rate, shortened after a gap, busiest first
when the quota is short, refused subreddits backed off; and the gap rule itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from harbor import cadence
from harbor.registry import gap_possible

SHORTEST, LONGEST = 60.0, 900.0


def test_a_run_is_planned_to_need_about_one_page() -> None:
    # 240 posts an hour: 80 posts every 20 minutes, longer than the longest cadence
    assert cadence.ideal_cadence(240, SHORTEST, LONGEST) == LONGEST
    # 1,440 an hour (24 a minute): 80 posts in 200 s
    assert cadence.ideal_cadence(1440, SHORTEST, LONGEST) == 200
    # far busier: never below the shortest
    assert cadence.ideal_cadence(36_000, SHORTEST, LONGEST) == SHORTEST
    # nothing known yet: the longest
    assert cadence.ideal_cadence(None, SHORTEST, LONGEST) == LONGEST


def test_the_post_rate_comes_from_the_listing_span_and_is_smoothed() -> None:
    assert cadence.Observation(101, 3600).posts_per_hour == 100
    assert cadence.Observation(1, 3600).posts_per_hour is None  # one post tells nothing
    assert cadence.blend_rate(None, 100.0) == 100.0
    assert cadence.blend_rate(100.0, None) == 100.0
    assert cadence.blend_rate(100.0, 300.0) == 200.0


def test_a_gap_halves_the_cadence_at_once() -> None:
    assert cadence.next_cadence(240, 900, gap=False, shortest=SHORTEST, longest=LONGEST) == 900
    assert cadence.next_cadence(240, 900, gap=True, shortest=SHORTEST, longest=LONGEST) == 450
    assert cadence.next_cadence(240, 90, gap=True, shortest=SHORTEST, longest=LONGEST) == 60


def test_the_subreddit_closest_to_losing_posts_is_most_urgent() -> None:
    busy = cadence.urgency(120, 36_000, LONGEST)  # 10 posts a second, 2 minutes since
    quiet = cadence.urgency(900, 10, LONGEST)  # 10 an hour, 15 minutes since
    unknown = cadence.urgency(900, None, LONGEST)
    new = cadence.urgency(None, None, LONGEST)
    assert busy > 1.0 > new * 0.99 > quiet and new > unknown
    assert cadence.loss_horizon(36_000) == 80.0  # 800 posts (the cap with a margin) at 10/s


def test_expected_requests_and_look_back_follow_the_rate() -> None:
    assert cadence.expected_requests(None, 900, 1800) == 1
    assert cadence.expected_requests(10, 900, 1800) == 1
    # 10 a second for a minute, and one page of look-back: 700 posts, 7 pages and one more
    assert cadence.lookback_for(36_000, 1800) == 10.0
    assert cadence.expected_requests(36_000, 60, 1800) == 8
    assert cadence.expected_requests(360_000, 60, 1800) == 10  # the listing cap
    assert cadence.lookback_for(None, 1800) == 1800


def test_a_refused_subreddit_waits_longer_each_time_up_to_a_day() -> None:
    first, second = cadence.unavailable_backoff(1), cadence.unavailable_backoff(2)
    assert 800 < first < 1000 and 1600 < second < 2000
    assert cadence.unavailable_backoff(50) <= 86400 * 1.1


def test_a_gap_is_a_walk_that_ended_before_what_was_seen_last() -> None:
    seen = datetime(2026, 1, 1, tzinfo=UTC)
    later, earlier = seen + timedelta(seconds=5), seen - timedelta(seconds=5)
    assert gap_possible(True, later, seen)
    assert gap_possible(True, seen, seen)  # the same second: some may be on either side
    assert not gap_possible(True, earlier, seen)  # it went back past the old posts
    assert not gap_possible(False, later, seen)  # the consumer stopped it: no gap
    assert not gap_possible(True, later, None)  # a first run has nothing to miss
