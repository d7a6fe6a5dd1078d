#!/usr/bin/env bash
# The project's test command: installs the packages the tests use (when root), then runs every module's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
mvn -B -ntp verify
