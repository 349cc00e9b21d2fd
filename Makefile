# newsbriefs: `make serve` builds the site from seeds/ and serves it; `make test` runs every test.
# Both start from a machine with only Python 3.11 and git: they create .venv, install
# the Python packages into it and (for browser tests) Debian's Chromium with apt-get.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BRIEFS := $(VENV)/bin/briefs
MKDOCS := $(VENV)/bin/mkdocs
CHROMIUM := /usr/lib/chromium/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

export NO_MKDOCS_2_WARNING = 1
# Never let Playwright fetch its own browsers: tests drive Debian's Chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = 1

.PHONY: help install briefs build serve test test-fast browser eval eval-quotes eval-speakers eval-summaries \
        bench bench-glossary fit-summarizer golden screenshots clean

help:
	@echo "make serve           install, generate briefs from seeds/, serve on http://$(HOST):$(PORT)"
	@echo "make test            install (Python packages + Chromium) and run every test"
	@echo "make build           generate briefs and build the site with mkdocs build --strict"
	@echo "make eval            score quotes, speakers and summaries on ../shared/eval (eval-quotes, eval-speakers, eval-summaries)"
	@echo "make bench           glossary benchmark (bench-glossary)"
	@echo "make golden          regenerate tests/golden/ after an intended change (then read the diff)"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,eval]"
	touch $@

install: $(VENV)/.installed

# Debian's Chromium for the browser tests (root, or sudo when there is one).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -x $(CHROMIUM) || { echo "error: $(CHROMIUM) missing after apt-get install chromium"; exit 1; }

briefs: install
	$(BRIEFS) generate seeds

build: briefs
	$(MKDOCS) build --strict

serve: briefs
	$(MKDOCS) serve --dev-addr $(HOST):$(PORT)

# pytest exits 5 when it collects nothing: that is a failure here, never a pass.
test: install browser
	@$(PY) -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$status

# Everything but the browser and the quality floors: a quick loop while editing.
test-fast: install
	$(PY) -m pytest -m "not browser and not eval"

eval: eval-quotes eval-speakers eval-summaries

eval-quotes: install
	$(PY) benchmarks/quotes.py

# Printed names, roles and attribution on the hand-made gold, PolNeAR strict names, the threshold curve.
eval-speakers: install
	$(PY) benchmarks/speakers.py

eval-summaries: install
	$(PY) benchmarks/summaries.py

bench: bench-glossary

bench-glossary: install
	$(PY) benchmarks/glossary.py

fit-summarizer: install
	$(PY) scripts/fit_summarizer.py

golden: install
	$(PY) tests/regenerate_golden.py

screenshots: install browser
	$(PY) -m pytest tests/test_browser.py -k "sidebar_readable" --save-screenshots

clean:
	rm -rf site .pytest_cache .eval
