#!/usr/bin/env bash
# Where start-up goes: starts the packaged jar (extracted, as the Docker image runs it, without the AOT cache)
# against a fresh PostgreSQL database with Spring's startup steps recorded (bench/startup/StartupSteps.java),
# and prints the run time and the TOP longest steps (each includes what it contains).
#
#   bench/startup-steps.sh            # TOP=30
#   SKIP_BUILD=true TOP=50 bench/startup-steps.sh
#
# Needs: a JDK 25 (under /usr/lib/jvm, or JAVA25_HOME), PostgreSQL (BENCH_PG_HOST/PORT/USER, default
# 127.0.0.1:5432 postgres), psql.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
OUT=bench/out/startup-steps
java25=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
[ -x "$java25/bin/java" ] || { echo "no JDK 25 found; set JAVA25_HOME" >&2; exit 1; }

[ "${SKIP_BUILD:-false}" = true ] || ./mvnw -B -q package -DskipTests
JAR=$(ls target/facecard-*.jar | grep -v original | head -1)
rm -rf "$OUT" && mkdir -p "$OUT/classes"
"$java25/bin/java" -Djarmode=tools -jar "$JAR" extract --application-filename application.jar \
  --destination "$OUT/app" >/dev/null
classpath="$OUT/app/application.jar:$OUT/app/lib/*"
"$java25/bin/javac" -cp "$classpath" -d "$OUT/classes" bench/startup/StartupSteps.java

psql_() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }
trap 'psql_ -c "drop database if exists facecard_startup_steps with (force)" >/dev/null 2>&1 || true' EXIT
psql_ -c "drop database if exists facecard_startup_steps with (force)" -c "create database facecard_startup_steps"
SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/facecard_startup_steps" SPRING_DATASOURCE_USERNAME="$PG_USER" \
  SERVER_PORT=0 FACECARD_ADMIN_TOKEN=startup-steps \
  "$java25/bin/java" -Dtop="${TOP:-30}" -cp "$OUT/classes:$classpath" StartupSteps >"$OUT/steps.txt" 2>"$OUT/service.log"
grep -A"${TOP:-30}" '^run:' "$OUT/steps.txt"
