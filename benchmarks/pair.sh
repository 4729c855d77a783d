#!/usr/bin/env bash
# Paired A/B of two server jars on one endpoint. On a shared VM the same jar's throughput moves by
# ±15 % between runs minutes apart, more than most changes are worth; here both servers run at
# once and wrk loads each in turn in short bursts, so drift hits both alike. The figure is the
# whole machine's CPU (user + system + interrupts, from /proc/stat) per request served: server,
# database, load generator and kernel together. The first round warms both up and is not counted.
#   benchmarks/pair.sh [--db h2|postgres] [--connections N] [--rounds N] [--burst S] \
#       A.jar B.jar METHOD PATH [JSON-BODY]
#   benchmarks/pair.sh --db postgres old.jar linkport-server/target/linkport-server.jar \
#       POST /v1/link_tokens '{"org_name":"Bench","required_jobs":["employment"],"end_user_id":"u"}'
# Swap A and B and run again before believing a difference: the order can favour one side.
# PostgreSQL: 127.0.0.1:5432, database test, user postgres (LINKPORT_BENCH_POSTGRES_URL to change);
# each server gets a fresh schema, dropped at the end. JAVA_HOME chooses the JDK.
set -euo pipefail
db=h2; conns=32; rounds=8; burst=5
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --connections) conns=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --burst) burst=$2; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -lt 4 ]; then sed -n '2,13p' "$0" >&2; exit 2; fi
jars=("$(realpath "$1")" "$(realpath "$2")"); method=$3; path=$4; body=${5:-}
command -v wrk >/dev/null || { echo "[pair] wrk is missing: apt-get install wrk" >&2; exit 2; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SECRET=sk_sandbox_benchmark_secret_0123456789abcdefghijkl
PG_URL=${LINKPORT_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}
work=$(mktemp -d /tmp/linkport-pair.XXXXXX)
ports=(18480 18481)
pids=(); schemas=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for schema in "${schemas[@]}"; do
    psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/request.lua" <<'EOF'
wrk.method = os.getenv("PAIR_METHOD")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("PAIR_SECRET")
local body = os.getenv("PAIR_BODY")
if body ~= nil and body ~= "" then wrk.body = body end
EOF

for i in 0 1; do
  mkdir -p "$work/$i"
  env=(LINKPORT_BOOTSTRAP_SECRET=$SECRET LINKPORT_SANDBOX_LATENCY=0ms LOGGING_LEVEL_LINKPORT_REQUESTS=WARN)
  if [ "$db" = postgres ]; then
    schema=lp_pair_$(head -c 5 /dev/urandom | od -An -tx1 | tr -d ' \n')
    schemas+=("$schema")
    env+=(SPRING_DATASOURCE_URL="$PG_URL?currentSchema=$schema" SPRING_DATASOURCE_USERNAME=postgres
          SPRING_DATASOURCE_PASSWORD= SPRING_FLYWAY_SCHEMAS=$schema SPRING_FLYWAY_CREATE_SCHEMAS=true)
  fi
  (cd "$work/$i" && exec env "${env[@]}" "$JAVA" ${LINKPORT_BENCH_SERVER_OPTS:-} -jar "${jars[$i]}" \
      --server.port=${ports[$i]} > server.log 2>&1) &
  pids+=($!)
done
for i in 0 1; do
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:${ports[$i]}/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:${ports[$i]}/actuator/health/readiness" >/dev/null \
    || { echo "[pair] server ${jars[$i]} did not start; its log:" >&2; tail -20 "$work/$i/server.log" >&2; exit 1; }
done

busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
ticks=(0 0); served=(0 0)
for round in $(seq 0 "$rounds"); do
  for i in 0 1; do
    before=$(busy)
    PAIR_METHOD=$method PAIR_SECRET=$SECRET PAIR_BODY=$body \
      wrk -t2 -c"$conns" -d"${burst}s" -s "$work/request.lua" "http://127.0.0.1:${ports[$i]}$path" > "$work/wrk.out"
    after=$(busy)
    if grep -q "Non-2xx" "$work/wrk.out"; then
      echo "[pair] ${jars[$i]}: $(grep Non-2xx "$work/wrk.out" | xargs) — check the request" >&2; exit 1
    fi
    if [ "$round" -gt 0 ]; then
      ticks[$i]=$(( ticks[$i] + after - before ))
      served[$i]=$(( served[$i] + $(awk '/requests in/{print $1}' "$work/wrk.out") ))
    fi
  done
done
hz=$(getconf CLK_TCK)
for i in 0 1; do
  awk -v t="${ticks[$i]}" -v n="${served[$i]}" -v hz="$hz" -v s=$(( rounds * burst )) -v jar="${jars[$i]}" -v side=$([ $i = 0 ] && echo A || echo B) \
    'BEGIN { printf "%s  %8.1f us of machine CPU per request  %8.0f requests/s  %s\n", side, t * 1e6 / hz / n, n / s, jar }'
done
