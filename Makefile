# RedditHarbor. `make run` starts the whole system, `make test` runs every test.
# Both set up everything they need first (a .venv, Postgres and Redis running).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MINUTES ?= 2
BENCH ?=

.PHONY: help install services run test test-unit test-integration lint format bench soak \
        sandbox flower up down clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install the project with its dev tools

services:  ## start local Redis and Postgres when they are down
	@scripts/ensure-services.sh

run: install services  ## run the system: sandbox (without credentials), workers, beat, Flower
	$(BIN)/python -m workers.run

test: install services  ## run unit tests, then integration tests against real services
	$(BIN)/pytest tests/unit -q
	$(BIN)/pytest tests/integration -q --durations=15

test-unit: install
	$(BIN)/pytest tests/unit -q

test-integration: install services
	$(BIN)/pytest tests/integration -q --durations=15

lint: install  ## ruff (lint + format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install services  ## the benchmarks: one table (BENCH="collection runtime" picks areas)
	$(BIN)/python -m bench $(BENCH)

soak: install services  ## the whole system with faults for MINUTES minutes, then a summary
	$(BIN)/python -m bench.soak --minutes $(MINUTES)

sandbox: install  ## the Reddit- and OpenAI-compatible sandbox on 127.0.0.1:8765/8766
	$(BIN)/harbor sandbox

flower: install  ## Flower on :5555 (basic auth from FLOWER_BASIC_AUTH)
	$(BIN)/celery -A workers flower

up:  ## the same system in containers (needs a Docker engine)
	docker compose up -d --build

down:
	docker compose down

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
