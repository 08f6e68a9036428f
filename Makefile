# The two commands a user needs: `make serve` and `make test`. Everything else they call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install build validate db serve test report release bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

build: install
	$(BIN)/cybergov build

validate: install
	$(BIN)/cybergov validate

db: install
	$(BIN)/cybergov db

# The release zip first, so that the downloads page offers it with the database.
serve: release db
	$(BIN)/cybergov serve

report: install
	$(BIN)/cybergov report

test: install
	$(BIN)/python -m pytest
	$(BIN)/cybergov validate
	$(BIN)/cybergov report

release: build validate
	$(BIN)/cybergov release

# The real corpus (../shared/corpora/ungdc) when it is there, else the synthetic one: the run says which.
bench: install
	$(BIN)/pip install --quiet -e ".[bench]"
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || true
	$(BIN)/python benchmarks/segmentation.py --json benchmarks/results/segmentation.json
	$(BIN)/python benchmarks/run.py --seconds 10 --json benchmarks/results/latest.json
	$(BIN)/python benchmarks/hostile.py --json benchmarks/results/hostile.json

clean:
	rm -rf $(VENV) dist .cache

# The browser tests (tests/test_browser.py) drive Debian's Chromium: install it when it is
# missing and this is root; otherwise say how, and let the tests fail with the same advice.
.PHONY: browser
test: browser
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "chromium is missing: run 'sudo apt-get update && sudo apt-get install -y chromium' for the browser tests" >&2; \
	fi
