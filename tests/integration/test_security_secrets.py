"""No secret ever appears in anything the system prints, and Flower and the web pages
refuse strangers.

The whole system runs with every secret set: a Reddit client secret, an OpenAI key, a
Postgres password (a private cluster with trust auth: any password is accepted), a Redis
password (a private redis-server with --requirepass), a Flower password, a password for the
web pages and an alert webhook URL (whose path holds a token; nothing listens there). It
runs as `make run` starts it (workers, beat, Flower, the web pages, at DEBUG), goes through
faults (Reddit and OpenAI errors, a rejected key, Postgres and Redis restarted), and the
`harbor` commands are run against it, failing ones included. Then every byte every
process printed (stdout, stderr, log files) and every page Flower and the web app served
is searched for each secret value.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from fault_support import PrivatePostgres, PrivateRedis
from runtime_support import free_port, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

SUBS = "SaaS,freelance,startups"
HARBOR = [sys.executable, "-m", "harbor"]
CELERY = [sys.executable, "-m", "celery", "-A", "workers"]
WEB_PAGES = ("/", "/status", "/api/opportunities", "/api/status", "/metrics")
FLOWER_PAGES = ("/", "/workers", "/tasks", "/broker", "/api/workers", "/api/tasks",
                "/api/task/info/x", "/api/queues/length", "/tasks/datatable")  # fmt: skip


class Printed:
    """Everything the processes of this test print, one file each."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        out = (self.directory / f"{name}.out").open("ab")
        process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
        self.running.append(process)
        return process

    def run(self, name: str, argv: list[str], env: dict[str, str], timeout: float = 120) -> int:
        process = self.start(name, argv, env)
        return process.wait(timeout=timeout)

    def text(self, name: str) -> str:
        return (self.directory / f"{name}.out").read_text(errors="replace")

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
def printed(tmp_path: Path) -> Iterator[Printed]:
    keeper = Printed(tmp_path / "printed")
    yield keeper
    keeper.stop_all()


def _sandbox(printed: Printed, env: dict[str, str], secret: str, key: str) -> tuple[str, str]:
    process = printed.start("sandbox", [*HARBOR, "sandbox", "--reddit-port", "0",
        "--openai-port", "0", "--subreddits", SUBS, "--initial-posts", "40", "--rate", "6",
        "--ratelimit", "1000000", "--reddit-client-id", "harbor-prod-id",
        "--reddit-client-secret", secret, "--openai-key", key], env)  # fmt: skip

    def ready() -> dict[str, str] | None:
        assert process.poll() is None, printed.text("sandbox")
        for line in printed.text("sandbox").splitlines():
            if line.startswith("SANDBOX READY "):
                info: dict[str, str] = json.loads(line.removeprefix("SANDBOX READY "))
                return info
        return None

    info = wait_until(ready, 60, 0.1)
    return str(info["reddit"]), str(info["openai"])


def test_no_secret_appears_in_anything_the_system_prints(
    private_postgres: PrivatePostgres,
    printed: Printed,
    tmp_path: Path,
) -> None:
    values = {
        "REDDIT_CLIENT_SECRET": f"reddit-{secrets.token_hex(12)}",
        "OPENAI_API_KEY": f"sk-live-{secrets.token_hex(16)}",
        "database password": f"pg{secrets.token_hex(12)}",
        "Redis password": f"rd{secrets.token_hex(12)}",
        "FLOWER_BASIC_AUTH password": f"fl{secrets.token_hex(12)}",
        "HARBOR_WEB_BASIC_AUTH password": f"wb{secrets.token_hex(12)}",
        "HARBOR_WEBHOOK_URL token": f"hk{secrets.token_hex(12)}",
    }
    redis_server = PrivateRedis(tmp_path / "redis", password=values["Redis password"])
    redis_server.start()
    try:
        _run_everything(values, private_postgres, redis_server, printed, tmp_path)
    finally:
        printed.stop_all()
        redis_server.stop()

    seen = {p.name: p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file()
            and p.suffix in (".out", ".log", ".txt", ".html", ".json")}  # fmt: skip
    assert len(seen) >= 12, sorted(seen)  # sandbox, make run + its five children, commands...
    assert sum(len(text) for text in seen.values()) > 50_000  # DEBUG output: a real haystack
    for what, secret in values.items():
        leaks = [name for name, text in seen.items() if secret in text]
        assert leaks == [], f"the {what} appears in {leaks}"


def _run_everything(
    values: dict[str, str],
    postgres: PrivatePostgres,
    redis_server: PrivateRedis,
    printed: Printed,
    tmp_path: Path,
) -> None:
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("HARBOR_", "REDDIT_"))}
    database_url = postgres.dsn("harbor_secrets", values["database password"])
    env = {
        **base_env,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_server.url(0),
        "HARBOR_DATASET": "secrets",
        "HARBOR_SUBREDDITS": SUBS,
        "HARBOR_DISPATCH_SECONDS": "1",
        "HARBOR_COLLECT_EVERY_SECONDS": "3",
        "HARBOR_LOG_LEVEL": "DEBUG",
        "HARBOR_DLT_DIR": str(tmp_path / "dlt"),
        "HARBOR_OPENAI_TIMEOUT": "3",
        "REDDIT_CLIENT_ID": "harbor-prod-id",
        "REDDIT_CLIENT_SECRET": values["REDDIT_CLIENT_SECRET"],
        "OPENAI_API_KEY": values["OPENAI_API_KEY"],
        "FLOWER_BASIC_AUTH": f"ops:{values['FLOWER_BASIC_AUTH password']}",
        "HARBOR_WEB_BASIC_AUTH": f"analyst:{values['HARBOR_WEB_BASIC_AUTH password']}",
        "HARBOR_WEBHOOK_URL": f"http://127.0.0.1:{free_port()}/hooks/"
        f"{values['HARBOR_WEBHOOK_URL token']}",
        "HARBOR_ALERT_MIN_TOTAL": "0",
        "RUNTIME__DLTHUB_TELEMETRY": "false",
    }
    reddit, openai = _sandbox(
        printed, env, values["REDDIT_CLIENT_SECRET"], values["OPENAI_API_KEY"]
    )
    env |= {"REDDIT_OAUTH_URL": reddit, "REDDIT_URL": reddit, "OPENAI_BASE_URL": openai}
    sandbox = requests.Session()

    def fault(body: dict[str, object]) -> None:
        sandbox.post(f"{reddit}/_sandbox/faults", json=body, timeout=10).raise_for_status()

    redis_server.cli("HSET", "harbor:cutover", "dlt", "50")
    flower_port, web_port = free_port(), free_port()
    run = printed.start("make-run", [sys.executable, "-m", "workers.run", "--log-dir",
                        str(tmp_path / "var-log"), "--flower-port", str(flower_port),
                        "--web-port", str(web_port), "--score-concurrency", "8"], env)  # fmt: skip
    wait_until(lambda: "workers online" in printed.text("make-run") or run.poll() is not None, 120)
    assert run.poll() is None, printed.text("make-run")
    flower = f"http://127.0.0.1:{flower_port}"
    login = ("ops", values["FLOWER_BASIC_AUTH password"])
    for page in FLOWER_PAGES:
        assert requests.get(f"{flower}{page}", timeout=10).status_code == 401, page
        assert requests.get(f"{flower}{page}", auth=("ops", "guess"), timeout=10).status_code == 401
    for page in ("/broker", "/workers", "/metrics", "/api/workers"):
        answer = requests.get(f"{flower}{page}", auth=login, timeout=30)
        assert answer.status_code == 200, page
        (tmp_path / f"flower{page.replace('/', '_')}.html").write_text(answer.text)
    web = f"http://127.0.0.1:{web_port}"
    web_login = ("analyst", values["HARBOR_WEB_BASIC_AUTH password"])
    for page in WEB_PAGES:
        assert requests.get(f"{web}{page}", timeout=10).status_code == 401, page
        assert (
            requests.get(f"{web}{page}", auth=("analyst", "guess"), timeout=10).status_code == 401
        )

    # faults while it runs: Reddit errors, OpenAI errors and a rejected key, then
    # Postgres and Redis restarted under it
    fault({"target": "reddit", "kind": "500", "count": 3})
    fault({"target": "reddit", "kind": "429", "count": 2, "retry_after": 1})
    fault({"target": "openai", "kind": "500", "ratio": 0.3, "duration": 10})
    fault({"target": "openai", "kind": "auth", "count": 2})
    time.sleep(5)
    postgres.restart(2.0)
    time.sleep(3)
    redis_server.restart_empty(2.0)
    time.sleep(4)
    for page in WEB_PAGES:  # after the faults: the status shows what failed, if anything
        answer = requests.get(f"{web}{page}", auth=web_login, timeout=30)
        assert answer.status_code == 200, page
        (tmp_path / f"web{page.replace('/', '_')}.html").write_text(answer.text)
    os.kill(run.pid, signal.SIGTERM)
    run.wait(timeout=60)

    # the commands, good and failing, with the same secrets in their environment, at once
    commands = {
        "status": ["status", "--json"],
        "cutover-show": ["cutover", "show"],
        "cutover-set": ["cutover", "set", "--dlt", "40"],
        "collect": ["collect", "SaaS", "--via", "dlt", "--json"],
        "collect-missing": ["collect", "nosuchsubreddit", "--json"],
        "collect-usage": ["collect", "SaaS", "--via", "bogus"],
        "compare": ["compare", "freelance"],
        "score": ["score", "--pending", "--limit", "20"],
        "report": ["report", "--top", "5"],
        "export": ["export", "--format", "jsonl", "-o", str(tmp_path / "export.txt")],
        "digest": ["digest", "--since", "1d", "--format", "html"],
    }
    closed = str(free_port())
    redis_url = redis_server.url(0)
    wrong_password = redis_url.replace(":rd", ":xx")
    # status shows what it can and says what failed; score stops at a rejected key
    broken = {
        "status-no-postgres": {"DATABASE_URL": database_url.replace(str(postgres.port), closed)},
        "status-wrong-redis-password": {"REDIS_URL": wrong_password},
        "status-no-redis": {"REDIS_URL": redis_url.replace(str(redis_server.port), closed)},
        "score-rejected-key": {"OPENAI_API_KEY": values["OPENAI_API_KEY"] + "x"},
    }
    started = [printed.start(name, [*HARBOR, *argv], env) for name, argv in commands.items()]
    for name, change in broken.items():
        argv = ["score", "--pending", "--retry-failed"] if name.startswith("score") else ["status"]
        started.append(printed.start(name, [*HARBOR, *argv], {**env, **change}))
    # a worker whose Redis password is wrong keeps retrying: stopped after one attempt
    worker = printed.start("worker-wrong-password", [*CELERY, "worker", "-Q", "collect"],
                           {**env, "REDIS_URL": wrong_password})  # fmt: skip
    for process in started:
        process.wait(timeout=120)
    wait_until(
        lambda: "Cannot connect to redis://:**@" in printed.text("worker-wrong-password"), 60
    )
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(timeout=30)
    for name in ("status-no-postgres", "status-wrong-redis-password", "status-no-redis"):
        assert "error" in printed.text(name).lower(), printed.text(name)
