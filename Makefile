# Two commands do all set-up on a fresh machine:
#   make chat   - create .venv on first use, then start the terminal chat
#   make test   - create .venv on first use, install system packages the
#                 browser and Redis tests need (Debian: chromium, redis-server),
#                 then run every test
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed-stamp

.PHONY: chat test check eval bench serve sysdeps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

chat: $(STAMP)
	@$(VENV)/bin/her2bot chat

test: $(STAMP) sysdeps
	$(PY) -m pytest $(PYTEST_ARGS)

sysdeps:
	@bash scripts/install-system-deps.sh

check: $(STAMP)
	$(VENV)/bin/her2bot check

eval: $(STAMP)
	$(VENV)/bin/her2bot eval

serve: $(STAMP)
	$(VENV)/bin/her2bot serve

# Quick in-process and start-up benchmarks. The load tests need a free machine
# (and wrk, or --client python): bench/load_http.py, bench/load_scaleout.py.
bench: $(STAMP)
	@for b in load_content reply_latency startup; do echo "== bench/$$b.py"; $(PY) bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
