#!/usr/bin/env bash
# Starts LiveInteract on http://127.0.0.1:5000 with a live demo room (Local profile: state in ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export Demo__Enabled="${Demo__Enabled:-true}"
exec dotnet run --project src/LiveInteract.Server -c Release -- --urls "${LIVEINTERACT_URLS:-http://127.0.0.1:5000}" "$@"
