#!/usr/bin/env bash
# Admin listing benchmark: GET /admin/users?appid=… (100 users a page) over one app of 1,000,000 users,
# page 1 against a deep page (after 990,000 users: page 9,901), p50/p99 latency with wrk. Writes
# bench/RESULTS-listing.md, with PostgreSQL's plan of both page queries.
#
#   bench/listing.sh                                   # about 3 minutes on 2 cores, 2 minutes of it measuring
#   USERS=100000 DURATION=10s bench/listing.sh         # a quick look
#
# Needs: a PostgreSQL it may create a database on (BENCH_PG_HOST/PORT/USER, default 127.0.0.1:5432
# postgres, trust auth), psql, curl, wrk (installed from Debian when missing and run as root). The
# database is its own (created fresh, dropped at the end). Uses a Java 25 runtime when one is under
# /usr/lib/jvm, else `java`.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-1000000}
DEEP_AFTER=${DEEP_AFTER:-$((USERS * 99 / 100))}
LIMIT=${LIMIT:-100}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-4}
THREADS=${THREADS:-2}
HEAP=${HEAP:-256m}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=facecard_listing_bench_$$
FC_PORT=${FC_PORT:-18090}
ADMIN_TOKEN=bench-admin-token-$$
OUT=bench/out
RESULTS=${RESULTS:-bench/RESULTS-listing.md}
SKIP_BUILD=${SKIP_BUILD:-false}
mkdir -p "$OUT"

command -v wrk >/dev/null || {
  echo "installing wrk from Debian" >&2
  apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
}
JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java; do
  [ -x "$candidate" ] && JAVA=$candidate && break
done
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)

if [ "$SKIP_BUILD" != true ]; then
  echo "building the service" >&2
  ./mvnw -B -q package -DskipTests
fi
FC_JAR=$(ls target/facecard-*.jar | grep -v original | head -1)

psql_() { psql -q -X -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql_ -d postgres -c "drop database if exists $DB with (force)" || true
}
trap cleanup EXIT
psql_ -d postgres -c "create database $DB"

# the JVM as the image runs it (Dockerfile), on a heap of HEAP
. bench/image-jvm-flags.sh
read -r -a JVM_FLAGS <<<"$(image_jvm_flags "$HEAP")"
"$JAVA" "${JVM_FLAGS[@]}" \
  -jar "$FC_JAR" --server.port="$FC_PORT" \
  --spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" --spring.datasource.username="$PG_USER" \
  --facecard.admin-token="$ADMIN_TOKEN" --facecard.demo-data=false \
  --logging.level.root=warn > "$OUT/listing-facecard.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$FC_PORT/actuator/health/readiness" && break
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$FC_PORT/actuator/health/readiness" || { echo "not up" >&2; exit 1; }

ADMIN="Authorization: Bearer $ADMIN_TOKEN"
BASE="http://127.0.0.1:$FC_PORT"
curl -fs -X POST "$BASE/admin/apps" -H "$ADMIN" -H 'Content-Type: application/json' \
  -d '{"appid":"bench","name":"Benchmark"}' >/dev/null

echo "filling $USERS users" >&2
START=$(date +%s)
# one user a millisecond, as created one after another; every tenth shares its time with the one before
# (ties are ordered by userId)
psql_ -d "$DB" -v users="$USERS" <<'SQL'
insert into users (user_id, appid, username, nickname, bio, vip_level, author_level, card_count, created_at,
                   updated_at)
select 'b_' || i, 'bench', 'u' || i, 'User ' || i, 'Bio of user ' || i, i % 31, (i * 7) % 31, i % 100,
       timestamp with time zone '2026-01-01 00:00:00+00' + (i - (case when i % 10 = 0 then 1 else 0 end)) * interval '1 millisecond',
       now()
from generate_series(1, :users) as i;
analyze users;
SQL
FILL_SECONDS=$(( $(date +%s) - START ))
echo "filled in $FILL_SECONDS s" >&2

# The deep page's cursor, computed from the key of user number DEEP_AFTER in listing order: the
# base64url of "users|<created_at as Java's Instant.toString>|<user_id>" (README, Paging).
DEEP_KEY=$(psql_ -d "$DB" -At -v after="$DEEP_AFTER" <<'SQL'
select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
       || case when extract(microseconds from created_at)::bigint % 1000000 = 0 then ''
               when extract(microseconds from created_at)::bigint % 1000 = 0
                 then '.' || lpad(((extract(microseconds from created_at)::bigint % 1000000) / 1000)::text, 3, '0')
               else '.' || lpad((extract(microseconds from created_at)::bigint % 1000000)::text, 6, '0') end
       || 'Z|' || user_id
from users where appid = 'bench' order by created_at, user_id offset :after - 1 limit 1;
SQL
)
DEEP_CURSOR=$(printf 'users|%s' "$DEEP_KEY" | base64 -w0 | tr '+/' '-_' | tr -d '=')
PAGE1_URL="$BASE/admin/users?appid=bench&limit=$LIMIT"
DEEP_URL="$BASE/admin/users?appid=bench&limit=$LIMIT&cursor=$DEEP_CURSOR"

# the two pages are what they should be: page 1 starts at b_1, the deep page right after the key
FIRST=$(curl -fs "$PAGE1_URL" -H "$ADMIN" | sed 's/^{"items":\[{"userId":"\([^"]*\)".*/\1/')
DEEP=$(curl -fs "$DEEP_URL" -H "$ADMIN")
DEEP_FIRST=$(echo "$DEEP" | sed 's/^{"items":\[{"userId":"\([^"]*\)".*/\1/')
EXPECTED_DEEP_FIRST=$(psql_ -d "$DB" -At \
  -c "select user_id from users where appid = 'bench' order by created_at, user_id offset $DEEP_AFTER limit 1")
DEEP_ITEMS=$(echo "$DEEP" | grep -o '"userId"' | wc -l)
echo "page 1 starts at $FIRST; deep page starts at $DEEP_FIRST (expected $EXPECTED_DEEP_FIRST), $DEEP_ITEMS items" >&2
[ "$FIRST" = b_1 ] && [ "$DEEP_FIRST" = "$EXPECTED_DEEP_FIRST" ] && [ "$DEEP_ITEMS" = "$LIMIT" ] \
  || { echo "the pages are not the expected ones" >&2; exit 1; }

# PostgreSQL's plans of both page queries, as the service sends them
explain() { # extra condition
  psql_ -d "$DB" -At -c "explain (analyze, buffers, costs off, timing off, summary off) select * from users
    where appid = 'bench'$1 order by created_at, user_id fetch first $((LIMIT + 1)) rows only"
}
CUT=$(echo "$DEEP_KEY" | sed 's/|.*//')
DEEP_ID=${DEEP_KEY#*|}
PLAN_PAGE1=$(explain "")
PLAN_DEEP=$(explain " and (created_at, user_id) > ('$CUT', '$DEEP_ID')")

measure() { # duration url: prints "rps p50_ms p99_ms"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency -H "$ADMIN" "$2" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx/ { errors = $NF }
    END { if (errors > 0) { print "non-2xx/3xx answers: " errors > "/dev/stderr" } printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}
echo "warming up" >&2
measure "$WARMUP" "$PAGE1_URL" >/dev/null
measure "$WARMUP" "$DEEP_URL" >/dev/null
echo "measuring" >&2
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
read -r P1_RPS P1_P50 P1_P99 <<<"$(measure "$DURATION" "$PAGE1_URL")"
read -r D_RPS D_P50 D_P99 <<<"$(measure "$DURATION" "$DEEP_URL")"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
echo "page 1: $P1_RPS req/s, p50 $P1_P50 ms, p99 $P1_P99 ms; deep: $D_RPS req/s, p50 $D_P50 ms, p99 $D_P99 ms" >&2

PG_VERSION=$(psql_ -d postgres -At -c 'select version()' | sed 's/ on .*//')
{
  echo "# Admin listing benchmark"
  echo
  echo "Latest run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/listing.sh\` with USERS=$USERS DEEP_AFTER=$DEEP_AFTER LIMIT=$LIMIT DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS HEAP=$HEAP."
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $(free -g | awk '/Mem:/{print $2}') GiB;"
  echo "wrk, the service and $PG_VERSION all on this machine (shared with other work while it ran)."
  echo "Load average (1, 5, 15 min) before measuring: $LOAD_BEFORE; after: $LOAD_AFTER."
  echo "Runtime: $JAVA_VERSION, -Xmx$HEAP, G1. $USERS users in one app, filled in $FILL_SECONDS s."
  echo
  echo "\`GET /admin/users?appid=bench&limit=$LIMIT\`, $LIMIT full user views a page (about $(curl -fs "$PAGE1_URL" -H "$ADMIN" | wc -c) bytes),"
  echo "wrk at $CONNECTIONS connections for $DURATION after a $WARMUP warm-up. The deep page's cursor is"
  echo "computed from the key of user number $DEEP_AFTER in listing order (page $((DEEP_AFTER / LIMIT + 1)))."
  echo
  echo "| page | req/s | p50 ms | p99 ms | target |"
  echo "| --- | ---: | ---: | ---: | --- |"
  echo "| page 1 | $P1_RPS | $P1_P50 | $P1_P99 | p99 ≤ 20 ms |"
  echo "| page $((DEEP_AFTER / LIMIT + 1)) (after $DEEP_AFTER users) | $D_RPS | $D_P50 | $D_P99 | p99 ≤ 20 ms, as page 1 |"
  echo
  echo "PostgreSQL's plan of page 1 (\`explain (analyze, buffers)\`, the query the service sends):"
  echo
  echo '```'
  echo "$PLAN_PAGE1"
  echo '```'
  echo
  echo "and of the deep page:"
  echo
  echo '```'
  echo "$PLAN_DEEP"
  echo '```'
} > "$RESULTS.new"
if [ -f "$RESULTS" ] && grep -q '^## Notes' "$RESULTS"; then
  echo >> "$RESULTS.new"
  sed -n '/^## Notes/,$p' "$RESULTS" >> "$RESULTS.new"
fi
mv "$RESULTS.new" "$RESULTS"
echo "wrote $RESULTS" >&2
