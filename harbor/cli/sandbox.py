"""`harbor sandbox`: the Reddit- and OpenAI-compatible servers on loopback."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from harbor.cli.app import app, load_settings
from harbor.errors import ConfigError
from harbor.settings import (
    SANDBOX_OPENAI_KEY,
    SANDBOX_REDDIT_CLIENT_ID,
    SANDBOX_REDDIT_CLIENT_SECRET,
)

__all__ = ["sandbox"]


def _names(raw: str | None) -> tuple[str, ...] | None:
    if raw is None:
        return None
    return tuple(n.strip() for n in raw.split(",") if n.strip())


@app.command()
def sandbox(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    reddit_port: Annotated[int, typer.Option(help="Reddit API port (0: a free port).")] = 8765,
    openai_port: Annotated[int, typer.Option(help="OpenAI API port (0: a free port).")] = 8766,
    seed: Annotated[int, typer.Option(help="Seed of the corpus.")] = 1,
    subreddits: Annotated[
        str | None, typer.Option(help="Comma-separated subreddits (default: HARBOR_SUBREDDITS).")
    ] = None,
    private: Annotated[
        str | None, typer.Option(help="Comma-separated subreddits that answer 403 private.")
    ] = None,
    initial_posts: Annotated[int, typer.Option(help="Posts per subreddit at start.")] = 1000,
    rate: Annotated[float, typer.Option(help="New posts per minute per subreddit.")] = 1.0,
    rate_spread: Annotated[
        float,
        typer.Option(help="Spread each subreddit's rate by a seeded log-normal factor (0: none)."),
    ] = 0.0,
    busy: Annotated[
        str | None, typer.Option(help="Comma-separated subreddits that get --busy-rate.")
    ] = None,
    busy_rate: Annotated[
        float, typer.Option(help="New posts per minute of each --busy subreddit.")
    ] = 600.0,
    latency: Annotated[float, typer.Option(help="Seconds added to every Reddit request.")] = 0.0,
    openai_latency: Annotated[
        float, typer.Option(help="Seconds added to every OpenAI request.")
    ] = 0.0,
    ratelimit: Annotated[
        int, typer.Option(help="Requests per client id per window (Reddit: 100 a minute).")
    ] = 100,
    ratelimit_window: Annotated[int, typer.Option(help="Seconds of one rate-limit window.")] = 60,
    no_json_schema: Annotated[
        bool, typer.Option("--no-json-schema", help="Refuse json_schema response formats.")
    ] = False,
    openai_key: Annotated[
        str, typer.Option(help="The API key the OpenAI side accepts.", show_default=False)
    ] = SANDBOX_OPENAI_KEY,
    reddit_client_id: Annotated[
        str, typer.Option(help="The Reddit client id the OAuth endpoint accepts.")
    ] = SANDBOX_REDDIT_CLIENT_ID,
    reddit_client_secret: Annotated[
        str,
        typer.Option(
            help="The Reddit client secret the OAuth endpoint accepts.", show_default=False
        ),
    ] = SANDBOX_REDDIT_CLIENT_SECRET,
    fault: Annotated[
        list[str] | None,
        typer.Option(
            help="A fault, TARGET:KIND[:key=value,...], e.g. reddit:429:count=3,retry_after=2. "
            "Repeatable."
        ),
    ] = None,
) -> None:
    """Serve a Reddit-compatible and an OpenAI-compatible API on loopback."""
    from harbor.sandbox.config import SandboxConfig
    from harbor.sandbox.faults import parse_fault_spec
    from harbor.sandbox.server import run

    settings = load_settings()
    for name, port in (("--reddit-port", reddit_port), ("--openai-port", openai_port)):
        if not 0 <= port <= 65535:
            raise ConfigError(f"{name}: {port} is not a port number")
    config = SandboxConfig(
        seed=seed,
        subreddits=_names(subreddits) or settings.subreddits,
        private=_names(private) or (),
        initial_posts=initial_posts,
        rate=rate,
        rate_spread=rate_spread,
        busy=_names(busy) or (),
        busy_rate=busy_rate,
        latency=latency,
        openai_latency=openai_latency,
        ratelimit=ratelimit,
        ratelimit_window=ratelimit_window,
        json_schema=not no_json_schema,
        openai_key=openai_key,
        reddit_client_id=reddit_client_id,
        reddit_client_secret=reddit_client_secret,
    )
    now = time.time()
    faults = [parse_fault_spec(spec, now) for spec in fault or ()]
    run(config, host=host, reddit_port=reddit_port, openai_port=openai_port, faults=faults)
