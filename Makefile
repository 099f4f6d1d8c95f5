# lawdesk: `make run` sets everything up and serves the staff page; `make test` runs the suite.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 7860
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install run build test test-fast lint train train-library bench clean system-deps

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "需要 Python 3.11（未找到 $(PY)）"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

build: install
	$(BIN)/lawdesk build

run: install
	$(BIN)/lawdesk build --if-stale || [ $$? -eq 3 ]  # 3 = partial: some files skipped, listed above
	$(BIN)/lawdesk serve --host $(HOST) --port $(PORT)

system-deps:
	bash scripts/system-deps.sh

# ruff, mypy (strict on retrieve/ and answer/, standard elsewhere) and the one-way layer contract
lint: install
	$(BIN)/ruff check app tests scripts
	$(BIN)/mypy app
	$(BIN)/lint-imports

test: install system-deps lint
	$(BIN)/python -m pytest -q -x --durations=15 tests

# the edit-test loop: no index builds over ../shared, no browser
test-fast: install
	$(BIN)/python -m pytest -q -x -m "not slow and not browser" tests

# the learned ranker and the confidence model, from the dev sets (cross-validated over families); needs an index
train: install
	$(BIN)/lawdesk build --if-stale || [ $$? -eq 3 ]
	$(BIN)/python scripts/train_ranker.py

# the law library's ranker; needs a library index: LIBRARY_INDEX=DIR (built with LAWDESK_CORPUS_DIR=../shared/lawlib)
LIBRARY_INDEX ?= ../lawlib_build/index
train-library: install
	$(BIN)/python scripts/train_library_ranker.py --index $(LIBRARY_INDEX)

bench: install
	$(BIN)/python scripts/bench.py

clean:
	rm -rf index test-artifacts
