#!/usr/bin/env bash
# Paired A/B of two server jars on one endpoint (the harness's --pair mode, PairComparison): both
# servers run at once and wrk loads each in turn in short bursts, so a shared VM's drift hits both
# alike; it prints the whole machine's CPU per request for each jar. Swap A and B and run again
# before believing a difference.
#   benchmarks/pair.sh [--db h2|postgres] [--connections 32] [--rounds 8] [--burst 5] A.jar B.jar METHOD PATH [JSON-BODY]
#   benchmarks/pair.sh --db postgres /tmp/before.jar linkport-server/target/linkport-server.jar \
#       POST /v1/link_tokens '{"org_name":"Bench","required_jobs":["employment"],"end_user_id":"u"}'
# Uses the harness jar a ./mvnw package made; JAVA_HOME chooses the JDK, LINKPORT_BENCH_SERVER_OPTS adds server JVM options.
set -euo pipefail
harness="$(cd "$(dirname "$0")/.." && pwd)/linkport-benchmarks/target/linkport-benchmarks.jar"  # jar paths stay relative to where you are
command -v wrk >/dev/null || { echo "[pair] wrk is missing: apt-get install wrk" >&2; exit 2; }
if [ ! -f "$harness" ]; then
  echo "[pair] the harness is not built: run ./mvnw -DskipTests package first" >&2
  exit 2
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -jar "$harness" --pair "$@"
