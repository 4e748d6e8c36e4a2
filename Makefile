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

.PHONY: run test lint install backend frontend build migrate seed openapi client bench clean port-free

## run: install, migrate, load the Xiangtan demo data, build the SPA, serve on http://127.0.0.1:8000
## (another address or port: make run HOST=0.0.0.0 PORT=8080); "已启动" once the port answers
run: port-free install build migrate seed
	@echo "==> 启动服务（http://$(HOST):$(PORT)）"
	@cd backend && exec .venv/bin/python -m app.cli serve --host $(HOST) --port $(PORT)

# Before the long steps: a port someone already answers on fails at once, in one line.
port-free:
	@$(if $(shell (exec 3<>/dev/tcp/$(HOST)/$(PORT)) 2>/dev/null && echo taken),$(error 端口 $(PORT) 已被占用：请关闭占用它的程序，或设置 PORT 换一个端口（如 make run PORT=8080）))true

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
	@echo "==> 安装 uv（Python 包管理工具）到 $(TOOLS)/"
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==0.13.8

backend: $(VENV)/.synced
$(VENV)/.synced: backend/uv.lock backend/pyproject.toml | $(UV)
	@echo "==> 安装后端依赖（首次需要几分钟）"
	cd backend && ../$(UV) sync --frozen --python $(PYTHON)
	touch $@

frontend: frontend/node_modules/.installed
frontend/node_modules/.installed: frontend/package-lock.json
	@echo "==> 安装前端依赖（首次需要几分钟）"
	cd frontend && npm ci --no-audit --no-fund
	touch $@

build: frontend
	@echo "==> 构建前端页面"
	cd frontend && npm run build --silent

migrate: backend
	@echo "==> 迁移数据库"
	cd backend && .venv/bin/python -m app.cli migrate

seed: backend
	@echo "==> 载入演示数据"
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
