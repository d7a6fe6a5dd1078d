#!/usr/bin/env bash
# Load test of the full-screen view: a live synthetic source at 200 000 events/s for 10 s through the real pipeline
# into the real TerminalUi (in-memory 200x50 terminal). Prints rates, frame rate, heap and PASS/FAIL.
# Usage: tui/load-test.sh [events-per-second] [seconds]      (from the repository root)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -ntp -pl tui -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
cp="tui/target/test-classes:tui/target/classes:$(cat tui/target/test-classpath.txt)"
exec java -Xmx512m -cp "$cp" wstool.tui.LoadHarness "${1:-200000}" "${2:-10}"
