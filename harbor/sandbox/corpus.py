"""The live corpus: deterministic posts per subreddit that keep arriving.

Each subreddit starts with `initial_posts` posts spread over the days before the start,
then gains posts at its own rate (Poisson arrivals, materialised lazily from the clock by
`catch_up`) and on demand (`advance`): `rate` per minute, times a seeded log-normal factor
when `rate_spread` is set, or `busy_rate` for the `busy` ones.

The corpus also keeps the server's own account of coverage (`coverage()`): every post
that arrived after the start, whether a listing ever served it and how long after its
creation it was first served. A post that left the listing (past the cap, or trimmed)
without ever being served is one a collector missed. Ids are base36 and increase with
creation time across the whole sandbox, like Reddit's. Everything follows from the
seed: the same seed gives the same ids, authors, texts and labels.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from random import Random

from harbor.sandbox.config import SandboxConfig
from harbor.sandbox.ids import from_base36, stable_int
from harbor.sandbox.post import Post, Subreddit

__all__ = ["LISTING_CAP", "Corpus", "Page"]

LISTING_CAP = 1000  # Reddit serves at most about the newest 1000 items of a listing
FIRST_ID = int("1h00000", 36)
PROBLEM_SHARE = 0.34


@dataclass(frozen=True)
class Page:
    """One listing page, newest first, with Reddit's `after`/`before` fullnames."""

    posts: list[Post]
    after: str | None
    before: str | None


@dataclass
class _Live:
    """The arrival process of one subreddit."""

    rng: Random
    next_time: float
    rate: float  # posts per second


@dataclass
class Coverage:
    """Posts that arrived after the start: how many, which were served, how fast."""

    created: int = 0
    listed: int = 0
    lost: int = 0  # dropped from the corpus without ever being listed
    freshness: list[float] = field(default_factory=list)  # first listed minus created, s

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.freshness)

        def quantile(q: float) -> float:
            if not ordered:
                return 0.0
            return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]

        return {
            "created": self.created,
            "listed": self.listed,
            "never_listed": self.created - self.listed,
            "lost": self.lost,
            "freshness_p50": quantile(0.50),
            "freshness_p95": quantile(0.95),
            "freshness_max": ordered[-1] if ordered else 0.0,
        }


@dataclass
class Corpus:
    """Every post the sandbox holds, by subreddit, with its arrival schedule."""

    config: SandboxConfig
    start: float
    subs: dict[str, Subreddit] = field(default_factory=dict)
    by_num: dict[int, Post] = field(default_factory=dict)
    _rngs: dict[str, Random] = field(default_factory=dict)
    _live: dict[str, _Live] = field(default_factory=dict)
    _next_num: int = FIRST_ID
    _id_rng: Random = field(default_factory=Random)
    _coverage: dict[str, Coverage] = field(default_factory=dict)
    _first_listed: dict[int, float] = field(default_factory=dict)
    # coverage counts the posts created from this time on (the start, or a reset)
    measure_from: float = 0.0

    @classmethod
    def build(cls, config: SandboxConfig, now: float) -> Corpus:
        """The seeded corpus as it stands at `now` (initial posts, no arrivals yet)."""
        corpus = cls(config=config, start=now, measure_from=now)
        corpus._id_rng = Random(stable_int(config.seed, "ids"))
        window = min(30 * 86400.0, max(86400.0, config.initial_posts * 600.0))
        start = int(now)
        pending: list[tuple[int, int, str]] = []
        for order, name in enumerate(config.subreddits):
            sub = Subreddit.make(name, config.seed)
            corpus.subs[sub.key] = sub
            rng = Random(stable_int(config.seed, sub.key, "posts"))
            corpus._rngs[sub.key] = rng
            # whole-second offsets from a whole-second start: the order of posts across
            # subreddits (and so their ids) must not depend on the fraction of `now`
            times = sorted(
                start - 30 - int(rng.random() * window) for _ in range(config.initial_posts)
            )
            pending.extend((t, order, sub.key) for t in times)
        pending.sort()
        for created, _, key in pending:
            corpus._create(corpus.subs[key], created, None)
        corpus.set_rate(config.rate, now)
        return corpus

    def rate_of(self, key: str, rate: float) -> float:
        """Posts per minute of one subreddit when the sandbox's base rate is `rate`."""
        if rate <= 0:
            return 0.0
        if self.config.is_busy(key):
            return self.config.busy_rate
        if self.config.rate_spread <= 0:
            return rate
        factor = Random(stable_int(self.config.seed, key, "rate")).gauss(0.0, 1.0)
        return rate * math.exp(self.config.rate_spread * factor)

    def set_rate(self, rate: float, now: float) -> None:
        """Start (or change) the arrivals from `now`: `rate` posts per minute per subreddit
        (each subreddit's own, see `rate_of`)."""
        self.catch_up(now)
        self.config = self.config.with_changes({"rate": rate})
        self._live.clear()
        if rate <= 0:
            return
        for key in self.subs:
            per_second = self.rate_of(key, rate) / 60.0
            if per_second <= 0:
                continue
            rng = Random(stable_int(self.config.seed, key, "live", rate))
            self._live[key] = _Live(rng, now + rng.expovariate(per_second), per_second)

    def catch_up(self, now: float) -> int:
        """Materialise every scheduled arrival up to `now`, in time order; how many."""
        if not self._live:
            return 0
        keep = self._retention()
        heap: list[tuple[float, str]] = []
        for key, live in self._live.items():
            # after a long idle spell only the posts that would still be kept matter
            if (now - live.next_time) * live.rate > keep:
                live.next_time = now - keep / live.rate
            if live.next_time <= now:
                heap.append((live.next_time, key))
        heapq.heapify(heap)
        made = 0
        while heap:
            when, key = heapq.heappop(heap)
            live = self._live[key]
            self._create(self.subs[key], int(when), None)
            made += 1
            live.next_time = when + live.rng.expovariate(live.rate)
            if live.next_time <= now:
                heapq.heappush(heap, (live.next_time, key))
        return made

    def advance(self, keys: Iterable[str], count: int, kind: str | None, now: float) -> list[Post]:
        """Add `count` posts to each subreddit in `keys`, created now."""
        self.catch_up(now)
        made: list[Post] = []
        for key in keys:
            sub = self.subs[key]
            for _ in range(count):
                problem = None if kind is None else kind == "problem"
                made.append(self._create(sub, int(now), problem))
        return made

    def copy(self, original: Post, key: str, how: str, note: str, now: float) -> Post:
        """A crosspost of `original` in subreddit `key`, or a repost of its text there
        (`note` appended to the body), created now."""
        self.catch_up(now)
        post = self._create(self.subs[key], int(now), original.is_problem)
        post.copy_of(original, now, crosspost=how == "crosspost", note=note)
        return post

    def _create(self, sub: Subreddit, created: int, problem: bool | None) -> Post:
        rng = self._rngs[sub.key]
        num = self._next_num
        # reddit ids are global, so one subreddit sees gaps between its own ids
        self._next_num += 1 + int(self._id_rng.expovariate(1 / 40.0))
        is_problem = rng.random() < PROBLEM_SHARE
        post = Post.make(
            num=num,
            sub=sub,
            created=created,
            seed=rng.getrandbits(48),
            is_problem=is_problem if problem is None else problem,
            fate=rng.random(),
            fate_delay=rng.uniform(300, 6 * 3600),
        )
        sub.append(post)
        self.by_num[num] = post
        if created >= self.measure_from:
            self._coverage.setdefault(sub.key, Coverage()).created += 1
        if len(sub.posts) > self._retention() + 500:
            for old in sub.trim(self._retention()):
                self.by_num.pop(old.num, None)
                listed = self._first_listed.pop(old.num, None) is not None
                if not listed and old.created >= self.measure_from:
                    self._coverage.setdefault(sub.key, Coverage()).lost += 1
        return post

    def _served(self, sub: Subreddit, posts: list[Post], now: float) -> None:
        for post in posts:
            if post.num in self._first_listed:
                continue
            self._first_listed[post.num] = now
            if post.created >= self.measure_from:
                cover = self._coverage.setdefault(sub.key, Coverage())
                cover.listed += 1
                cover.freshness.append(max(0.0, now - post.created))

    def reset_coverage(self, now: float) -> None:
        """Count coverage afresh from `now` (whole seconds: posts are created on them)."""
        self.catch_up(now)
        self.measure_from = float(int(now) + 1)
        self._coverage.clear()

    def coverage(self) -> dict[str, object]:
        """The server's account of arrivals: overall, and per subreddit that had any."""
        total = Coverage()
        for cover in self._coverage.values():
            total.created += cover.created
            total.listed += cover.listed
            total.lost += cover.lost
            total.freshness.extend(cover.freshness)
        return {
            "since": self.measure_from,
            "total": total.summary(),
            "by_subreddit": {key: c.summary() for key, c in sorted(self._coverage.items())},
        }

    def _retention(self) -> int:
        return max(self.config.initial_posts, LISTING_CAP) + 1000

    def find(self, post_id: str) -> Post | None:
        """The post with this id (with or without its `t3_` prefix)."""
        num = from_base36(post_id.removeprefix("t3_"))
        return None if num is None else self.by_num.get(num)

    def listing(
        self,
        key: str,
        *,
        limit: int = 25,
        after: str | None = None,
        before: str | None = None,
        count: int = 0,
        now: float | None = None,
    ) -> Page:
        """A page of /r/<sub>/new, as Reddit pages it.

        Only the newest LISTING_CAP posts are reachable. `after` gives the posts older
        than that fullname, `before` the ones newer (the `limit` closest to it). An anchor
        that is unknown or out of reach gives an empty page, as on Reddit.
        """
        sub = self.subs[key]
        total = len(sub.posts)
        reach = min(total, LISTING_CAP)
        limit = max(1, min(limit, 100))

        def position(fullname: str) -> int | None:
            num = from_base36(fullname.removeprefix("t3_")) if fullname.startswith("t3_") else None
            if num is None:
                return None
            index = bisect.bisect_left(sub.nums, num)
            if index == total or sub.nums[index] != num:
                return None
            pos = total - 1 - index  # 0 is the newest
            return pos if pos < reach else None

        if before:
            anchor = position(before)
            if anchor is None:
                return Page([], None, None)
            first = max(0, anchor - limit)
            posts = [sub.posts[total - 1 - p] for p in range(first, anchor)]
            return Page(
                posts,
                posts[-1].name if posts else None,
                posts[0].name if posts and first > 0 else None,
            )
        start = 0
        if after:
            anchor = position(after)
            if anchor is None:
                return Page([], None, None)
            start = anchor + 1
        end = min(start + limit, reach)
        posts = [sub.posts[total - 1 - p] for p in range(start, end)]
        if now is not None:
            self._served(sub, posts, now)
        more = end < reach
        # reddit only reports `before` on later pages when the client passes a count
        return Page(
            posts,
            posts[-1].name if posts and more else None,
            posts[0].name if posts and after and count > 0 else None,
        )
