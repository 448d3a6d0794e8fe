#!/usr/bin/env bash
# The offline demo: the built-in simulator answers like the real gateway, no key, no network.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Generating a clip on the built-in offline simulator..."
.venv/bin/veo --demo generate --mode text --wait \
  --prompt "A paper boat drifts across a rain puddle at golden hour, macro lens" \
  --model veo3.1-fast-video-720p --duration 4
