#!/usr/bin/env bash
# Bulk import benchmark: POST /admin/users/import end to end with curl (--data-binary @file, results read as
# they stream), on a PostgreSQL database of its own, the service in its own JVM at -Xmx256m. Rounds, each
# into an app of its own: 20,000 new users without avatars, the same file again (all "unchanged"), 100,000
# new users, and 1,000,000 new users; then the export of the 100,000 (GET /admin/users/export). Reports
# the wall time of each, the lines a second, the answers by status, and the service's peak RSS (VmHWM) and
# peak heap in use (jstat, sampled every second). Writes bench/RESULTS-import.md.
#
#   bench/import.sh                                  # about 10 minutes on 2 cores
#   SIZES="20000 100000" bench/import.sh             # without the million
#
# Needs: a PostgreSQL it may create a database on (BENCH_PG_HOST/PORT/USER, default 127.0.0.1:5432
# postgres, trust auth), psql, curl, awk, and a JDK's jstat. The database is its own (created fresh,
# dropped at the end). Uses a Java 25 runtime when one is under /usr/lib/jvm, else `java`.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"20000 100000 1000000"}
HEAP=${HEAP:-256m}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=facecard_import_bench_$$
FC_PORT=${FC_PORT:-18091}
ADMIN_TOKEN=bench-admin-token-$$
OUT=bench/out
RESULTS=${RESULTS:-bench/RESULTS-import.md}
SKIP_BUILD=${SKIP_BUILD:-false}
mkdir -p "$OUT"

JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java; do
  [ -x "$candidate" ] && JAVA=$candidate && break
done
JSTAT=$(dirname "$JAVA")/jstat
[ -x "$JSTAT" ] || JSTAT=jstat
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)

if [ "$SKIP_BUILD" != true ]; then
  echo "building the service" >&2
  ./mvnw -B -q package -DskipTests
fi
FC_JAR=$(ls target/facecard-*.jar | grep -v original | head -1)

psql_() { psql -q -X -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }
PID=
SAMPLER=
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql_ -d postgres -c "drop database if exists $DB with (force)" || true
  rm -f "$OUT"/import-*.ndjson "$OUT"/import-*.results "$OUT"/import-heap.samples "$OUT"/import-errors.txt
}
trap cleanup EXIT
psql_ -d postgres -c "create database $DB"
rm -f "$OUT/import-errors.txt"

# the JVM as the image runs it (Dockerfile), on a heap of HEAP
. bench/image-jvm-flags.sh
read -r -a JVM_FLAGS <<<"$(image_jvm_flags "$HEAP")"
"$JAVA" "${JVM_FLAGS[@]}" \
  -jar "$FC_JAR" --server.port="$FC_PORT" \
  --spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" --spring.datasource.username="$PG_USER" \
  --facecard.admin-token="$ADMIN_TOKEN" --facecard.demo-data=false \
  --logging.level.root=warn > "$OUT/import-facecard.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "http://127.0.0.1:$FC_PORT/actuator/health/readiness" && break
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$FC_PORT/actuator/health/readiness" || { echo "not up" >&2; exit 1; }

ADMIN="Authorization: Bearer $ADMIN_TOKEN"
BASE="http://127.0.0.1:$FC_PORT"

# heap in use (survivors, eden, old; KB), every second, while the rounds run
"$JSTAT" -gc "$PID" 1000 | awk 'NR > 1 { printf "%.0f\n", $3 + $4 + $6 + $8; fflush() }' > "$OUT/import-heap.samples" &
SAMPLER=$!

generate() { # appid count file: users without avatars, as an operator's export of another platform might be
  awk -v app="$1" -v n="$2" 'BEGIN { for (i = 1; i <= n; i++)
    printf "{\"appid\":\"%s\",\"username\":\"1%010d\",\"nickname\":\"User %d\",\"vipLevel\":%d,\"cardCount\":%d}\n",
      app, i, i, i % 31, i % 100 }' > "$3"
}

ROWS=()
round() { # label appid count [file]
  local label=$1 app=$2 count=$3 file=${4:-$OUT/import-$2.ndjson}
  curl -fs -X POST "$BASE/admin/apps" -H "$ADMIN" -H 'Content-Type: application/json' \
    -d "{\"appid\":\"$app\",\"name\":\"Benchmark\"}" >/dev/null || true
  [ -f "$file" ] || generate "$app" "$count" "$file"
  local load start seconds answers statuses
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s.%N)
  curl -fsS -N -X POST "$BASE/admin/users/import" -H "$ADMIN" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$file" > "$OUT/import-$app.results"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  answers=$(wc -l < "$OUT/import-$app.results")
  statuses=$(grep -o '"status":"[a-z]*"' "$OUT/import-$app.results" | sort | uniq -c \
    | awk '{ sub(/"status":/, "", $2); gsub(/"/, "", $2); printf "%s%s %s", sep, $1, $2; sep = ", " }')
  [ "$answers" = "$count" ] || { echo "$label: $answers answers for $count lines" >&2; exit 1; }
  grep '"status":"error"' "$OUT/import-$app.results" | head -3 | sed "s/^/$label: /" >> "$OUT/import-errors.txt" || true
  echo "$label: $seconds s ($statuses)" >&2
  ROWS+=("| $label | $count | $(printf '%.1f' "$seconds") | $(echo "$count / $seconds" | bc) | $statuses | $load |")
}

for size in $SIZES; do
  round "import, $size new users" "bench_$size" "$size"
  if [ "$size" = 20000 ]; then
    round "the same file again" "bench_$size" "$size"
  fi
done

EXPORT_ROW=
for size in $SIZES; do
  if [ "$size" = 100000 ]; then
    start=$(date +%s.%N)
    lines=$(curl -fsS -N "$BASE/admin/users/export?appid=bench_$size" -H "$ADMIN" | wc -l)
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    echo "export of $lines users: $seconds s" >&2
    EXPORT_ROW="| export, $lines users | $lines | $(printf '%.1f' "$seconds") | $(echo "$lines / $seconds" | bc) | | $(cut -d' ' -f1-3 /proc/loadavg) |"
  fi
done

sleep 2
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=
PEAK_RSS_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$PID/status")
PEAK_HEAP_KB=$(sort -n "$OUT/import-heap.samples" | tail -1)
ALIVE=$(kill -0 "$PID" 2>/dev/null && echo yes || echo no)
PG_VERSION=$(psql_ -d postgres -At -c 'select version()' | sed 's/ on .*//')
{
  echo "# Bulk import benchmark"
  echo
  echo "\`bench/import.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $JAVA_VERSION, -Xmx$HEAP, $PG_VERSION on the same"
  echo "machine. The machine is shared with other engineers' builds and tests: the figures are noisy; the load"
  echo "average (1, 5, 15 min) at the start of each round says how busy it was."
  echo
  echo "| round | lines | seconds | lines/s | answers | load average |"
  echo "| --- | ---: | ---: | ---: | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
  [ -n "$EXPORT_ROW" ] && echo "$EXPORT_ROW"
  echo
  echo "Service after all rounds: peak RSS (VmHWM) $((PEAK_RSS_KB / 1024)) MB; peak heap in use (sampled every"
  echo "second by jstat, garbage included) $((PEAK_HEAP_KB / 1024)) MB of $HEAP; still running: $ALIVE."
  if [ -s "$OUT/import-errors.txt" ]; then
    echo
    echo "Error results (the first three of each round):"
    echo
    sed 's/^/    /' "$OUT/import-errors.txt"
  fi
} > "$RESULTS"
cat "$RESULTS"
