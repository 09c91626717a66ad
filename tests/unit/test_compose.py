"""docker-compose.yml, the Dockerfile and .env.example agree with the code they run."""

from __future__ import annotations

import importlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from harbor.runtime.queues import Queue

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_ONLY = {"POSTGRES_PASSWORD"}


def _compose() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


def _example_variables() -> set[str]:
    names = set()
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"^([A-Z][A-Z0-9_]*)=", line)
        if match:
            names.add(match.group(1))
    return names


def _settings_variables() -> set[str]:
    source = "\n".join(p.read_text() for p in (ROOT / "harbor" / "settings").glob("*.py"))
    found = re.findall(r'(?:text|integer|number)\(\s*env,\s*"([A-Z][A-Z0-9_]*)"', source)
    # the basic-auth pairs are read in a loop over their names
    return set(found) | set(re.findall(r'\("([A-Z][A-Z0-9_]*_BASIC_AUTH)",', source))


def test_env_example_lists_every_variable_settings_reads() -> None:
    read = _settings_variables()
    assert len(read) > 20  # the pattern still finds them
    assert read - _example_variables() == set()


def test_env_example_lists_nothing_that_nobody_reads() -> None:
    assert _example_variables() - _settings_variables() - COMPOSE_ONLY == set()


def test_every_variable_in_env_example_has_a_comment() -> None:
    lines = (ROOT / ".env.example").read_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[A-Z][A-Z0-9_]*=", line):
            block = lines[max(0, i - 3) : i]
            assert any(b.startswith("#") for b in block), f"{line} is not explained"


def test_compose_uses_only_documented_variables() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", text))
    assert used, "the pattern still finds ${VAR} references"
    assert used - _example_variables() == set()


def test_compose_runs_every_role_from_one_image() -> None:
    services = _compose()["services"]
    roles = {"worker-collect", "worker-score", "worker-alerts", "beat", "flower", "web", "sandbox"}
    assert roles | {"postgres", "redis"} <= set(services)
    assert {services[r]["image"] for r in roles} == {"redditharbor:latest"}
    assert {services[r]["build"] for r in roles} == {"."}
    assert services["sandbox"]["profiles"] == ["sandbox"]
    assert (ROOT / "Dockerfile").is_file()
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no healthcheck"


def test_compose_redis_is_append_only() -> None:
    command = _compose()["services"]["redis"]["command"]
    joined = " ".join(command) if isinstance(command, list) else command
    assert "--appendonly yes" in joined


def test_score_workers_scale_without_fixed_names() -> None:
    service = _compose()["services"]["worker-score"]
    assert "container_name" not in service
    assert "ports" not in service
    assert "%h" in " ".join(service["command"])


def _check_command(argv: list[str]) -> None:
    if argv[0] == "celery":
        assert argv[1] == "-A"
        module = importlib.import_module(argv[2])
        assert hasattr(module, "app"), f"{argv[2]} has no Celery app"
        sub = argv[3]
        assert sub in ("worker", "beat", "flower"), sub
        if "-Q" in argv:
            queues = argv[argv.index("-Q") + 1].split(",")
            assert set(queues) <= {q.value for q in Queue}
    elif argv[0] == "harbor":
        shown = subprocess.run(
            [sys.executable, "-m", "harbor", argv[1], "--help"], capture_output=True, text=True
        )
        assert shown.returncode == 0, f"`harbor {argv[1]}` is not a command: {shown.stderr}"
        for option in (a for a in argv[2:] if a.startswith("--")):
            assert option.split("=")[0] in shown.stdout, f"`harbor {argv[1]}` has no {option}"
    elif argv[:2] == ["python", "-m"]:
        assert importlib.util.find_spec(argv[2]) is not None, argv[2]
    else:
        raise AssertionError(f"unknown program in a compose command: {argv}")


def test_every_compose_command_names_a_real_module() -> None:
    services = _compose()["services"]
    commands = [s["command"] for n, s in services.items() if n not in ("postgres", "redis")]
    assert len(commands) == 7
    for command in commands:
        _check_command(command if isinstance(command, list) else command.split())
