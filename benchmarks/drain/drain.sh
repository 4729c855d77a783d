#!/usr/bin/env bash
# Webhook drain test (docs/performance.md, "Webhooks and links (perfweb)"): 4 x N pending
# deliveries committed at once to 4 loopback endpoints, timed until none is pending. Measures the
# dispatcher alone, without the load of producing the events. Needs the local PostgreSQL and psql.
#   benchmarks/drain/drain.sh <java binary> <server jar> <N per endpoint>
# SERVER_OPTS adds JVM options to the server (e.g. a JFR recording). Ports 18098/18099.
set -u
JAVA="$1"; JAR="$(realpath "$2")"; PER="$3"
WORK=$(mktemp -d)
cd "$(dirname "$0")"
SCHEMA=lp_drain_$RANDOM$RANDOM
PSQL="psql -q -t -A -h 127.0.0.1 -U postgres test"
"$JAVA" DrainReceiver.java 18099 900 > "$WORK/receiver.log" 2>&1 & RECV=$!
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
SPRING_FLYWAY_SCHEMAS=$SCHEMA SPRING_FLYWAY_CREATE_SCHEMAS=true LINKPORT_BOOTSTRAP_SECRET=sk_sandbox_benchmark_secret_0123456789abcdefghijkl \
LOGGING_LEVEL_LINKPORT_REQUESTS=WARN "$JAVA" ${SERVER_OPTS:-} -jar "$JAR" --server.port=18098 > "$WORK/server.log" 2>&1 & SRV=$!
for i in $(seq 300); do curl -sf localhost:18098/actuator/health/readiness >/dev/null && break; sleep 1; done
H='x-api-secret: sk_sandbox_benchmark_secret_0123456789abcdefghijkl'
for e in 0 1 2 3; do
  ID=$(curl -s -H "$H" -H 'Content-Type: application/json' -d "{\"url\":\"http://127.0.0.1:18099/t$e\",\"eventTypes\":[\"WEBHOOK_TEST\"]}" localhost:18098/v1/webhook_endpoints | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
  curl -s -o /dev/null -H "$H" -X POST localhost:18098/v1/webhook_endpoints/$ID/test
done
sleep 3
$PSQL -c "SET search_path=$SCHEMA; INSERT INTO webhook_deliveries (id, tenant_id, mode, event_id, event_type, endpoint_id, url, payload, status, attempt_count, next_attempt_at, created_at) SELECT 'whd_drain_' || g || '_' || d.id, d.tenant_id, d.mode, d.event_id, d.event_type, d.endpoint_id, d.url, d.payload, 'pending', 0, now(), now() FROM webhook_deliveries d, generate_series(1, $PER) g;"
START=$(date +%s.%N); LOADS=$(cut -d' ' -f1 /proc/loadavg)
while true; do
  P=$($PSQL -c "SELECT count(*) FROM $SCHEMA.webhook_deliveries WHERE status = 'pending'")
  [ "$P" = "0" ] && break
  NOW=$(date +%s); [ $(echo "$NOW - ${START%.*} > 600" | bc) = 1 ] && { echo "timeout, $P pending"; break; }
  sleep 0.2
done
END=$(date +%s.%N)
TOTAL=$((4 * PER))
echo "drained $TOTAL in $(echo "$END - $START" | bc) s = $(echo "$TOTAL / ($END - $START)" | bc) deliveries/s; load at start $LOADS, at end $(cut -d' ' -f1 /proc/loadavg)"
$PSQL -c "SELECT status, count(*) FROM $SCHEMA.webhook_deliveries GROUP BY status" | tr '\n' ' '; echo
$PSQL -c "SELECT count(*) AS attempts, count(DISTINCT delivery_id) AS deliveries FROM $SCHEMA.webhook_attempts" | tr '\n' ' '; echo
kill $SRV; wait $SRV 2>/dev/null; kill $RECV 2>/dev/null; wait $RECV 2>/dev/null
$PSQL -c "SET client_min_messages=warning; DROP SCHEMA $SCHEMA CASCADE"
