"""The fault suite's support: private Redis and Postgres servers, a small whole system, and
the checks that every fault test ends with (nothing lost, nothing twice, cursor sound,
requests bounded).

Restarting a server is a fault we cause for real, so it is never done to the machine's
shared Redis or Postgres: `PrivateRedis` and `PrivatePostgres` start throwaway servers on
free ports, in temporary directories, and remove them afterwards.
"""

from __future__ import annotations

import contextlib
import glob
import math
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
import redis
from runtime_support import Processes, free_port, rows, unsettled, wait_until

from harbor.collect.service import run_collection
from harbor.cutover import read_table
from harbor.detector import load_detector
from harbor.redis_conn import collect_lock, redis_client
from harbor.sandbox.process import RunningSandbox
from harbor.settings import Settings

# four go to dlt and two to legacy at a 50% share (buckets 9, 34, 47, 8 | 54, 90)
SUBS = ("Entrepreneur", "SaaS", "freelance", "productivity", "startups", "webdev")
SHARE = "50"


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> float:
    try:
        return float(Path(path).parent.parent.name)
    except ValueError:
        return 0.0


def require_redis_server() -> None:
    if not shutil.which("redis-server") or not shutil.which("redis-cli"):
        pytest.skip("redis-server and redis-cli are needed to restart a private Redis")


def require_postgres_server() -> None:
    if _postgres_bin() is None:
        pytest.skip("initdb/pg_ctl (/usr/lib/postgresql/*/bin) are needed for a private Postgres")
    if not shutil.which("runuser"):
        pytest.skip("runuser is needed to run a private Postgres as the postgres user")
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("a 'postgres' OS user is needed to run a private Postgres")
    if os.geteuid() != 0:
        pytest.skip("root is needed to start a private Postgres as the postgres user")


class PrivateRedis:
    """A redis-server of our own: no persistence, so a restart loses every key."""

    def __init__(self, workdir: Path, password: str | None = None) -> None:
        self.workdir = workdir
        self.password = password
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        workdir.mkdir(parents=True, exist_ok=True)

    def url(self, database: int = 0) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(self.workdir)]  # fmt: skip
        if self.password:
            argv += ["--requirepass", self.password]
        log = (self.workdir / "redis.log").open("ab")
        self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
        client = redis.Redis(port=self.port, password=self.password, socket_timeout=1)
        wait_until(lambda: _pings(client), 20, 0.05)
        client.close()

    def cli(self, *args: str, database: int = 0) -> str:
        """The real redis-cli against this server."""
        auth = ["-a", self.password, "--no-auth-warning"] if self.password else []
        argv = ["redis-cli", "-p", str(self.port), "-n", str(database), *auth, *args]
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()

    def restart_empty(self, down_for: float = 1.0) -> None:
        """SHUTDOWN NOSAVE, stay down `down_for` seconds, start again on the same port."""
        assert self.process is not None
        self.cli("SHUTDOWN", "NOSAVE")
        self.process.wait(timeout=20)
        time.sleep(down_for)
        self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


class PrivatePostgres:
    """A Postgres cluster of our own (trust auth), run as the postgres OS user."""

    def __init__(self) -> None:
        binaries = _postgres_bin()
        assert binaries is not None
        self.bin = binaries
        # not under pytest's tmp dir: the postgres user must be able to reach it
        self.base = Path(tempfile.mkdtemp(prefix="harbor-pg-"))
        shutil.chown(self.base, "postgres", "postgres")
        self.data = self.base / "data"
        self.sockets = self.base / "sockets"
        self.port = free_port()
        self._as_postgres("mkdir", "-p", str(self.sockets))
        self._as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust",
                          "-U", "postgres", "-E", "UTF8", "--no-sync")  # fmt: skip

    def _as_postgres(self, *argv: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *argv], check=True,
                       capture_output=True, cwd=self.base)  # fmt: skip

    def dsn(self, database: str, password: str | None = None) -> str:
        auth = f"postgres:{password}" if password else "postgres"
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c max_connections=200")  # fmt: skip
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                          str(self.base / "server.log"), "-o", options, "-w", "-t", "60",
                          "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w",
                          "-t", "60", "stop")  # fmt: skip

    def restart(self, down_for: float = 2.0) -> None:
        """Stop (fast: every connection is cut), stay down, start again on the same port."""
        self.stop()
        time.sleep(down_for)
        self.start()

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # not running
            self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)


@dataclass
class Harbor:
    """A running system for one test: settings, its processes, the sandbox, its Redis."""

    settings: Settings
    procs: Processes
    sandbox: RunningSandbox
    log_dir: Path
    marks: dict[str, datetime] = field(default_factory=dict)

    def redis_cli(self, *args: str | bytes, stdin: bytes | None = None) -> str:
        """The real redis-cli against the system's Redis URL (any server, DB, password);
        arguments may be bytes (not UTF-8), `stdin` feeds `-x` (the last argument)."""
        url = self.settings.redis_url.get()
        argv: list[str | bytes] = ["redis-cli", "-u", url, "--no-auth-warning", *args]
        if stdin is not None:
            argv.insert(1, "-x")
        out = subprocess.run(argv, input=stdin, capture_output=True, check=True).stdout
        return out.decode("utf-8", "replace").strip()

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.log_dir.glob("*.log"))


StartHarbor = Callable[..., Harbor]


def worker_of(h: Harbor, pid: int) -> str | None:
    """The name of the started worker whose process group holds `pid`."""
    try:
        group = os.getpgid(pid)
    except ProcessLookupError:
        return None
    return next((n for n, p in h.procs.started.items() if p.pid == group), None)


def busy_collect(h: Harbor) -> tuple[str, str] | None:
    """(subreddit, worker) of a collect that holds its lock now."""
    client = redis_client(h.settings)
    for sub in SUBS:
        holder = client.get(collect_lock(sub))
        if holder:  # host:pid:run:token
            name = worker_of(h, int(str(holder).split(":")[-3]))
            if name is not None and name.startswith("c"):
                return sub, name
    return None


# --- what every fault test checks at the end ----------------------------------------------


def routes(settings: Settings) -> dict[str, str]:
    table = read_table(settings)
    return {sub: table.route(sub).via for sub in SUBS}


def ok_runs_since(settings: Settings, since: datetime) -> dict[str, int]:
    found = rows(
        settings,
        "SELECT subreddit, count(*) FROM {schema}.collection_runs "
        "WHERE status = 'ok' AND started_at >= %s GROUP BY 1",
        since,
    )
    return {str(sub): int(n) for sub, n in found}


def every_sub_collected_since(settings: Settings, since: datetime) -> bool:
    return set(ok_runs_since(settings, since)) >= set(SUBS)


def quiesce(h: Harbor, since: datetime, timeout: float = 240) -> None:
    """Faults off: wait until every subreddit was collected after `since` and every post
    has its final score row (beat still ticking: its sweep re-sends what a killed worker
    took with it), then stop beat and wait until nothing is queued or pending."""
    h.sandbox.client.clear_faults()
    h.sandbox.client.configure(latency=0, openai_latency=0, rate=0)
    wait_until(lambda: every_sub_collected_since(h.settings, since), timeout)

    def nothing_moving(collects: bool) -> bool:
        problem = unsettled(h.settings, collects=collects)
        if problem is not None and int(time.monotonic()) % 10 == 0:
            print(f"[{time.strftime('%X')}] waiting: {problem}")  # shown when the test fails
        return problem is None

    try:
        wait_until(lambda: nothing_moving(collects=False), timeout)
        if "beat" in h.procs.started:
            h.procs.stop("beat")
        wait_until(lambda: nothing_moving(collects=True), 60)
    except AssertionError:
        raise AssertionError(f"not settled: {unsettled(h.settings)}") from None


@dataclass(frozen=True)
class Tally:
    """What one fault test measured, for its assertions and its log."""

    stored: int
    sets: int  # stored posts that are not a duplicate of another: the ones paid for
    scored: int
    failed: int
    listing_requests: int
    listing_faults: int
    pages_needed: int
    llm_calls: int
    llm_faults: int
    errors: tuple[str, ...] = ()  # of the failed rows, a few


def kept_by_the_filter(h: Harbor) -> set[str]:
    """Every post the sandbox holds (and so served) that the problem filter keeps."""
    detector = load_detector(h.settings)
    return detector.kept_ids(post for sub in SUBS for post in h.sandbox.client.posts(sub))


def assert_nothing_lost_or_duplicated(h: Harbor) -> Tally:
    """Every kept post stored once, with exactly one score row (scored, or failed with its
    error); Reddit and LLM requests no more than twice what the work needed."""
    settings = h.settings
    total, distinct = rows(
        settings, "SELECT count(*), count(DISTINCT id) FROM {schema}.submissions"
    )[0]
    assert total == distinct, f"{total - distinct} duplicate submissions rows"
    stored = {r[0] for r in rows(settings, "SELECT id FROM {schema}.submissions")}
    expected = kept_by_the_filter(h)
    assert not expected - stored, f"lost: {sorted(expected - stored)[:10]}"
    assert not stored - expected, f"stored but never kept: {sorted(stored - expected)[:10]}"
    scores = rows(settings, "SELECT post_id, status, error FROM {schema}.opportunity_scores")
    by_post = {post_id: (status, error) for post_id, status, error in scores}
    assert len(by_post) == len(scores)
    assert set(by_post) == stored, (
        f"posts without a score row: {sorted(stored - set(by_post))[:10]}"
    )
    for post_id, (status, error) in by_post.items():
        assert status == "scored" or (status in ("failed", "deferred") and error), (post_id, status)
    stats = h.sandbox.client.stats()
    listing = sum(int(c.get("new", 0)) for c in stats["reddit"]["by_subreddit"].values())
    listing_faults = sum(
        n for kind, n in stats["reddit"]["faults_by_kind"].items() if kind != "latency"
    )
    fetched = rows(settings, "SELECT fetched FROM {schema}.collection_runs WHERE status = 'ok'")
    pages = sum(max(1, math.ceil(int(f) / 100)) for (f,) in fetched)
    llm = int(stats["openai"]["by_endpoint"].get("chat.completions", 0))
    llm_faults = sum(
        n for kind, n in stats["openai"]["faults_by_kind"].items() if kind != "latency"
    )
    [(sets,)] = rows(
        settings, "SELECT count(*) FROM {schema}.submissions WHERE duplicate_of IS NULL"
    )
    tally = Tally(
        stored=len(stored),
        sets=int(sets),
        scored=sum(1 for s, _ in by_post.values() if s == "scored"),
        failed=sum(1 for s, _ in by_post.values() if s != "scored"),
        listing_requests=listing,
        listing_faults=listing_faults,
        pages_needed=pages,
        llm_calls=llm,
        llm_faults=llm_faults,
        errors=tuple(sorted({str(e) for s, e in by_post.values() if s != "scored"})[:5]),
    )
    print(tally)  # in the test's output when it fails: the figures behind the bounds
    # no retry storm: requests that were answered beyond what the completed runs and
    # scores needed stay under the work itself (a faulted request costs one retry)
    assert listing - listing_faults <= 2 * pages, tally
    assert llm - llm_faults <= 2 * len(stored), tally
    return tally


def assert_idle_runs_find_nothing(h: Harbor) -> None:
    """The cursor is sound: an idle dlt run of a subreddit that dlt collected makes one
    listing request and finds nothing new; for the others a legacy re-read of the whole
    window finds nothing that is not stored."""
    found = rows(h.settings, "SELECT DISTINCT subreddit FROM {schema}.collection_runs "
                 "WHERE via = 'dlt' AND status = 'ok'")  # fmt: skip
    by_dlt = {str(sub) for (sub,) in found}
    for sub in SUBS:
        via = "dlt" if sub in by_dlt else "legacy"
        h.sandbox.client.reset_stats()
        result = run_collection(h.settings, sub, via)
        assert result.status == "ok", (sub, result.error)
        assert result.new == 0, f"r/{sub}: {result.new} posts were missing"
        if via == "dlt":
            listing = h.sandbox.client.stats()["reddit"]["by_subreddit"][sub.lower()]["new"]
            assert (result.api_calls, listing) == (1, 1), f"r/{sub}: idle run {listing} requests"
