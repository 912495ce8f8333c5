#!/usr/bin/env bash
# A flood of cache misses against the database's connections: wrk floods get_avatar with names no user has
# (the avatar-miss budget raised, so that one wrk stands for many clients each within theirs) while a probe
# asks for profile cards of random users among USERS (mostly misses, which need connections too), and
# /actuator/prometheus is read every half second for the pool's active and pending connections. Each jar is
# started fresh, warmed up on the same mix, then measured; with BEFORE_JAR an earlier build is measured the
# same way, alternately, ROUNDS times each, on one database. Writes bench/RESULTS-miss-flood.md.
#
#   bench/miss-flood.sh                              # this build only
#   BEFORE_JAR=/path/to/earlier.jar bench/miss-flood.sh
#   THIS_NAME=…, BEFORE_NAME=…: how the results name the two jars (default: their file names)
#
# Needs: wrk, curl, bc, psql and a PostgreSQL it may create a database on (BENCH_PG_HOST/PORT/USER, default
# 127.0.0.1:5432 postgres).
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-200000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-2}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-64}
PROBE_CONNECTIONS=${PROBE_CONNECTIONS:-4}
HEAP=${HEAP:-256m}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=facecard_bench_miss_flood
PORT=${PORT:-18580}
ADMIN_TOKEN=miss-flood-admin-token-$$
OUT=bench/out/miss-flood
RESULTS=${RESULTS:-bench/RESULTS-miss-flood.md}
mkdir -p "$OUT"
for tool in wrk bc; do command -v $tool >/dev/null || apt-get install -y -qq $tool >/dev/null; done

JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java; do
  [ -x "$candidate" ] && JAVA=$candidate && break
done
if [ -z "${JAR:-}" ]; then
  [ "${SKIP_BUILD:-false}" = true ] || ./mvnw -B -q package -DskipTests
  JAR=$(ls target/facecard-*.jar | grep -v original | head -1)
fi

psql_() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }
PID=
SAMPLER=
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  wait 2>/dev/null || true
  psql_ -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

. bench/image-jvm-flags.sh
read -r -a JVM_FLAGS <<<"$(image_jvm_flags "$HEAP")"
start() { # jar, label
  "$JAVA" "${JVM_FLAGS[@]}" -jar "$1" --server.port=$PORT \
    --spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" --spring.datasource.username="$PG_USER" \
    --facecard.admin-token="$ADMIN_TOKEN" --facecard.demo-data=false \
    --facecard.rate-limit.anonymous.limit=1000000000 --facecard.rate-limit.avatar-misses.limit=1000000000 \
    --logging.level.root=warn >"$OUT/$2.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" && return 0
    sleep 0.5
  done
  echo "not up: $2" >&2; tail -20 "$OUT/$2.log" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
admin() { curl -fs -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Bearer $ADMIN_TOKEN" "${@:3}"; }
metric() { # name: the first sample's value, 0 when absent
  { curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" || true; } | awk -v name="$1" '$1 ~ "^"name"({|$)" { print $2; found = 1; exit } END { if (!found) print 0 }'
}

# the database: app 'bench', users b_1 .. b_USERS (bench/fill.sql), created through the jar measured first
psql_ -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
start "$JAR" setup
admin POST /admin/apps -H 'Content-Type: application/json' -d '{"appid":"bench","name":"Benchmark"}' >/dev/null
admin POST /admin/users -H 'Content-Type: application/json' -d '{"appid":"bench","userId":"b_1","username":"u1"}' >/dev/null
HASH=$(admin PUT /admin/users/b_1/avatar -H 'Content-Type: image/png' --data-binary @src/main/resources/demo/13800138000.png \
  | sed 's/.*"etag":"\\"\([0-9a-f]*\)\\"".*/\1/')
stop
psql_ -d "$DB" -v from=2 -v to="$USERS" -v hash="$HASH" -f bench/fill.sql

export FC_USERS=$USERS
PROFILE_URL="http://127.0.0.1:$PORT/api/get-public-user-profile"
FLOOD_URL="http://127.0.0.1:$PORT"
SEED=0
# one measurement of the running jar: flood and probe together for $1 s; prints
# "flood_rps flood_503s probe_rps probe_p99 probe_non2xx active_max pending_max pool_timeouts refusals"
measure() {
  local seconds=$1 timeouts_before refusals_before
  timeouts_before=$(metric hikaricp_connections_timeout_total)
  refusals_before=$(metric facecard_avatar_lookup_refusals_total)
  (while true; do
    { curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" || true; } | awk '$1 ~ /^hikaricp_connections_(active|pending)\{/ { printf "%s %s ", $1, $2 } END { print "" }'
    sleep 0.5
  done) >"$OUT/samples" &
  SAMPLER=$!
  SEED=$((SEED + 1))
  FC_SEED=$SEED wrk -t1 -c"$FLOOD_CONNECTIONS" -d"${seconds}s" -s bench/lua/unknown-avatar.lua "$FLOOD_URL" >"$OUT/flood" 2>&1 &
  local flood=$!
  SEED=$((SEED + 1))
  FC_SEED=$SEED wrk -t1 -c"$PROBE_CONNECTIONS" -d"${seconds}s" --latency -s bench/lua/random-profile.lua "$PROFILE_URL" \
    >"$OUT/probe" 2>&1
  wait "$flood"
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=
  local flood_rps flood_errors probe_rps probe_p99 probe_errors active pending
  flood_rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$OUT/flood")
  flood_errors=$(awk '/^refused 503:/ { print $3 }' "$OUT/flood")
  probe_rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$OUT/probe")
  probe_p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub("us", "", v); v /= 1000 } else if (v ~ /ms$/) { sub("ms", "", v) } else if (v ~ /s$/) { sub("s", "", v); v *= 1000 } printf "%.1f", v }' "$OUT/probe")
  probe_errors=$(awk '/Non-2xx or 3xx/ { e = $NF } END { print e + 0 }' "$OUT/probe")
  active=$(tr ' ' '\n' <"$OUT/samples" | awk 'prev ~ /^hikaricp_connections_active/ && $1 > m { m = $1 } { prev = $0 } END { print m + 0 }')
  pending=$(tr ' ' '\n' <"$OUT/samples" | awk 'prev ~ /^hikaricp_connections_pending/ && $1 > m { m = $1 } { prev = $0 } END { print m + 0 }')
  echo "$flood_rps $flood_errors $probe_rps $probe_p99 $probe_errors $active $pending" \
    "$(echo "$(metric hikaricp_connections_timeout_total) - $timeouts_before" | bc)" \
    "$(echo "$(metric facecard_avatar_lookup_refusals_total) - $refusals_before" | bc)"
}

JARS=("$JAR"); LABELS=(this)
if [ -n "${BEFORE_JAR:-}" ]; then JARS=("$BEFORE_JAR" "$JAR"); LABELS=(before this); fi
ROWS=()
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!JARS[@]}"; do
    start "${JARS[$i]}" "${LABELS[$i]}"
    measure "$WARMUP" >/dev/null
    read -r frps ferr prps pp99 perr active pending timeouts refusals <<<"$(measure "$DURATION")"
    stop
    echo "round $round, ${LABELS[$i]}: flood $frps req/s ($ferr 503s), probe $prps req/s p99 $pp99 ms ($perr not 2xx), pool active max $active, pending max $pending, pool timeouts $timeouts, avatar lookup refusals $refusals" >&2
    ROWS+=("| $round | ${LABELS[$i]} | $frps | $ferr | $prps | $pp99 | $perr | $active | $pending | $timeouts | $refusals |")
  done
done

{
  echo "# A flood of cache misses against the pool"
  echo
  echo "Latest run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`$0\` with USERS=$USERS DURATION=$DURATION WARMUP=$WARMUP ROUNDS=$ROUNDS"
  echo "FLOOD_CONNECTIONS=$FLOOD_CONNECTIONS PROBE_CONNECTIONS=$PROBE_CONNECTIONS HEAP=$HEAP; $("$JAVA" -version 2>&1 | head -1); $(nproc) cores."
  echo "this: ${THIS_NAME:-$(basename "$JAR")}${BEFORE_JAR:+; before: ${BEFORE_NAME:-$(basename "$BEFORE_JAR")}}. Flood: get_avatar of names no"
  echo "user has, every request a"
  echo "lookup statement. Probe: profile cards of random users among $USERS (mostly misses). Pool figures from"
  echo "/actuator/prometheus every 0.5 s during the measured ${DURATION} s. The flood's answers are 404s (no such"
  echo "user) or 503s (refused: no statement free within facecard.cache.lookup-wait, or no pool connection within"
  echo "its wait); the probe's \"not 2xx\" are wrk's non-2xx/3xx answers (503s)."
  echo
  echo "| round | jar | flood req/s | flood 503s | probe req/s | probe p99 ms | probe not 2xx | pool active max | pool pending max | pool timeouts | avatar lookup refusals |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}"
} >"$RESULTS"
cat "$RESULTS"
