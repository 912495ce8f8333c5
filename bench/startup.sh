#!/usr/bin/env bash
# Start to readiness, as the Docker image starts: the layered jar extracted as the Dockerfile does, on Spring AOT's
# bean definitions (SPRING_AOT_ENABLED=true), run with and without the AOT cache the Dockerfile trains, and
# without either (as before Spring AOT), each start against a fresh PostgreSQL database (migrations
# included), alternately, ROUNDS times each. A start is timed from launching java to the first 200 of
# /actuator/health/readiness (polled every 20 ms).
#
#   bench/startup.sh                 # 5 rounds; prints a Markdown table (bench/run.sh includes it)
#   ROUNDS=2 SKIP_BUILD=true bench/startup.sh
#
# Needs: a JDK 25 (under /usr/lib/jvm, or JAVA25_HOME), PostgreSQL (BENCH_PG_HOST/PORT/USER, default
# 127.0.0.1:5432 postgres), psql, curl.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
PORT=${PORT:-18280}
OUT=bench/out/startup
java25=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
JAVA="$java25/bin/java"
[ -x "$JAVA" ] || { echo "no JDK 25 found; set JAVA25_HOME" >&2; exit 1; }
# the image's JVM options, as its Dockerfile sets them, with the memory compose gives the container
# (docker-compose.yml, mem_limit) instead of this host's
TOOL_OPTIONS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' Dockerfile | tail -1)
MEMORY_LIMIT=$(sed -n 's/^ *mem_limit: *//p' docker-compose.yml)
[ -n "$TOOL_OPTIONS" ] && [ -n "$MEMORY_LIMIT" ] || { echo "no JAVA_TOOL_OPTIONS or mem_limit found" >&2; exit 1; }
read -r -a IMAGE_JAVA_OPTIONS <<<"$TOOL_OPTIONS -XX:MaxRAM=$MEMORY_LIMIT"

# on the Java it runs on, as the image is built: Spring AOT fixes the choice of virtual threads then
[ "${SKIP_BUILD:-false}" = true ] || JAVA_HOME=$java25 ./mvnw -B -q package -DskipTests
JAR=$(ls target/facecard-*.jar | grep -v original | head -1)

# the Dockerfile's steps: extract the layers, copy them into one directory, train the AOT cache there
rm -rf "$OUT" && mkdir -p "$OUT"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --layers --application-filename application.jar \
  --destination "$OUT/layers" >/dev/null
mkdir -p "$OUT/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -a "$OUT/layers/$layer/." "$OUT/app/"
done
training_start=$(date +%s%N)
(cd "$OUT/app" && SPRING_AOT_ENABLED=true "$JAVA" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar application.jar \
  >"../training.log" 2>&1)
training_ms=$(( ($(date +%s%N) - training_start) / 1000000 ))

psql_() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; psql_ -c "drop database if exists facecard_startup with (force)" \
  >/dev/null 2>&1 || true; }
trap cleanup EXIT

start_once() { # label, SPRING_AOT_ENABLED, extra java options...
  local label=$1 spring_aot=$2; shift 2
  psql_ -c "drop database if exists facecard_startup with (force)" -c "create database facecard_startup"
  local start; start=$(date +%s%N)
  (cd "$OUT/app" && exec env SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/facecard_startup" \
    SPRING_DATASOURCE_USERNAME="$PG_USER" SERVER_PORT="$PORT" FACECARD_ADMIN_TOKEN="startup-check" \
    SPRING_AOT_ENABLED="$spring_aot" \
    "$JAVA" "${IMAGE_JAVA_OPTIONS[@]}" "$@" -jar application.jar) \
    >"$OUT/$label.log" 2>&1 &
  pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$OUT/$label.log" >&2; echo "the service died" >&2; exit 1; }
    sleep 0.02
  done
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  echo "$ms"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# as the image starts (Spring AOT's bean definitions) with and without the AOT cache, and as it started before
# Spring AOT (neither)
without=(); with=(); neither=()
for round in $(seq 1 "$ROUNDS"); do
  without+=("$(start_once without true)")
  with+=("$(start_once with true -XX:AOTCache=app.aot)")
  neither+=("$(start_once neither false)")
  echo "round $round: without the AOT cache ${without[-1]} ms, with it ${with[-1]} ms," \
    "neither it nor Spring AOT ${neither[-1]} ms" >&2
done

echo "Start to readiness ($("$JAVA" -version 2>&1 | head -1); $(nproc) cores; fresh PostgreSQL database each start;"
echo "AOT cache $(du -m "$OUT/app/app.aot" | cut -f1) MB, trained in $training_ms ms):"
echo
echo "| start | median ms | min ms | max ms | every start, ms |"
echo "| --- | ---: | ---: | ---: | --- |"
for label in without with neither; do
  declare -n runs=$label
  case $label in
    with) name="with the AOT cache (the image)" ;;
    without) name="without" ;;
    neither) name="without, and without Spring AOT (SPRING_AOT_ENABLED=false)" ;;
  esac
  printf '| %s | %s | %s | %s | %s |\n' "$name" \
    "$(printf '%s\n' "${runs[@]}" | median)" "$(printf '%s\n' "${runs[@]}" | sort -n | head -1)" \
    "$(printf '%s\n' "${runs[@]}" | sort -n | tail -1)" "${runs[*]}"
done
