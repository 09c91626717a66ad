"""The pending-collect marker: at most one collect per subreddit is queued or running.

`harbor:pending:collect:<sub>` holds a small JSON object (readable with redis-cli GET):
the dispatch token, the planned route, the state and when it was entered. Dispatch
creates it (queued) with SET NX; the worker that takes the message marks it reserved;
the task marks it started and deletes it at the end; each step only when the token
matches, so a stale or duplicated message can never touch the marker of the collect
that replaced it. A collect the Reddit budget deferred is marked deferred, with `at` the
time its retry is due. Dispatch re-dispatches a collect whose worker is gone: queued although
the queue is empty (the message died on its way to a worker), reserved for longer than
a free process could take, or started while its collect lock has expired.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from typing import Literal

import redis

from harbor.redis_conn import pending_collect, redis_client
from harbor.runtime.queues import COLLECT_HARD_LIMIT_S
from harbor.settings import Settings

__all__ = [
    "Pending",
    "State",
    "clear_pending",
    "mark_collect_reserved",
    "mark_deferred",
    "mark_started",
    "pending_ttl",
    "started_ttl",
]

State = Literal["queued", "reserved", "started", "deferred"]
_STATES: tuple[State, ...] = ("queued", "reserved", "started", "deferred")

# compare the token inside the stored JSON, then replace or delete
_CAS = """
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, d = pcall(cjson.decode, v)
if not ok or type(d) ~= 'table' or d['token'] ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
end
return 1
"""


@dataclass(frozen=True)
class Pending:
    """What the marker says about the one collect in flight for a subreddit."""

    token: str
    via: Literal["dlt", "legacy"]
    state: State
    at: float
    reason: str = ""

    def dumps(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def loads(cls, raw: str | None) -> Pending | None:
        """The marker, or None when absent or unreadable (an unreadable one is replaced)."""
        if not raw:
            return None
        try:
            data = json.loads(raw)
            via: Literal["dlt", "legacy"] = "dlt" if data["via"] == "dlt" else "legacy"
            state: State = next((s for s in _STATES if s == data["state"]), "queued")
            return cls(
                str(data["token"]), via, state, float(data["at"]), str(data.get("reason", ""))
            )
        except (ValueError, KeyError, TypeError):
            return None


def pending_ttl(settings: Settings) -> int:
    """How long a queued marker lives: past any realistic wait in the collect queue.

    A message reserved by a worker that then died comes back from the broker only after
    its visibility timeout; until the marker expires nothing else is queued for the
    subreddit. When it expires early, the later dispatch gets a new token and the old
    message is skipped as stale when it starts, so the bound costs at most a skipped task.
    """
    return int(max(900.0, 2 * settings.collect_every_seconds))


def started_ttl() -> int:
    """How long a started marker lives: the hard limit of a collect, with a margin."""
    return COLLECT_HARD_LIMIT_S + 60


def _cas(client: redis.Redis, key: str, token: str, new: str, ttl: int) -> bool:
    return bool(client.eval(_CAS, 1, key, token, new, str(ttl)))


def mark_collect_reserved(
    settings: Settings, subreddit: str, token: str, via: Literal["dlt", "legacy"], now: float
) -> bool:
    """Note that a worker took the message (it runs as soon as a process is free)."""
    marker = Pending(token, via, "reserved", now)
    return _cas(
        redis_client(settings), pending_collect(subreddit), token, marker.dumps(), started_ttl()
    )


def mark_started(
    settings: Settings, subreddit: str, token: str, via: Literal["dlt", "legacy"], now: float
) -> bool:
    """Move the marker to started; False when the marker belongs to another dispatch."""
    marker = Pending(token, via, "started", now)
    return _cas(
        redis_client(settings), pending_collect(subreddit), token, marker.dumps(), started_ttl()
    )


def mark_deferred(
    settings: Settings, subreddit: str, token: str, via: Literal["dlt", "legacy"], due: float
) -> bool:
    """Note that the collect comes back at `due` (a retry with a countdown); False when the
    marker belongs to another dispatch."""
    marker = Pending(token, via, "deferred", due)
    ttl = max(0, int(due - time.time())) + started_ttl()
    return _cas(redis_client(settings), pending_collect(subreddit), token, marker.dumps(), ttl)


def clear_pending(settings: Settings, subreddit: str, token: str) -> bool:
    """Delete the marker if it is still ours."""
    return _cas(redis_client(settings), pending_collect(subreddit), token, "", 0)


def replace_pending(
    pipe: redis.client.Pipeline, subreddit: str, old_token: str, new: Pending, ttl: int
) -> None:
    """Queue a token-checked replacement on a pipeline (used to re-dispatch)."""
    pipe.eval(_CAS, 1, pending_collect(subreddit), old_token, new.dumps(), str(ttl))
