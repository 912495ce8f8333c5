#!/usr/bin/env bash
# Facecard's soak benchmark: 10 minutes of mixed traffic against the service as it ships (access log, request ids
# and metrics on) at -Xmx256m on Java 25: cached and uncached avatars and profiles, random sizes, default images,
# misses, bad keys, batches, hostile requests, and slow clients trickling heads and bodies all along, from 400
# simulated clients (X-Forwarded-For, trusted from loopback in this run only). Writes bench/RESULTS-soak.md:
# requests served, answers by status, heap after a full GC, threads and file descriptors, at the start (after a
# three-minute warm-up, then the image caches bounded by bytes filled to their bounds) and at the end.
#
#   bench/soak.sh                          # 10 minutes
#   SOAK_SECONDS=60 WARMUP_SECONDS=20 bench/soak.sh   # a quick look
#
# Needs: PostgreSQL it may create a database on (BENCH_PG_HOST/PORT/USER, default 127.0.0.1:5432 postgres), psql,
# curl, and a JDK 21+ for the load generator (the Java 25 under /usr/lib/jvm when there is one).
set -euo pipefail
cd "$(dirname "$0")/.."

SOAK_SECONDS=${SOAK_SECONDS:-600}
WARMUP_SECONDS=${WARMUP_SECONDS:-180}   # long enough for the caches to fill towards their bounds
WORKERS=${WORKERS:-16}
SEED=${SEED:-20261201}
HEAP=${HEAP:-256m}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=facecard_soak
PORT=${PORT:-18180}
ADMIN_TOKEN=soak-admin-token-$$
OUT=bench/out
RESULTS=${RESULTS:-bench/RESULTS-soak.md}
mkdir -p "$OUT"

JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java; do
  [ -x "$candidate" ] && JAVA=$candidate && break
done
JCMD=$(dirname "$JAVA")/jcmd
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)

echo "building the service" >&2
[ "${SKIP_BUILD:-false}" = true ] || ./mvnw -B -q package -DskipTests
JAR=$(ls target/facecard-*.jar | grep -v original | head -1)

psql_() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }
psql_ -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"

PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
# the JVM as the image runs it (Dockerfile), on a heap of HEAP
. bench/image-jvm-flags.sh
read -r -a JVM_FLAGS <<<"$(image_jvm_flags "$HEAP")"
"$JAVA" "${JVM_FLAGS[@]}" \
  -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" --spring.datasource.username="$PG_USER" \
  --facecard.admin-token="$ADMIN_TOKEN" --facecard.demo-data=false \
  --facecard.public-base-url="http://127.0.0.1:$PORT" \
  --server.forward-headers-strategy=native > "$OUT/soak-facecard.log" 2>&1 &
PID=$!
# up to four minutes: a start takes 10-15 s on a quiet machine, far longer on a busy one
for _ in $(seq 1 480); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" && break; sleep 0.5; done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" || { echo "the service is not ready" >&2; exit 1; }

soak() { "$JAVA" bench/soak/Soak.java "http://127.0.0.1:$PORT" "$ADMIN_TOKEN" "$@"; }
# the process's state: heap used after a full GC (KB), threads, open file descriptors, entries held by its
# caches (all bounded: what they hold is live heap that a growing cache adds, not a leak)
state() {
  "$JCMD" "$PID" GC.run >/dev/null; sleep 1; "$JCMD" "$PID" GC.run >/dev/null
  local heap; heap=$("$JCMD" "$PID" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)
  local cached; cached=$(curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" \
    | awk '/^facecard_cache_size\{/ { n += $2 } END { printf "%d", n }')
  echo "$heap $(awk '/^Threads:/{print $2}' "/proc/$PID/status") $(ls "/proc/$PID/fd" | wc -l) $cached"
}

echo "seeding" >&2
soak 0 1 "$SEED" seed
echo "warming up for $WARMUP_SECONDS s" >&2
soak "$WARMUP_SECONDS" "$WORKERS" "$((SEED + 1))" > "$OUT/soak-warmup.txt"
echo "filling the image caches to their bounds" >&2
soak 0 "$WORKERS" "$((SEED + 2))" fill > "$OUT/soak-fill.txt"
sleep 15   # the warm-up's slow clients are cut off, its connections closed
read -r HEAP_START THREADS_START FDS_START CACHED_START <<<"$(state)"
# by cache: entries, and bytes held for the caches bounded by bytes ("-" for the others)
caches() { curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | awk '
  match($0, /cache="[^"]+"/) { name = substr($0, RSTART + 7, RLENGTH - 8) }
  /^facecard_cache_size\{/ { size[name] = $NF }
  /^facecard_cache_weight_bytes\{/ { weight[name] = $NF }
  END { for (n in size) printf "%s %d %s\n", n, size[n], (n in weight) ? sprintf("%d", weight[n]) : "-" }'; }
caches > "$OUT/soak-caches-start.txt"
echo "start: heap ${HEAP_START} KB, $THREADS_START threads, $FDS_START fds, $CACHED_START cached entries" >&2

echo "soaking for $SOAK_SECONDS s" >&2
START=$(date +%s)
soak "$SOAK_SECONDS" "$WORKERS" "$SEED" > "$OUT/soak-run.txt"
ELAPSED=$(( $(date +%s) - START ))
sleep 15
read -r HEAP_END THREADS_END FDS_END CACHED_END <<<"$(state)"
caches > "$OUT/soak-caches-end.txt"
echo "end: heap ${HEAP_END} KB, $THREADS_END threads, $FDS_END fds, $CACHED_END cached entries" >&2

kill -0 "$PID" || { echo "the service died" >&2; exit 1; }
OOM=$(grep -c 'OutOfMemoryError' "$OUT/soak-facecard.log" || true)
ERRORS=$(grep -c ' ERROR ' "$OUT/soak-facecard.log" || true)
REQUESTS=$(awk '/^requests /{print $2}' "$OUT/soak-run.txt")
FIVE_HUNDREDS=$(awk '/^status 500 /{print $3}' "$OUT/soak-run.txt")
HEAP_CHANGE=$(echo "scale=1; ($HEAP_END - $HEAP_START) * 100 / $HEAP_START" | bc)
{
  echo "# Soak benchmark results"
  echo
  echo "Latest run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/soak.sh\` with SOAK_SECONDS=$SOAK_SECONDS WARMUP_SECONDS=$WARMUP_SECONDS WORKERS=$WORKERS SEED=$SEED HEAP=$HEAP."
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; the service, the load generator and PostgreSQL on it."
  echo "Runtime: $JAVA_VERSION, -Xmx$HEAP, G1, -XX:+ExitOnOutOfMemoryError; access log, request ids and metrics on."
  echo
  echo "Traffic: $WORKERS workers, each sending its next request as soon as the last is answered, from 400 simulated"
  echo "clients; 20 slow clients trickle a head or a body (one byte every 2 s) all along. Mix (of 100): 25 cached"
  echo "get_avatar, 8 get_avatar with a random size (16–1024) of a 1024-pixel avatar, 5 \`/avatars/{hash}.jpg\` with a"
  echo "size, 5 default images (identicon, mp) at random sizes, 4 misses, 15 anonymous profiles (Zipf over 2,040"
  echo "users), 5 with a key, 5 conditional GET forms, 5 made-up keys, 7 batches of 1–100 ids, 16 hostile requests"
  echo "(broken JSON, 5,000-deep nesting, oversized ids, bad percent-encoding, dot segments, a header line without a"
  echo "colon, HTTP/2.0 on the HTTP/1.1 port, wrong admin tokens)."
  echo
  echo "| figure | value |"
  echo "| --- | ---: |"
  echo "| requests answered in $ELAPSED s | $REQUESTS |"
  echo "| answers with status 500 | ${FIVE_HUNDREDS:-0} |"
  echo "| OutOfMemoryError / ERROR lines in the service log | $OOM / $ERRORS |"
  echo "| client-side failures (no answer) | $(awk '/^client-errors /{print $2}' "$OUT/soak-run.txt") |"
  echo "| slow clients closed by the service (longest, ms) | $(awk '/^slow-clients-closed /{print $2 " (" $4 ")"}' "$OUT/soak-run.txt") |"
  echo "| heap used after a full GC, start → end (KB) | $HEAP_START → $HEAP_END (${HEAP_CHANGE}%) |"
  echo "| entries in the (bounded) caches, start → end | $CACHED_START → $CACHED_END |"
  echo "| threads, start → end | $THREADS_START → $THREADS_END |"
  echo "| file descriptors, start → end | $FDS_START → $FDS_END |"
  echo
  echo "By cache, start → end: entries, and bytes held by those bounded by bytes (filled to their bound before the"
  echo "start: $(sed 's/^filled: //' "$OUT/soak-fill.txt" | tail -1))"
  echo
  echo "| cache | entries, start | entries, end | bytes, start | bytes, end |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  join <(sort "$OUT/soak-caches-start.txt") <(sort "$OUT/soak-caches-end.txt") \
    | awk '{ printf "| %s | %d | %d | %s | %s |\n", $1, $2, $4, $3, $5 }'
  echo
  echo "Answers by status:"
  echo
  echo "| status | count |"
  echo "| --- | ---: |"
  awk '/^status /{printf "| %s | %s |\n", $2, $3}' "$OUT/soak-run.txt"
  echo
  echo "By kind of request and status:"
  echo
  echo "| request | status | count |"
  echo "| --- | --- | ---: |"
  awk '/^kind /{printf "| %s | %s | %s |\n", $2, $3, $4}' "$OUT/soak-run.txt"
} > "$RESULTS"
echo "wrote $RESULTS" >&2
