# newsdesk task file: `make help` lists every command.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
LOCK ?= requirements.lock
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_UI_ENABLED ?= true
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
PORT ?= 8501

.PHONY: help setup run ingest dashboard test test-fast lint server deployments deploy-run down bench bench-stages eval lock clean-data

help: ## list the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/newsdesk: pyproject.toml $(LOCK) scripts/install.sh
	PY=$(PY) bash scripts/install.sh $(VENV) $(LOCK)
	@touch $@

setup: $(BIN)/newsdesk ## create .venv and install exactly the locked files (hash-checked, no resolution, then pip check)

run: setup ## THE main job: ingest the seeds through the Prefect flow, then serve the dashboard on 127.0.0.1
	$(BIN)/newsdesk run --port $(PORT)

ingest: setup ## run the ingest flow once on the seeds (no dashboard)
	$(BIN)/newsdesk run --no-dashboard

dashboard: setup ## serve the dashboard on http://127.0.0.1:$(PORT)
	$(BIN)/newsdesk dashboard --port $(PORT)

test: setup ## the whole test suite (what CI runs)
	bash scripts/test.sh

test-fast: setup ## unit tests only
	$(BIN)/pytest -q tests/unit

lint: setup ## ruff and mypy with the rules in pyproject.toml (a few seconds; CI runs it)
	$(BIN)/ruff check .
	$(BIN)/mypy

server: setup ## start the local Prefect server on 127.0.0.1:4200 in the background (pid in .prefect/server.pid)
	bash scripts/prefect.sh server

deployments: setup ## serve the deployments of flows/deployments.toml (seeds, scheduled, feeds) in the background
	bash scripts/prefect.sh deployments

deploy-run: setup ## trigger `prefect deployment run ingest/seeds` on the local server and wait for it
	PREFECT_API_URL=$${PREFECT_API_URL:-http://127.0.0.1:4200/api} $(BIN)/prefect deployment run ingest/seeds --watch

down: ## stop the Prefect server and the deployment runner started above (by PID)
	bash scripts/prefect.sh down

bench: setup ## ingest the fundus corpus and print articles/second per stage and peak memory
	$(BIN)/python bench/ingest_speed.py

bench-stages: setup ## print the speed of the pure stages (dates, topics) per 1,000 words and on 1M characters
	$(BIN)/python bench/stage_speed.py

eval: setup ## the quality report on ../shared/corpora (figures beside trafilatura alone, same run)
	$(BIN)/newsdesk eval --json-out data/quality.json

lock: ## re-resolve requirements.lock from pyproject.toml (needs uv; the only step that resolves)
	uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --only-binary :all: -o requirements.lock

clean-data: ## delete the local database and its reader store
	rm -rf data/newsdesk.duckdb data/newsdesk.duckdb.wal data/newsdesk.read.duckdb data/newsdesk.lake
