"""HeartbeatLock against the real Redis: held while alive, freed on release or death."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import redis

from harbor.locks import HeartbeatLock


def test_a_held_lock_outlives_its_ttl_and_is_freed_on_release(redis_client: redis.Redis) -> None:
    lock = HeartbeatLock(redis_client, "harbor:lock:test", ttl=1.5, owner="me")
    assert lock.acquire()
    other = HeartbeatLock(redis_client, "harbor:lock:test", ttl=1.5)
    time.sleep(3.5)  # more than twice the ttl: only renewal keeps it
    assert not other.acquire()
    assert (lock.holder() or "").startswith("me:")
    assert not lock.lost
    lock.release()
    assert other.acquire()
    other.release()


def test_a_lock_removed_behind_its_back_is_reported_lost(redis_client: redis.Redis) -> None:
    lock = HeartbeatLock(redis_client, "harbor:lock:test", ttl=1.5)
    assert lock.acquire()
    redis_client.delete("harbor:lock:test")  # e.g. Redis restarted empty
    deadline = time.monotonic() + 5
    while not lock.lost and time.monotonic() < deadline:
        time.sleep(0.1)
    assert lock.lost
    lock.release()


def test_a_holder_killed_with_sigkill_frees_the_lock_within_its_ttl(
    redis_client: redis.Redis,
) -> None:
    url = redis_client.connection_pool.connection_kwargs
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, redis\n"
            "from harbor.locks import HeartbeatLock\n"
            f"c = redis.Redis(db={url.get('db', 0)})\n"
            "assert HeartbeatLock(c, 'harbor:lock:test', ttl=2).acquire()\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    waiter = HeartbeatLock(redis_client, "harbor:lock:test", ttl=2)
    started = time.monotonic()
    while not waiter.acquire():
        assert time.monotonic() - started < 5
        time.sleep(0.1)
    waiter.release()


def test_a_lock_held_past_its_longest_hold_is_no_longer_renewed(
    redis_client: redis.Redis,
) -> None:
    lock = HeartbeatLock(redis_client, "harbor:lock:test", ttl=1.2, max_hold=1.5)
    assert lock.acquire()
    other = HeartbeatLock(redis_client, "harbor:lock:test", ttl=1.2)
    deadline = time.monotonic() + 8
    while not other.acquire():  # renewed once or twice, then left to expire
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert lock.lost
    lock.release()  # a no-op on someone else's lock
    assert (other.holder() or "") == other.token
    other.release()
