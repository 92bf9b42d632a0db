# Two commands do all set-up on a fresh machine:
#   make chat   - create .venv on first use, then start the terminal chat
#   make test   - create .venv on first use, install system packages the
#                 browser and Redis tests need (Debian: chromium, redis-server),
#                 then run every test
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed-stamp
# The message-kind stage is compiled with mypyc whenever its sources change
# (bot/compiled.py); the stamp marks a try, built or not. `make fast` builds
# now, `make pure` removes the build (and keeps it off until the next change).
COMPILED_SOURCES = bot/content/terms.py bot/understand/concepts.py bot/understand/learned_kind.py bot/understand/kind.py
COMPILED = build/compiled.stamp

.PHONY: chat test check eval bench serve sysdeps clean fast pure

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,fast]'
	touch $(STAMP)

# a failed build is not fatal: her2bot runs the same sources as pure Python, only slower
$(COMPILED): $(STAMP) $(COMPILED_SOURCES) bot/compiled.py scripts/build_compiled.py
	@$(PY) scripts/build_compiled.py || true
	@mkdir -p build && touch $@

fast: $(STAMP)
	$(PY) scripts/build_compiled.py
	@mkdir -p build && touch $(COMPILED)

pure:
	@$(PY) scripts/build_compiled.py --clean
	@mkdir -p build && touch $(COMPILED)

chat: $(STAMP) $(COMPILED)
	@$(VENV)/bin/her2bot chat

test: $(STAMP) sysdeps $(COMPILED)
	$(PY) -m pytest $(PYTEST_ARGS)

sysdeps:
	@bash scripts/install-system-deps.sh

check: $(STAMP) $(COMPILED)
	$(VENV)/bin/her2bot check

eval: $(STAMP) $(COMPILED)
	$(VENV)/bin/her2bot eval

serve: $(STAMP) $(COMPILED)
	$(VENV)/bin/her2bot serve

# Quick in-process and start-up benchmarks. The load tests need a free machine
# (and wrk, or --client python): bench/load_http.py, bench/load_scaleout.py.
bench: $(STAMP) $(COMPILED)
	@for b in load_content reply_latency startup; do echo "== bench/$$b.py"; $(PY) bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
