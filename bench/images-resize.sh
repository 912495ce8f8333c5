#!/usr/bin/env bash
# Cold resizes: each of COUNT distinct 1024-pixel avatars requested once at size=SIZE (get_avatar),
# from 1 client and then from 32 clients (the service restarted in between, so every variant is cold
# again), after a JIT warm-up on WARMUP other avatars, in the measuring client's own process: each once
# (the service's cold path), then again, cached, to 5,000 requests (the client's HTTP code; a client that
# measures cold spends more on itself than the service spends on a cold size). Each jar gets a fresh
# PostgreSQL database of its own and COUNT+WARMUP generated avatars (photos and drawings) uploaded through
# the admin API.
#
#   bench/images-resize.sh                                  # this checkout's jar (built when missing)
#   BEFORE_JAR=/path/to/older/facecard.jar bench/images-resize.sh   # also the jar before, same run
#   COUNT=200 WARMUP=50 bench/images-resize.sh              # a quick look
#   SIZE=0 ACCEPT=image/webp bench/images-resize.sh         # cold full-size WebPs, as a browser asks
#
# Needs: PostgreSQL at BENCH_PG_HOST (127.0.0.1) reachable as postgres with psql; a Java 25 runtime
# under /usr/lib/jvm (else `java`, which must be 22+ for the multi-file client in bench/images).
# Writes the figures into bench/RESULTS-images.md (the "Cold resizes" section).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-1000}
WARMUP=${WARMUP:-100}
SIZE=${SIZE:-64}          # 0: no size
ACCEPT=${ACCEPT:-}        # the Accept header, none when empty
HEAP=${HEAP:-256m}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_USER=${BENCH_PG_USER:-postgres}
PORT=${PORT:-18391}
RESULTS=${RESULTS:-bench/RESULTS-images.md}
TOKEN=bench-images-token-$$
OUT=bench/out
mkdir -p "$OUT"

JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java; do
  [ -x "$candidate" ] && JAVA=$candidate && break
done
if [ -z "${JAR:-}" ]; then
  ls target/facecard-*.jar >/dev/null 2>&1 || ./mvnw -B -q package -DskipTests
  JAR=$(ls target/facecard-*.jar | grep -v original | head -1)
fi

psql_() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -U "$PG_USER" -d postgres "$@"; }
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

. bench/image-jvm-flags.sh
read -r -a JVM_FLAGS <<<"$(image_jvm_flags "$HEAP")"
start() { # jar db log
  # the JVM as the image runs it (Dockerfile), on a heap of HEAP
  "$JAVA" "${JVM_FLAGS[@]}" -jar "$1" --server.port=$PORT \
    --spring.datasource.url="jdbc:postgresql://$PG_HOST:5432/$2" --spring.datasource.username="$PG_USER" \
    --facecard.admin-token=$TOKEN --facecard.rate-limit.resizes.limit=1000000 \
    --facecard.rate-limit.avatar-misses.limit=1000000 --facecard.rate-limit.anonymous.limit=1000000 \
    >>"$3" 2>&1 &
  PID=$!
  for _ in $(seq 1 900); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 $PID 2>/dev/null || { echo "the service died, see $3" >&2; exit 1; }
    sleep 0.5
  done
  echo "not ready, see $3" >&2; exit 1
}
stop() { kill $PID; wait $PID 2>/dev/null || true; PID=; }
client() { "$JAVA" bench/images/ResizeBench.java "$@"; }

measure_jar() { # label jar
  local label=$1 jar=$2 db=facecard_bench_images_$$_$1 log=$OUT/images-resize-$1.log
  : >"$log"
  psql_ -c "drop database if exists $db with (force)" -c "create database $db"
  start "$jar" "$db" "$log"
  local base=http://127.0.0.1:$PORT
  local t0=$SECONDS
  client upload $base $TOKEN bench 0 $((COUNT + WARMUP))
  echo "$label: uploaded $((COUNT + WARMUP)) avatars in $((SECONDS - t0)) s" >&2
  for clients in 1 32; do
    [ -n "$PID" ] || start "$jar" "$db" "$log"
    # after a JIT warm-up of the service and of the client itself, in the measuring process, on other avatars
    echo "| $label | $clients | $(client measure $base bench 0 $COUNT $clients $SIZE "$ACCEPT" $COUNT $((COUNT + WARMUP))) |" \
      | tee -a "$OUT/images-resize.rows"
    stop
  done
  psql_ -c "drop database if exists $db with (force)"
}

: >"$OUT/images-resize.rows"
[ -n "${BEFORE_JAR:-}" ] && measure_jar before "$BEFORE_JAR"
measure_jar after "$JAR"

{
  echo "<!-- resize:begin -->"
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(uptime | sed 's/.*load average/load average/')) with"
  echo "\`COUNT=$COUNT WARMUP=$WARMUP SIZE=$SIZE${ACCEPT:+ ACCEPT=$ACCEPT}${BEFORE_JAR:+ BEFORE_JAR=…} bench/images-resize.sh\`, $("$JAVA" -version 2>&1 | head -1), ${JVM_FLAGS[*]}:"
  echo
  echo "| jar | clients | figures (ResizeBench) |"
  echo "| --- | ---: | --- |"
  cat "$OUT/images-resize.rows"
  echo "<!-- resize:end -->"
} >"$OUT/images-resize.section"
bench/images/replace-section.sh resize "$OUT/images-resize.section" "$RESULTS"
cat "$OUT/images-resize.rows"
