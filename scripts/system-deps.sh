#!/usr/bin/env bash
# Installs the Debian/Ubuntu system libraries Veo Desktop needs (Qt's xcb/offscreen platforms,
# QtMultimedia's PulseAudio client, a virtual screen and a real Secret Service keyring for the
# tests, fonts for the simulator's captions). Uses apt when it can; otherwise prints the exact
# apt line and stops, so `make` never half-installs silently. With arguments it installs just
# those packages (`make bench` asks for its baselines' tools this way: curl, ffmpeg).
set -euo pipefail

PACKAGES=(
  # What Qt's xcb platform plugin links (ldd on PySide6's plugins/platforms/libqxcb.so and
  # lib/libQt6XcbQpa.so.6); tests/desktop/test_system_libs.py fails if one is left out.
  libxcb1 libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
  libxcb-xfixes0 libxcb-xkb1 libxcb-glx0
  libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 fontconfig
  libpulse0            # QtMultimedia will not import without it
  xvfb xauth           # a real window without a display (screenshots, GUI tests)
  openbox xdotool imagemagick  # the real-window test: a window manager, find/close, `import`
  gnome-keyring dbus   # the Secret Service backend the keyring tests use
  fonts-dejavu-core fonts-wqy-microhei  # Latin + CJK captions in simulator clips and the UI
  desktop-file-utils appstream  # the tests validate the .desktop file and AppStream metainfo
  curl                 # make bench: the download baseline
  git                  # the wheel test builds from a `git clone` of the work tree
)

if [ $# -gt 0 ]; then
  PACKAGES=("$@")
fi

# Debian splits venv/ensurepip out of python3; `make` needs it to build .venv.
if [ $# -eq 0 ] && ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  PACKAGES+=("python3-venv")
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Veo Desktop needs these system packages (Debian names): ${missing[*]}" >&2
  echo "Install their equivalents with your package manager, then run make again." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "Veo Desktop needs system packages that are not installed. Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    echo "then run make again." >&2
    exit 1
  fi
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
