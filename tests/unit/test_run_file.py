"""The run file of `make run`: read while its writer lives and for the same Redis only;
the real environment wins over it, and it wins over .env."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harbor.settings import Settings, environment
from harbor.settings.run_file import read_run_file, remove_run_file, write_run_file

REDIS = "redis://127.0.0.1:6379/3"
CHOSEN = {"OPENAI_API_KEY": "sk-sandbox", "OPENAI_BASE_URL": "http://127.0.0.1:9766/v1"}


def test_the_file_is_read_while_its_writer_lives_and_for_its_redis_only(tmp_path: Path) -> None:
    path = tmp_path / "run.env"
    write_run_file(path, CHOSEN, REDIS)
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_run_file(path, REDIS) == CHOSEN
    assert read_run_file(path, "redis://127.0.0.1:6379/4") == {}
    assert read_run_file(tmp_path / "missing.env", REDIS) == {}


def test_a_file_whose_writer_died_is_ignored(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    path = tmp_path / "run.env"
    write_run_file(path, CHOSEN, REDIS)
    text = path.read_text().replace(
        f"HARBOR_RUN_PID={os.getpid()}", f"HARBOR_RUN_PID={dead.stdout.strip()}"
    )
    path.write_text(text)
    assert read_run_file(path, REDIS) == {}
    remove_run_file(path)  # not ours: left alone
    assert path.exists()


def test_only_its_writer_removes_it(tmp_path: Path) -> None:
    path = tmp_path / "run.env"
    write_run_file(path, CHOSEN, REDIS)
    remove_run_file(path)
    assert not path.exists()
    remove_run_file(path)  # already gone: nothing to do


def test_environment_layers_dotenv_then_the_run_file_then_the_real_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"REDIS_URL={REDIS}\nHARBOR_OPENAI_MODEL=from-dotenv\nOPENAI_BASE_URL=x\n")
    run = tmp_path / "run.env"
    write_run_file(run, {**CHOSEN, "HARBOR_OPENAI_MODEL": "from-run-file"}, REDIS)
    monkeypatch.setenv("HARBOR_ENV_FILE", str(dotenv))
    monkeypatch.setenv("HARBOR_RUN_FILE", str(run))
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://from-the-environment/v1")
    merged = environment()
    assert merged["HARBOR_OPENAI_MODEL"] == "from-run-file"
    assert merged["OPENAI_BASE_URL"] == "http://from-the-environment/v1"
    settings = Settings.from_env()
    assert settings.scorer == "openai"  # the key make run chose for the sandbox
    assert "sk-sandbox" in settings.secret_values()
