#!/usr/bin/env bash
# Builds the libraries and starts the sample application on http://localhost:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp install -DskipTests
exec mvn -B -ntp -f sample-app/pom.xml spring-boot:run "$@"
