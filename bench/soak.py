"""`python -m bench.soak --minutes N` (`make soak MINUTES=N`): the whole system under faults.

The sandbox keeps posts arriving for eight subreddits while two collect workers, a score
worker and beat run for N minutes. On a fixed timeline (fractions of the run) faults are
switched on and off: Reddit 429s and 5xx, OpenAI 429s, 500s and timeouts, dropped
connections, a collect and a score worker killed with SIGKILL and started again, a cutover
flip to dlt and a rollback. Queue depths and each worker's RSS are sampled throughout.
Then arrivals and faults stop, the system settles, and every post the sandbox served and
the problem filter keeps is looked for: stored once, with its one score row.

Prints one table; exits 1 when anything was lost or duplicated (or it never settled).
Uses its own database (harbor_soak) and Redis DB 6, both removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from psycopg import sql
from rich.console import Console
from rich.table import Table

from bench.environment import bench_environment
from harbor.db import connect, qualified
from harbor.detector import load_detector
from harbor.redis_conn import redis_client
from harbor.runtime.broker import queue_depths
from harbor.runtime.processes import Child, Supervisor
from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import start_sandbox
from harbor.settings import SANDBOX_OPENAI_KEY, Settings

DB_NAME = "harbor_soak"
REDIS_DB = 6
SUBS = ("Entrepreneur", "SaaS", "smallbusiness", "freelance", "productivity", "startups",
        "webdev", "marketing")  # fmt: skip
CELERY = [sys.executable, "-m", "celery", "-A", "workers"]
SAMPLE_EVERY_S = 2.0
SETTLE_TIMEOUT_S = 300.0
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Soak:
    """The running system and what was measured so far."""

    settings: Settings
    sandbox: SandboxClient
    supervisor: Supervisor
    workers: dict[str, Child] = field(default_factory=dict)
    events: list[tuple[float, str]] = field(default_factory=list)
    max_depth: dict[str, int] = field(default_factory=dict)
    rss: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    rollback_latency_s: float | None = None
    rolled_back: tuple[datetime, datetime] | None = None  # from the flip to the resume
    started: float = field(default_factory=time.monotonic)

    def note(self, what: str) -> None:
        at = time.monotonic() - self.started
        self.events.append((at, what))
        print(f"[{at:6.1f}s] {what}", file=sys.stderr, flush=True)

    def start_worker(self, name: str, queue: str) -> None:
        pool = ["-P", "threads", "-c", "16"] if queue == "score" else ["-P", "prefork", "-c", "2"]
        argv = [*CELERY, "worker", "-Q", queue, "-n", f"{name}@%h", *pool, "--without-mingle",
                "--without-gossip"]  # fmt: skip
        self.workers[name] = self.supervisor.start(name, argv, os.environ)

    def kill9(self, name: str) -> None:
        child = self.workers.pop(name)
        os.killpg(child.pid, signal.SIGKILL)
        child.process.wait()

    def redis(self, *args: str) -> None:
        subprocess.run(["redis-cli", "-n", str(REDIS_DB), *args], check=True, capture_output=True)

    def sample(self) -> None:
        for queue, depth in queue_depths(self.settings).items():
            self.max_depth[queue] = max(self.max_depth.get(queue, 0), depth)
        at = time.monotonic() - self.started
        groups = _rss_by_group()
        for name, child in self.workers.items():
            self.rss.setdefault(name, []).append((at, groups.get(child.pid, 0.0)))


def _rss_by_group() -> dict[int, float]:
    """Resident memory (MB) of every process group, from /proc."""
    groups: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, ValueError, IndexError):
            continue
        pgrp = int(stat.rsplit(")", 1)[1].split()[2])
        groups[pgrp] = groups.get(pgrp, 0.0) + pages * PAGE / 2**20
    return groups


def _timeline(soak: Soak, duration: float) -> list[tuple[float, str, Callable[[], object]]]:
    """What happens when, as fractions of the run."""
    sb = soak.sandbox
    window = max(6.0, 0.1 * duration)

    def kill_and_restart(name: str, queue: str) -> Callable[[], None]:
        def act() -> None:
            soak.kill9(name)
            time.sleep(2)
            soak.start_worker(f"{name}r", queue)

        return act

    def flip_to_dlt() -> None:
        soak.redis("HSET", "harbor:cutover", "dlt", "100")

    def rollback() -> None:
        flipped = datetime.now(UTC)
        soak.redis("SET", "harbor:cutover:rollback", "1")
        written = datetime.now(UTC)  # a run that starts after this reads the flag
        soak.rolled_back = (written, written)
        soak.rollback_latency_s = _first_legacy_run_after(soak.settings, flipped, 60)

    def resume() -> None:
        soak.redis("DEL", "harbor:cutover:rollback")
        if soak.rolled_back is not None:
            soak.rolled_back = (soak.rolled_back[0], datetime.now(UTC))

    return [
        (0.08, "Reddit: 429 on half the requests",
         lambda: sb.set_fault("reddit", "429", ratio=0.5, retry_after=1, duration=window)),
        (0.18, "OpenAI: 429 and 500, a quarter each",
         lambda: (sb.set_fault("openai", "429", ratio=0.3, retry_after=1, duration=window),
                  sb.set_fault("openai", "500", ratio=0.3, duration=window))),
        (0.25, "score worker s1 killed with SIGKILL, started again",
         kill_and_restart("s1", "score")),
        (0.32, "Reddit: 503 on a third of the requests",
         lambda: sb.set_fault("reddit", "503", ratio=0.3, duration=window)),
        (0.40, "collect worker c1 killed with SIGKILL, started again",
         kill_and_restart("c1", "collect")),
        (0.48, "OpenAI: timeouts (answers after the client gave up)",
         lambda: sb.set_fault("openai", "slow", ratio=0.15, delay=4, duration=window)),
        (0.56, "dropped connections, Reddit and OpenAI",
         lambda: (sb.set_fault("reddit", "drop", ratio=0.25, duration=window),
                  sb.set_fault("openai", "drop", ratio=0.25, duration=window))),
        (0.64, "cutover: every subreddit to dlt", flip_to_dlt),
        (0.76, "cutover: rollback (everything to legacy)", rollback),
        (0.88, "cutover: resume", resume),
    ]  # fmt: skip


def _query(settings: Settings, text: str, *params: Any) -> list[tuple[Any, ...]]:
    query = sql.SQL(text).format(
        runs=qualified(settings, "collection_runs"),
        subs=qualified(settings, "submissions"),
        scores=qualified(settings, "opportunity_scores"),
    )
    with connect(settings.dsn) as conn:
        return conn.execute(query, params).fetchall()


def _first_legacy_run_after(settings: Settings, since: datetime, timeout: float) -> float | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _query(settings, "SELECT min(started_at) FROM {runs} "
                       "WHERE via = 'legacy' AND started_at >= %s", since)  # fmt: skip
        if found and found[0][0] is not None:
            return float((found[0][0] - since).total_seconds())
        time.sleep(0.2)
    return None


def _collected_since(settings: Settings, since: datetime) -> bool:
    found = _query(settings, "SELECT DISTINCT subreddit FROM {runs} "
                   "WHERE status = 'ok' AND started_at >= %s", since)  # fmt: skip
    return {str(r[0]) for r in found} >= set(SUBS)


def _moving(settings: Settings, collects: bool) -> bool:
    client = redis_client(settings)
    depths = queue_depths(settings)
    if depths["score"] or (collects and depths["collect"]):
        return True
    if collects and next(client.scan_iter("harbor:pending:collect:*", count=1000), None):
        return True
    if next(client.scan_iter("harbor:queued:score:*", count=1000), None):
        return True
    left = _query(settings, "SELECT count(*) FROM {subs} s LEFT JOIN {scores} o "
                  "ON o.post_id = s.id WHERE o.post_id IS NULL "
                  "OR o.status NOT IN ('scored', 'failed')")  # fmt: skip
    return bool(left[0][0])


def _wait(check: Callable[[], bool], timeout: float, soak: Soak) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        soak.sample()
        time.sleep(SAMPLE_EVERY_S / 2)
    return False


def _until(soak: Soak, elapsed: float) -> None:
    """Sample until `elapsed` seconds into the run."""
    while time.monotonic() - soak.started < elapsed:
        soak.sample()
        time.sleep(min(SAMPLE_EVERY_S, max(0.05, elapsed - (time.monotonic() - soak.started))))


def _settle(soak: Soak) -> bool:
    """Arrivals and faults off; every subreddit collected once more; every post scored;
    then beat stopped and nothing left queued or pending."""
    soak.sandbox.clear_faults()
    soak.sandbox.configure(rate=0)
    soak.redis("DEL", "harbor:cutover:rollback")
    since = datetime.now(UTC)
    soak.note("arrivals and faults off; settling")
    settings = soak.settings
    ok = _wait(lambda: _collected_since(settings, since), SETTLE_TIMEOUT_S, soak)
    ok = ok and _wait(lambda: not _moving(settings, collects=False), SETTLE_TIMEOUT_S, soak)
    beat = next(c for c in soak.supervisor.children if c.name == "beat")
    beat.process.send_signal(signal.SIGTERM)
    beat.process.wait(timeout=30)
    ok = ok and _wait(lambda: not _moving(settings, collects=True), 120, soak)
    soak.note("settled" if ok else "did NOT settle")
    return ok


@dataclass(frozen=True)
class Summary:
    collected: int
    scored: int
    failed: int
    lost: int
    duplicated: int
    unexpected: int
    listing_requests: int
    llm_calls: int
    llm_faults: int
    reddit_faults: int
    runs: str
    dlt_while_rolled_back: int


def _summarise(soak: Soak) -> Summary:
    settings = soak.settings
    detector = load_detector(settings)
    expected = detector.kept_ids(post for sub in SUBS for post in soak.sandbox.posts(sub))
    total, distinct = _query(settings, "SELECT count(*), count(DISTINCT id) FROM {subs}")[0]
    stored = {str(r[0]) for r in _query(settings, "SELECT id FROM {subs}")}
    rows = dict(_query(settings, "SELECT post_id, status FROM {scores}"))
    final = {p for p, s in rows.items() if s in ("scored", "failed")}
    new_counted = _query(settings, "SELECT coalesce(sum(new), 0) FROM {runs} WHERE status = 'ok'")
    by_status = dict(_query(settings, "SELECT status, count(*) FROM {runs} GROUP BY 1"))
    leaked = 0
    if soak.rolled_back is not None:
        # a run's started_at is taken just before it reads its route
        written, resumed = soak.rolled_back
        leaked = int(_query(settings, "SELECT count(*) FROM {runs} WHERE via = 'dlt' AND "
                            "started_at > %s AND started_at < %s",
                            written, resumed)[0][0])  # fmt: skip
    stats = soak.sandbox.stats()
    listing = sum(int(c.get("new", 0)) for c in stats["reddit"]["by_subreddit"].values())
    faults = {t: sum(n for k, n in stats[t]["faults_by_kind"].items() if k != "latency")
              for t in ("reddit", "openai")}  # fmt: skip
    return Summary(
        collected=len(stored),
        scored=sum(1 for s in rows.values() if s == "scored"),
        failed=sum(1 for s in rows.values() if s == "failed"),
        lost=len(expected - stored) + len(stored - final),
        # a row twice, or a post loaded as new by two runs
        duplicated=int(total - distinct) + max(0, int(new_counted[0][0]) - len(stored)),
        unexpected=len(stored - expected),
        listing_requests=listing,
        llm_calls=int(stats["openai"]["by_endpoint"].get("chat.completions", 0)),
        llm_faults=faults["openai"],
        reddit_faults=faults["reddit"],
        runs=" / ".join(str(by_status.get(k, 0)) for k in ("ok", "failed", "skipped")),
        dlt_while_rolled_back=leaked,
    )


def _table(soak: Soak, summary: Summary, minutes: float, settled: bool) -> Table:
    table = Table(title=f"RedditHarbor soak: {minutes:g} min on the sandbox with faults")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target")
    per_post = summary.listing_requests / max(1, summary.collected)
    llm_ok = summary.llm_calls - summary.llm_faults
    rows: list[tuple[str, str, str]] = [
        ("collect runs ok / failed / skipped", summary.runs, ""),
        ("posts collected (kept by the filter)", f"{summary.collected}", ""),
        ("posts scored", f"{summary.scored}", ""),
        ("posts failed for good (with their error)", f"{summary.failed}", ""),
        ("lost", f"{summary.lost}", "0"),
        ("duplicated", f"{summary.duplicated}", "0"),
        ("stored but not kept by the filter", f"{summary.unexpected}", "0"),
        ("settled after the run", "yes" if settled else "NO", "yes"),
        ("max queue depth, collect", f"{soak.max_depth.get('collect', 0)}", ""),
        ("max queue depth, score", f"{soak.max_depth.get('score', 0)}", ""),
        ("Reddit listing requests per collected post", f"{per_post:.2f}", ""),
        ("Reddit requests faulted by the sandbox", f"{summary.reddit_faults}", ""),
        ("LLM calls per scored post (all)",
         f"{summary.llm_calls / max(1, summary.scored):.2f}", ""),
        ("LLM calls per scored post (answered)", f"{llm_ok / max(1, summary.scored):.2f}", "~1"),
        ("LLM calls faulted by the sandbox", f"{summary.llm_faults}", ""),
        ("rollback: dlt runs started after the flip", f"{summary.dlt_while_rolled_back}", "0"),
        ("rollback: flip to first legacy run (s)",
         "-" if soak.rollback_latency_s is None else f"{soak.rollback_latency_s:.1f}",
         "the next collect to start"),
    ]  # fmt: skip
    for name, series in sorted(soak.rss.items()):
        # from 10 s after the worker started: before that it is still importing
        values = [mb for at, mb in series if at - series[0][0] >= 10 and mb > 0]
        if values:
            rows.append((
                f"RSS {name} MB (10 s in / median / last / max)",
                f"{values[0]:.0f} / {statistics.median(values):.0f} / {values[-1]:.0f} / "
                f"{max(values):.0f}", "",
            ))  # fmt: skip
    for row in rows:
        table.add_row(*row)
    return table


def run_soak(minutes: float, log_dir: Path) -> int:
    """Run the soak; the exit code (0 when nothing was lost or duplicated)."""
    duration = minutes * 60
    sandbox_args = ["--seed", "21", "--subreddits", ",".join(SUBS), "--initial-posts", "60",
                    "--rate", "60", "--ratelimit", "1000000"]  # fmt: skip
    with start_sandbox(sandbox_args) as sandbox:
        env = {
            "HARBOR_SUBREDDITS": ",".join(SUBS),
            "HARBOR_DISPATCH_SECONDS": "2",
            "HARBOR_COLLECT_EVERY_SECONDS": "6",
            "HARBOR_SANDBOX_REDDIT_PORT": str(sandbox.reddit_port),
            "HARBOR_SANDBOX_OPENAI_PORT": str(sandbox.openai_port),
            "OPENAI_API_KEY": SANDBOX_OPENAI_KEY,
            "OPENAI_BASE_URL": sandbox.openai_url,
            "HARBOR_OPENAI_TIMEOUT": "2",
            "HARBOR_OPENAI_RPM": "1000000",
            "HARBOR_OPENAI_TPM": "1000000000",
            "HARBOR_LOG_LEVEL": "INFO",
        }
        with bench_environment(DB_NAME, REDIS_DB, **env) as settings:
            from harbor.db import bootstrap

            bootstrap(settings)
            sandbox.client.configure(openai_latency=0.2, latency=0.05)
            soak = Soak(settings, sandbox.client, Supervisor(log_dir))
            try:
                soak.redis("HSET", "harbor:cutover", "dlt", "50")
                for name, queue in (("c1", "collect"), ("c2", "collect"), ("s1", "score")):
                    soak.start_worker(name, queue)
                soak.supervisor.start("beat", [*CELERY, "beat", "--pidfile=", "-s",
                                      str(log_dir / "beat-schedule")], os.environ)  # fmt: skip
                soak.note(f"running for {minutes:g} min: sandbox, c1, c2, s1, beat")
                for at, what, act in _timeline(soak, duration):
                    _until(soak, at * duration)
                    soak.note(what)
                    act()
                _until(soak, duration)
                settled = _settle(soak)
                summary = _summarise(soak)
            finally:
                soak.supervisor.stop_all()
    Console(width=120).print(_table(soak, summary, minutes, settled))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"logs: {log_dir} (largest child RSS seen by the kernel: {peak:.0f} MB)")
    failed = (
        summary.lost
        or summary.duplicated
        or summary.unexpected
        or summary.dlt_while_rolled_back
        or not settled
    )
    print("SOAK FAILED" if failed else "SOAK PASSED: nothing lost, nothing duplicated")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--minutes", type=float, default=2.0, help="length of the run")
    parser.add_argument("--log-dir", type=Path, help="keep the processes' logs here")
    args = parser.parse_args(argv)
    if args.minutes <= 0:
        parser.error("--minutes must be positive")
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    if args.log_dir is not None:
        return run_soak(args.minutes, args.log_dir)
    with tempfile.TemporaryDirectory(prefix="harbor-soak-") as tmp:
        return run_soak(args.minutes, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
