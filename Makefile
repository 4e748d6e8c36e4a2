# 招商通 — the two commands are `make run` and `make test`; everything else serves them.
SHELL := /bin/bash
PYTHON ?= python3.11
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := backend/.venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: run test lint install backend frontend build migrate seed openapi client bench clean

## run: install, migrate, load the Xiangtan demo data, build the SPA, serve on http://127.0.0.1:8000
run: install build migrate seed
	@echo "招商通 已启动：http://$(HOST):$(PORT)   （API 文档：http://$(HOST):$(PORT)/docs）"
	cd backend && exec .venv/bin/uvicorn app.main:app --host $(HOST) --port $(PORT)

## test: install and run the whole suite (backend, frontend unit tests, browser tests)
test: install build
	cd frontend && npm test --silent
	$(PY) -m pytest -q -p no:cacheprovider tests

## lint: ruff, mypy, the import layers, tsc, ESLint, and the generated API client must match openapi/openapi.json
lint: install
	cd backend && .venv/bin/ruff check app ../tests ../bench ../docs && .venv/bin/ruff format --check app ../tests ../bench ../docs
	cd backend && .venv/bin/mypy
	cd backend && .venv/bin/lint-imports
	cd frontend && npm run typecheck --silent
	cd frontend && npm run lint --silent
	cd frontend && npx openapi-typescript ../openapi/openapi.json -o /tmp/zst-schema.d.ts --silent \
	  && diff -q /tmp/zst-schema.d.ts src/lib/api/schema.d.ts \
	  || (echo "前端 API 客户端与 openapi/openapi.json 不一致：请运行 make client" && exit 1)

install: backend frontend

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==0.13.8

backend: $(VENV)/.synced
$(VENV)/.synced: backend/uv.lock backend/pyproject.toml | $(UV)
	cd backend && ../$(UV) sync --frozen --python $(PYTHON)
	touch $@

frontend: frontend/node_modules/.installed
frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

build: frontend
	cd frontend && npm run build --silent

migrate: backend
	cd backend && .venv/bin/python -m app.cli migrate

seed: backend
	cd backend && .venv/bin/python -m app.cli seed

## openapi: regenerate openapi/openapi.json from the app (a test fails when it drifts)
openapi: backend
	cd backend && .venv/bin/python -m app.cli openapi > ../openapi/openapi.json.tmp && mv ../openapi/openapi.json.tmp ../openapi/openapi.json

## client: regenerate the SPA's API types from openapi/openapi.json, and the enum labels it ships
client: openapi frontend
	cd frontend && npm run gen:api --silent
	cd backend && .venv/bin/python -m app.cli enums > ../frontend/src/lib/api/enums.json.tmp \
	  && mv ../frontend/src/lib/api/enums.json.tmp ../frontend/src/lib/api/enums.json

## bench: 100,000 projects (list and detail against a raw baseline); 1-2 million tickets (escalation job, to-do list)
bench: backend
	$(PY) bench/seed_projects.py
	$(PY) bench/run.py
	$(PY) bench/tickets.py

clean:
	rm -rf $(TOOLS) $(VENV) frontend/node_modules frontend/dist backend/data
