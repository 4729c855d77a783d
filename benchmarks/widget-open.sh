#!/usr/bin/env bash
# Median time from Linkport.create(...).open() to the widget's first screen, on a running sandbox
# server (default http://localhost:8080), in Debian's headless Chromium. Usage:
#   benchmarks/widget-open.sh [baseUrl] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(./mvnw -q -o -pl linkport-server dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -cp "$CP" benchmarks/WidgetOpenBenchmark.java "${1:-http://localhost:8080}" "${2:-20}"
