"""The `harbor` command at its edges: Redis down, and JSON log lines."""

from __future__ import annotations

import json

import pytest
from runtime_support import free_port, harbor_command

from harbor.settings import Settings


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("status", "--json"),
        ("cutover", "show"),
        ("cutover", "set", "--dlt", "10"),
        ("cutover", "rollback"),
        ("collect", "SaaS"),
    ],
    ids=lambda a: " ".join(a),
)
def test_redis_down_is_one_line_and_exit_1(settings: Settings, args: tuple[str, ...]) -> None:
    closed = f"redis://127.0.0.1:{free_port()}/0"
    done = harbor_command(None, *args, env={"REDIS_URL": closed})
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert lines[-1].startswith(f"error: cannot reach Redis at {closed}"), done.stderr
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1


def test_json_log_format_gives_one_object_per_line_with_secrets_masked(
    settings: Settings, sandbox: object
) -> None:
    secret = "sk-json-log-secret-0123456789"
    done = harbor_command(
        None, "collect", "SaaS", "--via", "legacy", "--json",
        env={"HARBOR_LOG_FORMAT": "json", "HARBOR_LOG_LEVEL": "DEBUG", "OPENAI_API_KEY": secret},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines
    entries = [json.loads(line) for line in lines]
    assert all({"ts", "level", "logger", "message"} <= set(e) for e in entries)
    assert secret not in done.stderr
    assert json.loads(done.stdout)["subreddit"] == "SaaS"
