"""`python -m workers.run` (`make run`): the whole system as local processes.

With no Reddit credentials it starts the sandbox first and points everything at it
(OpenAI too, unless a key is configured). Then a collect worker, a score worker (and an
alerts worker when HARBOR_WEBHOOK_URL is set), beat, Flower and the web pages
(`harbor web`, with a generated password in the sandbox). It prints what runs where,
and on Ctrl-C or SIGTERM stops them all within STOP_GRACE_S and a little more (a worker
still busy then is killed: every task is idempotent and comes back). While it runs, the
run file tells every `harbor` command in another terminal what it chose (see
harbor.settings.run_file).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from rich.console import Console
from rich.table import Table

from harbor import db
from harbor.errors import ConfigError, HarborError
from harbor.logs import setup_logging
from harbor.runtime.broker import ping_workers
from harbor.runtime.processes import Supervisor, http_ready
from harbor.settings import SANDBOX_OPENAI_KEY, Secret, Settings, environment, get_settings
from harbor.settings.run_file import remove_run_file, run_file_path, write_run_file

console = Console()
CELERY = [sys.executable, "-m", "celery", "-A", "workers"]
# Ctrl-C to all stopped in well under 10 s: a warm shutdown first, then SIGKILL
STOP_GRACE_S = 6.0
# what locates the system, copied into the run file when set (never a secret)
SYSTEM_VARIABLES = (
    "DATABASE_URL",
    "HARBOR_DATASET",
    "HARBOR_SUBREDDITS",
    "REDDIT_OAUTH_URL",
    "REDDIT_URL",
    "OPENAI_BASE_URL",
    "HARBOR_OPENAI_MODEL",
    "HARBOR_SCORER",
)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m workers.run", description=__doc__)
    parser.add_argument("--collect-concurrency", type=int, default=2, metavar="N")
    parser.add_argument("--score-concurrency", type=int, default=32, metavar="N")
    parser.add_argument("--flower-port", type=int, default=5555, metavar="PORT")
    parser.add_argument("--web-port", type=int, default=8080, metavar="PORT")
    parser.add_argument("--log-dir", type=Path, default=Path("var/log"), metavar="DIR")
    return parser.parse_args(argv)


def _login(env: dict[str, str], variable: str, configured: Secret | None, sandbox: bool) -> str:
    """A note on how to log in with `variable`'s basic auth; generated in the sandbox."""
    if configured is not None:
        return f"user:password from {variable}"
    if not sandbox:
        raise ConfigError(f"{variable}: required outside the sandbox (user:password)")
    password = secrets.token_urlsafe(12)
    env[variable] = f"harbor:{password}"
    return f"user harbor, password {password} (generated for this run)"


def _environment(settings: Settings) -> tuple[dict[str, str], str, str]:
    """The children's environment, and notes on how to log in to Flower and the pages."""
    env = dict(os.environ)
    env.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    if settings.reddit_sandbox and settings.openai_api_key is None:
        env["OPENAI_API_KEY"] = SANDBOX_OPENAI_KEY
        env["OPENAI_BASE_URL"] = f"http://127.0.0.1:{settings.sandbox_openai_port}/v1"
    sandbox = settings.reddit_sandbox
    flower = _login(env, "FLOWER_BASIC_AUTH", settings.flower_basic_auth, sandbox)
    web = _login(env, "HARBOR_WEB_BASIC_AUTH", settings.web_basic_auth, sandbox)
    return env, flower, web


def _run_file_values(settings: Settings, env: dict[str, str]) -> dict[str, str]:
    """What the other terminals need to see this system: what we chose for the children,
    the sandbox's ports, and the non-secret variables that locate it."""
    chosen = {k: v for k, v in env.items() if os.environ.get(k) != v}
    chosen.pop("RUNTIME__DLTHUB_TELEMETRY", None)
    if settings.reddit_sandbox:
        chosen["HARBOR_SANDBOX_REDDIT_PORT"] = str(settings.sandbox_reddit_port)
        chosen["HARBOR_SANDBOX_OPENAI_PORT"] = str(settings.sandbox_openai_port)
    source, secrets = environment(), settings.secret_values()
    for name in SYSTEM_VARIABLES:
        value = (source.get(name) or "").strip()
        if value and name not in chosen and not any(s in value for s in secrets):
            chosen[name] = value
    return chosen


def _table(supervisor: Supervisor) -> Table:
    table = Table(title="RedditHarbor is running (Ctrl-C stops everything)")
    for column in ("process", "pid", "where", "log"):
        table.add_column(column)
    for child in supervisor.children:
        where = " ".join(x for x in (child.url, child.note) if x)
        table.add_row(child.name, str(child.pid), where, str(child.log_path))
    return table


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    """Start everything, wait for Ctrl-C or SIGTERM, stop everything."""
    args = _arguments(argv)
    try:
        settings = get_settings()
    except ConfigError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        return 2
    setup_logging(settings.log_level, settings.secret_values(), settings.log_format)
    # SIGINT too: a parent may have started us with it ignored (a shell's background job)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    supervisor = Supervisor(args.log_dir)
    run_file = run_file_path()
    try:
        env, flower_login, web_login = _environment(settings)
        write_run_file(run_file, _run_file_values(settings, env), settings.redis_url.get())
        if settings.reddit_sandbox:
            reddit, openai = settings.sandbox_reddit_port, settings.sandbox_openai_port
            child = supervisor.start(
                "sandbox",
                [sys.executable, "-m", "harbor", "sandbox", "--reddit-port", str(reddit),
                 "--openai-port", str(openai)],
                env,
                url=f"http://127.0.0.1:{reddit} (Reddit), http://127.0.0.1:{openai}/v1 (OpenAI)",
            )  # fmt: skip
            supervisor.wait_ready(child, http_ready(f"http://127.0.0.1:{reddit}/_sandbox/stats"))
        db.bootstrap(settings)
        supervisor.start(
            "worker-collect",
            [*CELERY, "worker", "-Q", "collect", "-n", "collect@%h", "-P", "prefork",
             "-c", str(args.collect_concurrency)],
            env, note=f"queue collect, prefork x{args.collect_concurrency}",
        )  # fmt: skip
        supervisor.start(
            "worker-score",
            [*CELERY, "worker", "-Q", "score", "-n", "score@%h", "-P", "threads",
             "-c", str(args.score_concurrency)],
            env, note=f"queue score, threads x{args.score_concurrency}",
        )  # fmt: skip
        if settings.webhook_url is not None:
            supervisor.start(
                "worker-alerts",
                [*CELERY, "worker", "-Q", "alerts", "-n", "alerts@%h", "-P", "threads",
                 "-c", "2"],
                env, note="queue alerts, threads x2 (webhook from HARBOR_WEBHOOK_URL)",
            )  # fmt: skip
        supervisor.start("beat", [*CELERY, "beat"], env, note="dispatch every "
                         f"{settings.dispatch_seconds:g}s")  # fmt: skip
        flower_url = f"http://127.0.0.1:{args.flower_port}"
        flower = supervisor.start(
            "flower",
            [*CELERY, "flower", f"--port={args.flower_port}", "--address=127.0.0.1"],
            env, url=flower_url, note=f"({flower_login}); metrics at {flower_url}/metrics",
        )  # fmt: skip
        web_url = f"http://127.0.0.1:{args.web_port}/"
        web = supervisor.start(
            "web",
            [sys.executable, "-m", "harbor", "web", "--port", str(args.web_port)],
            env, url=web_url, note=f"({web_login}); JSON under {web_url}api/",
        )  # fmt: skip
        supervisor.wait_ready(flower, http_ready(f"{flower_url}/healthcheck"))
        supervisor.wait_ready(web, http_ready(f"{web_url}healthz"))
        console.print(_table(supervisor))
        console.print(f"open the opportunities: [bold]{web_url}[/] ({web_login})", highlight=False)
        _report_workers(settings)
        while True:
            time.sleep(1)
            dead = supervisor.first_dead()
            if dead is None:
                continue
            code = dead.process.returncode
            if supervisor.restart(dead):
                console.print(
                    f"[yellow]{dead.name} exited with {code}[/]; started again "
                    f"(see {dead.log_path})",
                    highlight=False,
                )
                continue
            console.print(
                f"[bold red]{dead.name} exited with {code}[/] and keeps exiting; "
                f"see {dead.log_path}. Stopping the rest.",
                highlight=False,
            )
            return 1
    except KeyboardInterrupt:
        console.print("stopping...")
        return 0
    except (HarborError, RuntimeError) as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        return 1
    finally:
        # a second Ctrl-C must not cut the stop short: it is bounded anyway
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        supervisor.stop_all(grace=STOP_GRACE_S)
        remove_run_file(run_file)
        console.print("all stopped")


def _report_workers(settings: Settings) -> None:
    deadline = time.monotonic() + 30
    names: list[str] = []
    while time.monotonic() < deadline and len(names) < 2:
        names = sorted(ping_workers(settings, timeout=1.0))
    console.print(f"workers online: {', '.join(names) or 'none yet (see their logs)'}")


if __name__ == "__main__":
    sys.exit(main())
