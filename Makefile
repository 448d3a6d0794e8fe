# Veo Desktop. Two commands from a fresh clone: `make demo` and `make test`.
# Each installs what is missing: system libraries (scripts/system-deps.sh, apt), then the
# package and its test tools into .venv.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup system-deps demo test test-long lint clean

# The package's copy of resources/ (the .qm, the icon's PNG sizes, the SVG and desktop files) is
# built from the sources there, never committed; pip install -e builds it too (setup.py).
RESOURCES := veo_desktop/resources/.built

setup: system-deps $(STAMP) $(RESOURCES)

system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

$(RESOURCES): $(shell find resources -type f) scripts/resources.py scripts/i18n.py | $(STAMP)
	@$(PY) scripts/resources.py

# Re-extract every user-visible string into the .ts files (then translate what is new).
.PHONY: translations
translations: $(STAMP)
	@$(PY) scripts/i18n.py update
	@$(PY) scripts/i18n.py check || true

demo: setup
	@bash scripts/demo.sh

test: setup
	@bash scripts/run-tests.sh

test-long: setup
	@VEO_LONG_TESTS=1 bash scripts/run-tests.sh

lint: setup
	@$(VENV)/bin/ruff check veo_desktop tests scripts setup.py
	@$(VENV)/bin/ruff format --check veo_desktop tests scripts setup.py
	@$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache $(RESOURCES) \
		$(addprefix veo_desktop/resources/,icons i18n linux)

# The one-folder app (PyInstaller, packaging/veo-desktop.spec) in dist/veo-desktop/
# (DIST=dir and BUILD=dir put it and PyInstaller's work files elsewhere).
.PHONY: package
package: setup
	@$(PY) -m pip install --quiet 'pyinstaller>=6.20'
	@$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath $(or $(DIST),dist) \
		--workpath $(or $(BUILD),build)/pyinstaller packaging/veo-desktop.spec
	@echo "Built $(or $(DIST),dist)/veo-desktop/ ($$(du -sh $(or $(DIST),dist)/veo-desktop | cut -f1))."
	@echo "Check it: QT_QPA_PLATFORM=offscreen $(or $(DIST),dist)/veo-desktop/veo-desktop --self-check"

# The menu entry, AppStream metainfo and icons for the current user (XDG_DATA_HOME honoured).
.PHONY: install-desktop
install-desktop: $(RESOURCES)
	@bash packaging/linux/install-desktop.sh install

.PHONY: uninstall-desktop
uninstall-desktop:
	@bash packaging/linux/install-desktop.sh uninstall

# The README's screenshots, from the real app under Xvfb: English, Chinese, and dark.
.PHONY: screenshots
screenshots: setup
	@for run in "en light" "zh_CN light" "en dark"; do set -- $$run; \
	  out=docs/screenshots/$$1; [ "$$2" = dark ] && out=docs/screenshots/$$1-dark; \
	  QT_LOGGING_RULES="qt.multimedia*=false" xvfb-run -a -s "-screen 0 1280x800x24" \
	    $(PY) scripts/screenshots.py $$out --language $$1 --appearance $$2 || exit 1; \
	done

.PHONY: bench
# Figures against baselines measured in the same run (bench/README.md); BENCH_REPEATS=5.
bench: setup
	@bash scripts/system-deps.sh curl ffmpeg  # the baselines: curl (download), ffmpeg (export)
	@$(PY) -m bench.run
