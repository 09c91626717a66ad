"""Flower's settings, read from the working directory by `celery -A workers flower`.

Basic auth comes from FLOWER_BASIC_AUTH (user:password). Outside the sandbox Flower
refuses to start without it: its pages can revoke tasks and shut workers down.
"""

from harbor.settings import get_settings

_settings = get_settings()
if _settings.flower_basic_auth is not None:
    basic_auth = [_settings.flower_basic_auth.get()]
elif not _settings.reddit_sandbox:
    raise SystemExit("FLOWER_BASIC_AUTH: required outside the sandbox (user:password)")
# forget workers that stopped answering, so the dashboard shows the live cluster
purge_offline_workers = 300
