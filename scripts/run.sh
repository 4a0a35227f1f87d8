#!/usr/bin/env bash
# Starts LiveInteract on http://127.0.0.1:5000 (or $LIVEINTERACT_URLS) with a live demo room
# (Local profile: state in src/LiveInteract.Server/data). Extra arguments go to the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export Demo__Enabled="${Demo__Enabled:-true}"
exec dotnet run --project src/LiveInteract.Server -c Release -- --urls "${LIVEINTERACT_URLS:-http://127.0.0.1:5000}" "$@"
