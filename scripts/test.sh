#!/usr/bin/env bash
# The project's test command: installs the test peers, then builds and runs every test module.
# Extra arguments go to Maven, e.g. `scripts/test.sh -pl ws-core`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-peers.sh
exec mvn -B -ntp verify "$@"
