"""`harbor sandbox` as a process: determinism, flags, the READY line, clean stops, speed."""

from __future__ import annotations

import concurrent.futures
import signal
import subprocess
import sys
import time

import openai
import pytest
from sandbox_support import get, token

from harbor.sandbox.client import SandboxClient
from harbor.sandbox.process import RunningSandbox, SandboxStartError, start_sandbox

FIELDS = ("id", "title", "selftext", "author", "is_problem", "genre")


def truth(client: SandboxClient, sub: str) -> list[tuple[object, ...]]:
    return [tuple(p[f] for f in FIELDS) for p in client.posts(sub)]


def test_the_same_seed_serves_the_same_corpus_in_another_process(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    with start_sandbox(["--seed", "42", "--initial-posts", "300", "--rate", "0"]) as other:
        assert truth(other.client, "SaaS") == truth(sandbox, "SaaS")
        other.client.reset(seed=43)
        assert truth(other.client, "SaaS") != truth(sandbox, "SaaS")


def test_flags_configure_the_sandbox_and_it_stops_cleanly_on_sigterm() -> None:
    args = [
        "--subreddits", "alpha,Beta", "--private", "gamma", "--initial-posts", "20",
        "--fault", "reddit:503:count=1", "--no-json-schema", "--openai-key", "sk-other",
    ]  # fmt: skip
    with start_sandbox(args) as running:
        assert running.openai_url == f"http://127.0.0.1:{running.openai_port}/v1"
        health = running.client.health()
        assert health["posts"] == {"alpha": 20, "Beta": 20}
        assert health["config"]["json_schema"] is False
        assert [f["kind"] for f in running.client.faults()] == ["503"]
        bearer = token(running.reddit_url)
        assert get(running.reddit_url, "/r/beta/new", bearer).status_code == 503
        assert get(running.reddit_url, "/r/gamma/new", bearer).status_code == 403
        models = openai.OpenAI(base_url=running.openai_url, api_key="sk-other", max_retries=0)
        assert models.models.list().data
        with pytest.raises(openai.AuthenticationError):
            openai.OpenAI(
                base_url=running.openai_url, api_key="sk-sandbox", max_retries=0
            ).models.list()
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=10) == 0


def test_sigint_stops_it_too() -> None:
    with start_sandbox(["--initial-posts", "5"]) as running:
        running.process.send_signal(signal.SIGINT)
        assert running.process.wait(timeout=10) == 0


def test_bad_flags_exit_with_2_and_name_the_value() -> None:
    for flags, named in ((["--subreddits", "bad-name"], "bad-name"), (["--fault", "x:y"], "x")):
        result = subprocess.run(
            [sys.executable, "-m", "harbor", "sandbox", "--reddit-port", "0", *flags],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2
        assert named in result.stderr and "SANDBOX READY" not in result.stdout


def test_a_failed_start_is_reported_with_the_reason() -> None:
    with (
        pytest.raises(SandboxStartError, match="bad-name"),
        start_sandbox(["--subreddits", "bad-name"]),
    ):
        pass


def test_requests_wait_concurrently_not_one_after_another(
    sandbox: SandboxClient, sandbox_process: RunningSandbox
) -> None:
    sandbox.configure(latency=0.2)
    bearer = token(sandbox_process.reddit_url)

    def fetch(_: int) -> int:
        return get(sandbox_process.reddit_url, "/r/SaaS/new", bearer, limit=100).status_code

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(fetch, range(200)))
    elapsed = time.monotonic() - started
    assert statuses == [200] * 200
    assert elapsed < 200 * 0.2 / 4  # serial handling would take 40 s
