#!/usr/bin/env bash
# Linkport's benchmark harness: builds the server and the harness, then starts the real server
# on H2 and PostgreSQL, measures the ceilings and every scenario, and writes
# benchmarks/results/latest.{json,png}. Not part of the test suite.
#   benchmarks/run.sh                 full run (15 s per scenario per database, after a warm-up of up to
#                                     300 s until throughput and the JIT settle; plus the start-up comparison on H2)
#   benchmarks/run.sh --smoke         a few seconds per scenario, as CI runs it (no speed assertions)
#   benchmarks/run.sh --db postgres --duration 30 --connections 32 --max-warmup 60
#   benchmarks/run.sh --db h2 --only startup
#   benchmarks/run.sh --no-build --smoke   skip the build: use the jars a ./mvnw verify or package just made
# Run it with JAVA_HOME set to choose the JDK (21+ gives the server virtual threads).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  echo "[bench] installing wrk (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
fi
build=1
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then build=; else args+=("$arg"); fi
done
if [ -n "$build" ]; then
  ./mvnw -q -B -DskipTests package
elif [ ! -f linkport-benchmarks/target/linkport-benchmarks.jar ] || [ ! -f linkport-server/target/linkport-server.jar ]; then
  echo "[bench] --no-build, but the jars are not built: run ./mvnw -DskipTests package first" >&2
  exit 2
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -jar linkport-benchmarks/target/linkport-benchmarks.jar ${args[@]+"${args[@]}"}
