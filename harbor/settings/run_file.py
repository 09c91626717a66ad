"""The run file: what `make run` chose for the system it started, for the other terminals.

`make run` (workers/run.py) adds variables of its own for its children: the sandbox's
OpenAI endpoint and key when no key is configured, a generated Flower password, the
sandbox's ports. It writes them, with the non-secret variables that locate the system, to
the run file (~/.harbor/run.env, or HARBOR_RUN_FILE) while it runs, so every `harbor`
command in another terminal sees the same system (the same scorer, the same endpoints).

A command uses the file only while the process that wrote it is alive and only when it
talks to the same Redis (the file holds a digest of that URL, not the URL: it may carry a
password). The real environment wins over the file, and the file over `.env`. The file is
written 0600 and removed when `make run` stops.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

__all__ = [
    "RUN_FILE_VARIABLE",
    "read_run_file",
    "remove_run_file",
    "run_file_path",
    "write_run_file",
]

# only the real environment can move it (tests point it away)
RUN_FILE_VARIABLE = "HARBOR_RUN_FILE"
_PID = "HARBOR_RUN_PID"
_SYSTEM = "HARBOR_RUN_SYSTEM"


def run_file_path() -> Path:
    """Where `make run` writes the run file and where commands look for it."""
    return Path(os.environ.get(RUN_FILE_VARIABLE) or Path.home() / ".harbor" / "run.env")


def _system(redis_url: str) -> str:
    return hashlib.sha256(redis_url.encode("utf-8")).hexdigest()[:16]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def _quoted(name: str, value: str) -> str:
    if "\n" in value or "'" in value:
        raise ValueError(f"{name}: a value with a newline or a quote is not written")
    return f"{name}='{value}'"  # single quotes: dotenv reads the value literally


def write_run_file(path: Path, chosen: Mapping[str, str], redis_url: str) -> None:
    """Write `chosen` as the environment of the system this process runs (atomically)."""
    lines = [
        "# written by `make run` for the system it started; harbor commands read it while",
        "# that process lives and when they use the same Redis. Removed when it stops.",
        f"{_PID}={os.getpid()}",
        f"{_SYSTEM}={_system(redis_url)}",
        *(_quoted(k, v) for k, v in sorted(chosen.items())),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(temporary, path)


def _load(path: Path) -> dict[str, str]:
    try:
        values = dotenv_values(path)
    except (OSError, UnicodeDecodeError):
        return {}
    return {k: v for k, v in values.items() if v is not None}


def read_run_file(path: Path, redis_url: str) -> dict[str, str]:
    """The variables of the running system that uses `redis_url`; {} when there is none."""
    if not path.is_file():
        return {}
    values = _load(path)
    try:
        pid = int(values.pop(_PID, ""))
    except ValueError:
        return {}
    if values.pop(_SYSTEM, None) != _system(redis_url) or not _alive(pid):
        return {}
    return values


def remove_run_file(path: Path) -> None:
    """Remove the run file if this process wrote it (a newer `make run` may own it now)."""
    if _load(path).get(_PID) == str(os.getpid()):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
