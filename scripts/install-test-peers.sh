#!/usr/bin/env bash
# Installs the real WebSocket peers and the browser that the test suite talks to:
#   - Node's `ws` (npm, pinned by interop/node/package-lock.json)
#   - Python's `websockets` (Debian package python3-websockets, run with /usr/bin/python3)
#   - Chromium and ChromeDriver (Debian packages) for the sample app's browser test
#   - Prometheus (Debian package) for the sample app's Grafana dashboard test, which runs every
#     dashboard query against a real Prometheus scraping the sample
#   - redis-server (Debian package) for the cluster tests, which start their own on a free port
#   - curl, with which scripts/check-sample-jar.sh asks the packaged sample for its health
#   - zlib1g-dev, for scripts/bench.sh's native load generator (wsload) with permessage-deflate
# Safe to run repeatedly: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import websockets' 2>/dev/null || need_apt+=(python3 python3-websockets)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
[ -x /usr/bin/prometheus ] || need_apt+=(prometheus)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
# zlib's headers let scripts/bench.sh build its native load generator with permessage-deflate.
[ -f /usr/include/zlib.h ] || need_apt+=(zlib1g-dev)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${need_apt[*]}; run as root or: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
  echo "Installing ${need_apt[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f interop/node/package.json ] && [ ! -d interop/node/node_modules/ws ]; then
  echo "Installing Node peers (npm ci in interop/node)"
  (cd interop/node && npm ci --no-audit --no-fund --loglevel=error)
fi
