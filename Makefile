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

.PHONY: help install install-serve port-free briefs build serve test test-fast browser eval eval-quotes eval-speakers \
        eval-summaries eval-links bench bench-glossary bench-related bench-ingest bench-generation bench-pipeline \
        bench-site bench-search bench-serve fit-summarizer fit-sections golden screenshots clean

help:
	@echo "make serve           install, generate briefs from seeds/, serve on $(SERVE_URL) (PORT=8001 for another port)"
	@echo "make test            install (Python packages + Chromium) and run every test"
	@echo "make build           generate briefs and build the site with mkdocs build --strict"
	@echo "make eval            score quotes, speakers, summaries, links/tags/related on ../shared/eval (eval-quotes, eval-speakers, eval-summaries, eval-links)"
	@echo "make bench           every benchmark (bench-glossary, bench-related, bench-ingest, bench-pipeline, bench-generation, bench-site, bench-search, bench-serve)"
	@echo "make golden          regenerate tests/golden/ after an intended change (then read the diff)"

PIP := $(PY) -m pip --disable-pip-version-check
# Where `make serve` serves the site: site_url follows it (mkdocs.yml reads
# NEWSBRIEFS_SITE_URL), so the address printed is the address of the home page.
SERVE_URL := http://$(HOST):$(PORT)/

$(VENV)/bin/python:
	@echo "==> creating $(VENV) (first run only)"
	$(PYTHON) -m venv $(VENV)
	@$(PIP) install --quiet --upgrade pip

# The requirements pyproject.toml lists: the dependencies, plus the extras named.
REQUIREMENTS = $(PY) -c 'import sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
  print("\n".join(p["dependencies"] + [r for e in sys.argv[1:] for r in p["optional-dependencies"][e]]))'

# `make serve` needs only the package; tests and evaluation add their extras. The
# dependencies install with pip's progress shown; the package itself (an editable
# install of this folder) quietly: setuptools reports every editable install of a
# flat layout as a BuildBackendWarning ("Editable installation ..."), a note only.
$(VENV)/.installed-serve: pyproject.toml | $(VENV)/bin/python
	@echo "==> installing what generating and serving need into $(VENV) (first run: a minute or two)"
	@$(REQUIREMENTS) > $(VENV)/requirements-serve.txt
	$(PIP) install --progress-bar on -r $(VENV)/requirements-serve.txt
	PYTHONWARNINGS=ignore::UserWarning $(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.installed-serve
	@echo "==> installing the test and evaluation extras into $(VENV) (first run: a few minutes)"
	@$(REQUIREMENTS) test eval > $(VENV)/requirements-test.txt
	$(PIP) install --progress-bar on -r $(VENV)/requirements-test.txt
	touch $@

install-serve: $(VENV)/.installed-serve

install: $(VENV)/.installed

# Debian's Chromium for the browser tests (root, or sudo when there is one).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -x $(CHROMIUM) || { echo "error: $(CHROMIUM) missing after apt-get install chromium"; exit 1; }

briefs: install-serve
	$(BRIEFS) generate seeds

build: briefs
	$(MKDOCS) build --strict

# A busy port is reported in one line before anything else runs ($(error) stops make
# without its own "Error 1" trailer).
PORT_IS_BUSY = $(shell $(PYTHON) -c "import socket; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('$(HOST)', $(PORT)))" 2>/dev/null || echo busy)
port-free:
	$(if $(PORT_IS_BUSY),$(error port $(PORT) on $(HOST) is in use; serve on another one with: make serve PORT=8001))

serve: port-free briefs
	@echo "==> serving the site on $(SERVE_URL) (Ctrl-C stops)"
	NEWSBRIEFS_SITE_URL=$(SERVE_URL) $(MKDOCS) serve --dev-addr $(HOST):$(PORT)

# pytest exits 5 when it collects nothing: that is a failure here, never a pass.
test: install browser
	@$(PY) -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$status

# Everything but the browser and the quality floors: a quick loop while editing.
test-fast: install
	$(PY) -m pytest -m "not browser and not eval"

eval: eval-quotes eval-speakers eval-summaries eval-links

eval-quotes: install
	$(PY) benchmarks/quotes.py

# Printed names, roles and attribution on the hand-made gold, PolNeAR strict names, the threshold curve.
eval-speakers: install
	$(PY) benchmarks/speakers.py

eval-summaries: install
	$(PY) benchmarks/summaries.py

eval-links: install
	$(PY) benchmarks/links.py

bench: bench-glossary bench-related bench-ingest bench-pipeline bench-generation bench-site bench-search bench-serve

bench-glossary: install
	$(PY) benchmarks/glossary.py

bench-related: install
	$(PY) benchmarks/related.py

# Real articles from ../shared/eval: refused, lost sentences, header and furniture kept.
bench-ingest: install
	$(PY) benchmarks/ingest.py

# `briefs generate` on articles made from ../shared/eval: first run, nothing changed, one
# article changed, a glossary edit (SIZE=5000 for the full measure).
SIZE ?= 300
bench-generation: install
	$(PY) benchmarks/generation.py --size $(SIZE)

# ms per article for each pipeline stage beside Lead-3 and newspaper4k, same run.
bench-pipeline: install
	$(PY) benchmarks/pipeline.py

# Our mkdocs build against the same pages under plain Material, A B A B (SITE_SIZES="500 1000 5000").
SITE_SIZES ?= 500 1000
bench-site: install
	$(PY) benchmarks/site_build.py --sizes $(SITE_SIZES)

# Bytes and time to the first search result in Chromium, Material's search vs Pagefind (SEARCH_SIZE=5000).
SEARCH_SIZE ?= 1000
bench-search: install browser
	$(PY) benchmarks/search.py --size $(SEARCH_SIZE)

# `mkdocs serve`: an edited brief to its new text in headless Chromium, page cache off and on.
SERVE_SIZE ?= 5000
bench-serve: install browser
	$(PY) benchmarks/serve_edit.py --size $(SERVE_SIZE)

fit-summarizer: install
	$(PY) scripts/fit_summarizer.py

fit-sections: install
	$(PY) scripts/fit_sections.py

golden: install
	$(PY) tests/regenerate_golden.py

screenshots: install browser
	$(PY) -m pytest tests/test_browser.py -k "sidebar_readable" --save-screenshots

clean:
	rm -rf site .pytest_cache .eval .cache
