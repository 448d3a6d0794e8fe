#!/usr/bin/env bash
# The offline demo: the built-in simulator answers like the real gateway, no key, no network.
# Opens the window when there is a screen; on a headless box it generates one clip with the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening Veo Desktop on the built-in offline simulator..."
  exec .venv/bin/veo-desktop --demo
fi
echo "No screen found (DISPLAY is unset): generating a clip with the CLI instead."
.venv/bin/veo --demo generate --mode text --wait \
  --prompt "A paper boat drifts across a rain puddle at golden hour, macro lens" \
  --model veo3.1-fast-video-720p --duration 4
