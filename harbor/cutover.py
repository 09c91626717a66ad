"""Routing between the dlt and the legacy collector, from the cutover table in Redis.

Operators change the table with redis-cli, so its shape is the contract (docs/DESIGN.md):

    HSET harbor:cutover dlt <0..100>                     share of subreddits on dlt
    HSET harbor:cutover:override <subreddit> dlt|legacy  a per-subreddit pin
    SET  harbor:cutover:rollback 1                       everything on legacy, pins included

A subreddit's bucket is a stable hash of its lower-cased name into 0..99; it goes to dlt
when its bucket is below the share, so raising the share only ever moves subreddits from
legacy to dlt. A missing table means legacy (a brand-new install starts with a share of
100, set once by db.bootstrap). A value that does not parse is ignored with a warning and
the safe default (legacy) applies. Changes made through this module (and so
through `harbor cutover`) are recorded in Postgres `cutover_events`; the guard that pins a
subreddit whose dlt runs keep failing lives here too.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import logging
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import redis
from psycopg import sql

from harbor import db
from harbor.errors import ConfigError
from harbor.redis_conn import (
    CUTOVER,
    CUTOVER_OVERRIDE,
    CUTOVER_ROLLBACK,
    DLT_FAILURES,
    redis_client,
)
from harbor.settings import Settings, validate_subreddit

__all__ = [
    "GUARD_ACTOR",
    "CutoverEvent",
    "CutoverTable",
    "Route",
    "Via",
    "bucket",
    "current_actor",
    "feed_guard",
    "pin",
    "read_table",
    "recent_events",
    "resume",
    "rollback",
    "route",
    "set_share",
    "unpin",
]

log = logging.getLogger(__name__)

Via = Literal["dlt", "legacy"]
GUARD_ACTOR = "guard"
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})
# warn once per distinct bad value and process: dispatch reads the table every tick
_warned: set[str] = set()
# whether the last reading in this process found any cutover key: a table that was there
# and is gone (Redis restarted empty, or flushed) is worth a warning; one never set is not
_seen = {"present": False}


@functools.lru_cache(maxsize=4096)
def bucket(subreddit: str) -> int:
    """The stable bucket 0..99 of a subreddit (same on every host, every Python)."""
    digest = hashlib.sha1(subreddit.lower().encode("utf-8"), usedforsecurity=False).digest()
    return int.from_bytes(digest[:8], "big") % 100


@dataclass(frozen=True)
class Route:
    """Where one subreddit's next collection goes, and why (for logs and status)."""

    via: Via
    reason: str


@dataclass(frozen=True)
class CutoverTable:
    """One consistent reading of the three cutover keys."""

    share: int = 0
    overrides: Mapping[str, Via] = field(default_factory=dict)  # lower-cased names
    rollback: bool = False
    present: bool = False  # False when no key exists at all
    problems: tuple[str, ...] = ()
    pins_unreadable: bool = False  # the pin hash has the wrong type: no pin can be trusted

    def route(self, subreddit: str) -> Route:
        """The route of `subreddit` under this table."""
        if self.rollback:
            return Route("legacy", "rollback")
        if self.pins_unreadable:
            return Route("legacy", "unreadable pins (legacy default)")
        pinned = self.overrides.get(subreddit.lower())
        if pinned is not None:
            return Route(pinned, f"pinned {pinned}")
        if not self.present:
            return Route("legacy", "no cutover table (legacy default)")
        b = bucket(subreddit)
        if b < self.share:
            return Route("dlt", f"bucket {b} < share {self.share}")
        return Route("legacy", f"bucket {b} >= share {self.share}")


def _warn(problem: str) -> None:
    if problem not in _warned:
        _warned.add(problem)
        log.warning("cutover table: %s; the safe default (legacy) applies", problem)


def _parse_share(raw: object) -> tuple[int, str | None]:
    if isinstance(raw, redis.ResponseError):
        return 0, f"{CUTOVER} is not a hash (use HSET {CUTOVER} dlt <0..100>)"
    if not isinstance(raw, dict):
        return 0, None
    value = raw.get("dlt")
    if value is None:
        return 0, None
    text = str(value).strip().removesuffix("%").strip()
    try:
        share = int(text)
    except ValueError:
        return 0, f"{CUTOVER} dlt={value!r} is not an integer 0..100"
    if not 0 <= share <= 100:
        return 0, f"{CUTOVER} dlt={value!r} is not an integer 0..100"
    return share, None


def _parse_overrides(raw: object) -> tuple[dict[str, Via], list[str]]:
    if isinstance(raw, redis.ResponseError):
        return {}, [f"{CUTOVER_OVERRIDE} is not a hash (use HSET {CUTOVER_OVERRIDE} SUB legacy)"]
    if not isinstance(raw, dict):
        return {}, []
    overrides: dict[str, Via] = {}
    problems: list[str] = []
    for name, value in raw.items():
        text = str(value).strip().lower()
        if text in ("dlt", "legacy"):
            overrides[str(name).strip().lower()] = "dlt" if text == "dlt" else "legacy"
        else:
            # a pin we cannot read still says "not the default": the safe side is legacy
            overrides[str(name).strip().lower()] = "legacy"
            problems.append(f"{CUTOVER_OVERRIDE} {name}={value!r} is not dlt or legacy")
    return overrides, problems


def _parse_rollback(raw: object) -> tuple[bool, str | None]:
    if isinstance(raw, redis.ResponseError):
        return True, f"{CUTOVER_ROLLBACK} is not a string (use SET {CUTOVER_ROLLBACK} 1)"
    if raw is None:
        return False, None
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    return True, f"{CUTOVER_ROLLBACK}={raw!r} is not 1 or 0"


def parse_table(share_raw: object, overrides_raw: object, rollback_raw: object) -> CutoverTable:
    """Build a table from raw Redis replies (a dict, None, or a ResponseError each)."""
    share, share_problem = _parse_share(share_raw)
    overrides, problems = _parse_overrides(overrides_raw)
    rollback_on, rollback_problem = _parse_rollback(rollback_raw)
    problems = [p for p in (share_problem, *problems, rollback_problem) if p]
    for problem in problems:
        _warn(problem)
    _note_presence(bool(share_raw) or bool(overrides_raw) or rollback_raw is not None)
    present = bool(share_raw) and share_problem is None
    return CutoverTable(
        share=share,
        overrides=overrides,
        rollback=rollback_on,
        present=present,
        problems=tuple(problems),
        pins_unreadable=isinstance(overrides_raw, redis.ResponseError),
    )


def _note_presence(any_key: bool) -> None:
    if _seen["present"] and not any_key:
        log.warning(
            "cutover table: %s is gone (Redis restarted empty or flushed?); every subreddit "
            "goes legacy until it is set again",
            CUTOVER,
        )
    _seen["present"] = any_key


def queue_table_reads(pipe: redis.client.Pipeline) -> None:
    """Add the three reads of the table to a pipeline (for callers that batch)."""
    pipe.hgetall(CUTOVER)
    pipe.hgetall(CUTOVER_OVERRIDE)
    pipe.get(CUTOVER_ROLLBACK)


def read_table(settings: Settings) -> CutoverTable:
    """The cutover table as it is now, in one round trip."""
    pipe = redis_client(settings).pipeline(transaction=False)
    queue_table_reads(pipe)
    share_raw, overrides_raw, rollback_raw = pipe.execute(raise_on_error=False)
    return parse_table(share_raw, overrides_raw, rollback_raw)


def route(settings: Settings, subreddit: str) -> Route:
    """Where `subreddit` goes now."""
    return read_table(settings).route(subreddit)


# --- operations, each recorded in cutover_events -----------------------------------------


@dataclass(frozen=True)
class CutoverEvent:
    """One recorded change of the table."""

    at: datetime
    actor: str
    action: str
    subreddit: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None = None


def current_actor() -> str:
    """user@host of whoever runs this process."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def _record(
    settings: Settings,
    *,
    actor: str | None,
    action: str,
    subreddit: str | None,
    old: str | None,
    new: str | None,
    reason: str | None = None,
) -> CutoverEvent:
    who = actor or current_actor()
    with db.connection(settings) as conn:
        at = db.insert_cutover_event(
            conn,
            settings,
            actor=who,
            action=action,
            subreddit=subreddit,
            old=old,
            new=new,
            reason=reason,
        )
    return CutoverEvent(at, who, action, subreddit, old, new, reason)


def set_share(
    settings: Settings, percent: int, *, actor: str | None = None, reason: str | None = None
) -> CutoverEvent:
    """Route `percent`% of subreddits (by bucket) to dlt."""
    if not 0 <= percent <= 100:
        raise ConfigError(f"--dlt: {percent} is not a percentage 0..100")
    pipe = redis_client(settings).pipeline(transaction=True)
    pipe.hget(CUTOVER, "dlt")
    pipe.hset(CUTOVER, "dlt", str(percent))
    old, _ = pipe.execute()
    log.info("cutover: dlt share %s -> %d", old, percent)
    return _record(
        settings,
        actor=actor,
        action="set",
        subreddit=None,
        old=old,
        new=str(percent),
        reason=reason,
    )


def pin(
    settings: Settings,
    subreddit: str,
    via: str,
    *,
    actor: str | None = None,
    reason: str | None = None,
) -> CutoverEvent:
    """Pin one subreddit to a collector, whatever the share says."""
    validate_subreddit(subreddit)
    if via not in ("dlt", "legacy"):
        raise ConfigError(f"pin: {via!r} is not dlt or legacy")
    key = subreddit.lower()
    pipe = redis_client(settings).pipeline(transaction=True)
    pipe.hget(CUTOVER_OVERRIDE, key)
    pipe.hset(CUTOVER_OVERRIDE, key, via)
    old, _ = pipe.execute()
    action = "auto-pin" if actor == GUARD_ACTOR else "pin"
    return _record(
        settings, actor=actor, action=action, subreddit=key, old=old, new=via, reason=reason
    )


def unpin(
    settings: Settings, subreddit: str, *, actor: str | None = None, reason: str | None = None
) -> CutoverEvent:
    """Remove a subreddit's pin (the share decides again)."""
    validate_subreddit(subreddit)
    key = subreddit.lower()
    pipe = redis_client(settings).pipeline(transaction=True)
    pipe.hget(CUTOVER_OVERRIDE, key)
    pipe.hdel(CUTOVER_OVERRIDE, key)
    old, _ = pipe.execute()
    return _record(
        settings, actor=actor, action="unpin", subreddit=key, old=old, new=None, reason=reason
    )


def rollback(
    settings: Settings, *, actor: str | None = None, reason: str | None = None
) -> CutoverEvent:
    """Send everything to legacy at once (the next run of every subreddit, queued ones too)."""
    pipe = redis_client(settings).pipeline(transaction=True)
    pipe.get(CUTOVER_ROLLBACK)
    pipe.set(CUTOVER_ROLLBACK, "1")
    old, _ = pipe.execute()
    log.warning("cutover: rollback on, every subreddit goes legacy")
    return _record(
        settings, actor=actor, action="rollback", subreddit=None, old=old, new="1", reason=reason
    )


def resume(
    settings: Settings, *, actor: str | None = None, reason: str | None = None
) -> CutoverEvent:
    """Lift a rollback: the share and the pins decide again."""
    pipe = redis_client(settings).pipeline(transaction=True)
    pipe.get(CUTOVER_ROLLBACK)
    pipe.delete(CUTOVER_ROLLBACK)
    old, _ = pipe.execute()
    log.info("cutover: rollback off")
    return _record(
        settings, actor=actor, action="resume", subreddit=None, old=old, new=None, reason=reason
    )


def recent_events(settings: Settings, limit: int = 20) -> list[CutoverEvent]:
    """The latest recorded changes, newest first."""
    with db.connection(settings) as conn:
        rows = conn.execute(
            sql.SQL(
                "SELECT at, actor, action, subreddit, old_value, new_value, reason FROM {} "
                "ORDER BY event_id DESC LIMIT %s"
            ).format(db.qualified(settings, "cutover_events")),
            (limit,),
        ).fetchall()
    return [CutoverEvent(*row) for row in rows]


def auto_pinned(settings: Settings) -> dict[str, CutoverEvent]:
    """Subreddits whose current pin was set by the guard, with that event."""
    with db.connection(settings) as conn:
        rows = conn.execute(
            sql.SQL(
                "SELECT DISTINCT ON (subreddit) at, actor, action, subreddit, old_value, "
                "new_value, reason FROM {} WHERE subreddit IS NOT NULL "
                "AND action IN ('pin', 'unpin', 'auto-pin') ORDER BY subreddit, event_id DESC"
            ).format(db.qualified(settings, "cutover_events"))
        ).fetchall()
    pins = read_table(settings).overrides
    events = [CutoverEvent(*row) for row in rows]
    return {
        e.subreddit: e
        for e in events
        if e.subreddit and e.action == "auto-pin" and pins.get(e.subreddit) == e.new_value
    }


# --- the guard -------------------------------------------------------------------------


def feed_guard(settings: Settings, subreddit: str, via: str, status: str) -> bool:
    """Feed one finished run to the guard; True when it just pinned the subreddit to legacy.

    Only dlt runs count: a failed one adds to the subreddit's streak, an ok one ends it, a
    skipped one (another run held the lock) says nothing about dlt.
    """
    if via != "dlt" or status not in ("ok", "failed"):
        return False
    client = redis_client(settings)
    key = subreddit.lower()
    if status == "ok":
        client.hdel(DLT_FAILURES, key)
        return False
    failures = int(client.hincrby(DLT_FAILURES, key, 1))
    if failures < settings.auto_pin_failures:
        return False
    client.hdel(DLT_FAILURES, key)
    reason = f"{failures} consecutive failed dlt runs"
    pin(settings, key, "legacy", actor=GUARD_ACTOR, reason=reason)
    log.warning("cutover guard: r/%s pinned to legacy after %s", key, reason)
    return True


def failure_streaks(settings: Settings) -> dict[str, int]:
    """Consecutive failed dlt runs per subreddit (those with at least one)."""
    raw = redis_client(settings).hgetall(DLT_FAILURES)
    streaks: dict[str, int] = {}
    for name, value in raw.items():
        try:
            streaks[str(name)] = int(value)
        except ValueError:
            continue
    return streaks
