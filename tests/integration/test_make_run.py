"""`make run` (python -m workers.run) as a user meets it: a new install on the dlt path,
a second terminal that sees the same system, and Ctrl-C that stops all of it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from runtime_support import REDIS_DB, free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]


def _descendants(pid: int) -> set[int]:
    """Every live process below `pid` (zombies count as gone)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie has stopped)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _harbor(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harbor", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.slow
def test_make_run_starts_on_dlt_is_seen_from_another_terminal_and_stops_on_ctrl_c(
    dataset: str, redis_client: redis.Redis, tmp_path: Path
) -> None:
    reddit_port, openai_port, flower_port, web_port = (free_port() for _ in range(4))
    run_file = tmp_path / "home" / "run.env"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "HARBOR_SANDBOX"))}
    base.pop("HARBOR_FIRST_RUN_DLT", None)  # a new user's install: the default applies
    base |= {"HARBOR_DATASET": dataset, "HARBOR_RUN_FILE": str(run_file)}
    env = base | {
        "HARBOR_SANDBOX_REDDIT_PORT": str(reddit_port),
        "HARBOR_SANDBOX_OPENAI_PORT": str(openai_port),
        "HARBOR_SUBREDDITS": "SaaS,startups",
        "HARBOR_DLT_DIR": str(tmp_path / "dlt"),
    }
    out = (tmp_path / "make-run.out").open("wb")
    run = subprocess.Popen(
        [sys.executable, "-m", "workers.run", "--flower-port", str(flower_port),
         "--web-port", str(web_port),
         "--log-dir", str(tmp_path / "log"), "--collect-concurrency", "1",
         "--score-concurrency", "4"],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:

        def running() -> bool:
            assert run.poll() is None, (tmp_path / "make-run.out").read_text()
            return (
                run_file.is_file() and "workers online" in (tmp_path / "make-run.out").read_text()
            )

        wait_until(running, 120)
        assert oct(run_file.stat().st_mode & 0o777) == "0o600"

        # another terminal, elsewhere, knowing nothing of the sandbox or its key
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        shown = _harbor(elsewhere, base, "status", "--json")
        assert shown.returncode == 0, shown.stderr
        status = json.loads(shown.stdout)
        assert status["scorer"].startswith("openai:")
        assert f"127.0.0.1:{openai_port}/v1" in status["scorer"]
        assert status["table_present"] and status["share"] == 100  # a new install runs dlt
        assert redis_client.hget("harbor:cutover", "dlt") == "100"
        # a command that talks to another Redis URL is another system: the file is not its
        other = base | {"REDIS_URL": f"redis://localhost:6379/{REDIS_DB}"}
        apart = _harbor(elsewhere, other, "status", "--json")
        assert apart.returncode == 0, apart.stderr
        assert json.loads(apart.stdout)["scorer"].startswith("heuristic")

        # the pages: behind the password make run generated and printed
        printed = (tmp_path / "make-run.out").read_text()
        assert f"http://127.0.0.1:{web_port}/" in printed
        password = printed.split("user harbor, password ")[-1].split()[0]
        web = f"http://127.0.0.1:{web_port}/"
        assert requests.get(web, timeout=10).status_code == 401
        assert requests.get(web, auth=("harbor", password), timeout=30).status_code == 200

        children = _descendants(run.pid)
        assert len(children) >= 6  # sandbox, two workers (and a pool), beat, flower, web
        pressed = time.monotonic()
        run.send_signal(signal.SIGINT)
        assert run.wait(timeout=10) == 0
        while _alive(children):
            assert time.monotonic() - pressed < 10, "processes left 10 s after Ctrl-C"
            time.sleep(0.1)
        assert not run_file.exists()
        assert "all stopped" in (tmp_path / "make-run.out").read_text()
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
        out.close()
