#!/usr/bin/env bash
# Runs the whole suite headless: offscreen Qt, a private D-Bus session with an unlocked
# gnome-keyring (the Secret Service backend users have on Linux) in a throwaway XDG home, and
# the simulator on loopback. Then, after a full run, the real window on Xvfb under openbox
# (tests/desktop). pytest's exit 5 ("no tests ran") is a failure here, never a pass.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d -t veo-tests-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
       XDG_CACHE_HOME="$scratch/cache" XDG_STATE_HOME="$scratch/state" \
       XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
mkdir -m 700 -p "$XDG_RUNTIME_DIR"
# Every temp file (pytest's tmp_path, the CLI's and the app's data dirs) lands in the scratch
# dir too, so the key scan at the end sees everything the suite wrote.
export TMPDIR="$scratch/tmp"
mkdir -p "$TMPDIR"
export QT_QPA_PLATFORM=offscreen
export QT_LOGGING_RULES="qt.multimedia*=false;qt.qpa.*=false"
export PYTHON_KEYRING_BACKEND=keyring.backends.SecretService.Keyring
export VEO_TEST_SCRATCH="$scratch"
unset VEO_API_KEY VEO_BASE_URL VEO_DATA_DIR

scan_asked=${VEO_KEY_SCAN:-}
unset VEO_KEY_SCAN  # the main run never collects the scan: it must come after every test
window_asked=${VEO_REAL_WINDOW:-}
unset VEO_REAL_WINDOW VEO_DESKTOP_SESSION  # tests/desktop only in its own display, below

pytest_args=("$@")
[ "${VEO_LONG_TESTS:-}" = "1" ] && pytest_args+=(-m "slow or not slow")

# Lint first: a style or type error fails the run like a failing test would.
.venv/bin/ruff check veo_desktop tests scripts setup.py
.venv/bin/mypy

status=0
dbus-run-session -- bash -c '
  echo -n veo-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec .venv/bin/python -m pytest "$@"
' run-tests "${pytest_args[@]}" || status=$?

if [ "$status" -eq 5 ]; then
  echo "run-tests: pytest collected no tests; that is a failure." >&2
  exit 1
fi

# After a full run, or when asked with VEO_REAL_WINDOW=1: the installed veo-desktop on a real X
# display (Xvfb) with a window manager, as a user sees it (tests/desktop/test_real_window.py).
if [ "$#" -eq 0 ] || [ "$window_asked" = "1" ]; then
  window=0
  VEO_DESKTOP_SESSION=1 xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- bash -c '
    openbox >"$TMPDIR/openbox.log" 2>&1 &
    wm=$!
    code=0
    .venv/bin/python -m pytest -q -p no:cacheprovider --basetemp="$VEO_TEST_SCRATCH/desktop-tmp" \
      tests/desktop || code=$?
    kill "$wm" 2>/dev/null || true
    exit "$code"
  ' || window=$?
  if [ "$window" -eq 5 ]; then
    echo "run-tests: the real-window run collected no tests; that is a failure." >&2
    window=1
  fi
  [ "$status" -eq 0 ] && status=$window
fi

# After a full run (no arguments), or when asked with VEO_KEY_SCAN=1: scan every file the
# suite left under the scratch dir for the test keys (tests/keyscan/test_key_scan.py).
if [ "$#" -eq 0 ] || [ "$scan_asked" = "1" ]; then
  scan=0
  VEO_KEY_SCAN=1 .venv/bin/python -m pytest -q -p no:cacheprovider \
    --basetemp="$scratch/keyscan-tmp" tests/keyscan || scan=$?
  if [ "$scan" -eq 5 ]; then
    echo "run-tests: the key scan collected no tests; that is a failure." >&2
    scan=1
  fi
  [ "$status" -eq 0 ] && status=$scan
fi
exit "$status"
