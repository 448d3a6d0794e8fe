# Veo Desktop. Two commands from a fresh clone: `make demo` and `make test`.
# Each installs what is missing: system libraries (scripts/system-deps.sh, apt), then the
# package and its test tools into .venv.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup system-deps demo test test-long lint clean

setup: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: setup
	@bash scripts/demo.sh

test: setup
	@bash scripts/run-tests.sh

test-long: setup
	@VEO_LONG_TESTS=1 bash scripts/run-tests.sh

lint: setup
	@$(VENV)/bin/ruff check veo_desktop tests
	@$(VENV)/bin/ruff format --check veo_desktop tests
	@$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
