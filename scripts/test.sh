#!/usr/bin/env bash
# The project's test command: installs the test peers, then builds and runs every test module,
# then checks that the packaged sample starts with `java -jar`.
# Extra arguments go to Maven, e.g. `scripts/test.sh -pl ws-core`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-peers.sh
mvn -B -ntp verify "$@"
if [[ $# -eq 0 ]]; then
  scripts/check-sample-jar.sh
fi
