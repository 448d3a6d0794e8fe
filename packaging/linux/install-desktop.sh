#!/usr/bin/env bash
# Installs (or with `uninstall`, removes) Veo Desktop's menu entry for the current user: the
# .desktop file, the AppStream metainfo and the icon (hicolor PNG sizes + scalable SVG) under
# ${XDG_DATA_HOME:-~/.local/share}, from veo_desktop/resources: the package's copy of resources/,
# which `make setup` builds. `make install-desktop` / `make uninstall-desktop` run it.
#
# The menu entry starts, in this order: $VEO_DESKTOP_EXEC if set, the packaged app
# (dist/veo-desktop/veo-desktop, from `make package`), the development venv's
# .venv/bin/veo-desktop (from `make setup`), or a veo-desktop on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."

ID=io.github.veodesktop.VeoDesktop
SIZES=(16 32 48 64 128 256 512)
RES=veo_desktop/resources
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
hicolor="$data/icons/hicolor"

refresh() {
  # Menus and icon lookups read caches; refresh them when the tools exist (they are optional).
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$apps" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$hicolor" || true
  fi
}

if [ "${1:-install}" = "uninstall" ]; then
  rm -f "$apps/$ID.desktop" "$data/metainfo/$ID.metainfo.xml" "$hicolor/scalable/apps/$ID.svg"
  for s in "${SIZES[@]}"; do rm -f "$hicolor/${s}x${s}/apps/$ID.png"; done
  [ -d "$apps" ] && [ -d "$hicolor" ] && refresh
  echo "Removed Veo Desktop's menu entry and icons from $data"
  exit 0
fi

needed=("linux/$ID.desktop" "linux/$ID.metainfo.xml" icons/veo-desktop.svg)
for s in "${SIZES[@]}"; do needed+=("icons/veo-desktop-$s.png"); done
for f in "${needed[@]}"; do
  if [ ! -f "$RES/$f" ]; then
    echo "install-desktop: $RES/$f is missing: run 'make setup' first (it builds it)." >&2
    exit 1
  fi
done

if [ -n "${VEO_DESKTOP_EXEC:-}" ]; then
  exe="$VEO_DESKTOP_EXEC"
elif [ -x dist/veo-desktop/veo-desktop ]; then
  exe="$PWD/dist/veo-desktop/veo-desktop"
elif [ -x .venv/bin/veo-desktop ]; then
  exe="$PWD/.venv/bin/veo-desktop"
elif command -v veo-desktop >/dev/null 2>&1; then
  exe=veo-desktop
else
  echo "install-desktop: no veo-desktop to start. Run 'make setup' (or 'make package') first," >&2
  echo "or set VEO_DESKTOP_EXEC=/path/to/veo-desktop." >&2
  exit 1
fi

# Exec= quoting (Desktop Entry spec): a path with spaces or other reserved characters goes in
# double quotes with " ` $ \ escaped; then every backslash is doubled, as in any string value.
if [[ "$exe" =~ ^[A-Za-z0-9_./+-]+$ ]]; then
  exec_field="$exe"
else
  quoted=${exe//\\/\\\\}
  quoted=${quoted//\"/\\\"}
  quoted=${quoted//\`/\\\`}
  quoted=${quoted//\$/\\\$}
  exec_field="\"${quoted//\\/\\\\}\""
fi
try_field=${exe//\\/\\\\}

mkdir -p "$apps" "$data/metainfo" "$hicolor/scalable/apps"
tmp=$(mktemp "$apps/.$ID.XXXXXX")
while IFS= read -r line; do
  case $line in
    Exec=*) printf 'Exec=%s\n' "$exec_field" ;;
    TryExec=*) printf 'TryExec=%s\n' "$try_field" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$RES/linux/$ID.desktop" >"$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$apps/$ID.desktop"
install -m 644 "$RES/linux/$ID.metainfo.xml" "$data/metainfo/$ID.metainfo.xml"
install -m 644 "$RES/icons/veo-desktop.svg" "$hicolor/scalable/apps/$ID.svg"
for s in "${SIZES[@]}"; do
  install -D -m 644 "$RES/icons/veo-desktop-$s.png" "$hicolor/${s}x${s}/apps/$ID.png"
done
refresh
echo "Installed Veo Desktop's menu entry in $apps (starts $exe)"
