#!/usr/bin/env bash
# The Dockerfile's steps, run on a host that has no Docker engine, as a non-root user:
#   build stage: the Maven wrapper on JDK 25 (dependency:go-offline, package -DskipTests with Spring AOT for the
#                Redis store and a management port, compose's build arguments), then the layered jar
#                extracted with `-Djarmode=tools ... extract --layers --application-filename application.jar`;
#   run stage:   the four layers copied into one directory in the Dockerfile's order, the AOT cache trained
#                there (`-XX:AOTCacheOutput`, `spring.context.exit=onRefresh`), the service started with the
#                image's JAVA_TOOL_OPTIONS, SPRING_AOT_ENABLED and ENTRYPOINT (`-XX:AOTCache`) against PostgreSQL
#                and Redis, probed with the HEALTHCHECK command (the time to its first success printed),
#                smoke-tested, then stopped with SIGTERM as `docker stop` does.
# Run as root (it creates the unprivileged user and a database of its own, dropped at the end):
#   scripts/dockerfile-on-host.sh
# Needs: a JDK 25 (JAVA25_HOME, default /usr/lib/jvm/temurin-25*), curl, psql, PostgreSQL at 127.0.0.1:5432
# (user postgres) and Redis at 127.0.0.1:6379.
set -euo pipefail
cd "$(dirname "$0")/.."

run_user=facecard-check
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=${PORT:-$(free_port)}
# Actuator on a port of its own, as compose runs it (docker-compose.yml, MANAGEMENT_SERVER_PORT)
management_port=${MANAGEMENT_PORT:-$(free_port)}
java25=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
[ -x "$java25/bin/java" ] || { echo "no JDK 25 found; set JAVA25_HOME" >&2; exit 1; }
# the image's JVM options, as its Dockerfile sets them; the memory compose gives the container
# (docker-compose.yml, mem_limit), which the heap is a share of, instead of this host's
tool_options=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' Dockerfile | tail -1)
memory_limit=$(sed -n 's/^ *mem_limit: *//p' docker-compose.yml)
[ -n "$tool_options" ] && [ -n "$memory_limit" ] || { echo "no JAVA_TOOL_OPTIONS or mem_limit found" >&2; exit 1; }
image_java_options="$tool_options -XX:MaxRAM=$memory_limit"
id "$run_user" >/dev/null 2>&1 || useradd --system --user-group --create-home --home-dir "/var/tmp/$run_user" "$run_user"

work=$(mktemp -d)
database="facecard_dockercheck_$RANDOM$RANDOM"
admin_token="check-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
app_pid=
cleanup() {
  local status=$?
  [ "$status" -ne 0 ] && [ -f "$work/app.log" ] && { echo "== service log (tail)"; tail -40 "$work/app.log"; }
  # runuser's java child first: killing runuser alone would leave the service holding its port
  [ -n "$app_pid" ] && { pkill -9 -P "$app_pid" 2>/dev/null; kill -9 "$app_pid" 2>/dev/null; } || true
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $database with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
as_user() { runuser -u "$run_user" -- env HOME="/var/tmp/$run_user" JAVA_HOME="$java25" PATH="$java25/bin:$PATH" "$@"; }

echo "== build stage (as $run_user, $("$java25/bin/java" -version 2>&1 | head -1))"
mkdir -p "$work/src"
cp -a .mvn mvnw pom.xml src "$work/src/"
chown -R "$run_user:$run_user" "$work"
# the build arguments compose passes (docker-compose.yml): Spring AOT's beans are worked out for the Redis store
# and a management port of its own
as_user bash -c "cd '$work/src' && ./mvnw -B -q dependency:go-offline \
  && FACECARD_RATE_LIMIT_STORE=redis MANAGEMENT_SERVER_PORT=$management_port ./mvnw -B -q package -DskipTests \
  && java -Djarmode=tools -jar target/facecard-*.jar extract --layers --application-filename application.jar \
       --destination '$work/layers'"

echo "== run stage: layers in the Dockerfile's order"
mkdir -p "$work/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -a "$work/layers/$layer/." "$work/app/"
done
echo "== run stage: the AOT cache, trained without a database or network"
(cd "$work/app" && java_=$java25/bin/java && SPRING_AOT_ENABLED=true FACECARD_RATE_LIMIT_STORE=redis \
  MANAGEMENT_SERVER_PORT=$management_port \
  "$java_" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh \
  -jar application.jar >"$work/training.log" 2>&1) || { tail -30 "$work/training.log"; exit 1; }
ls -l "$work/app/app.aot" | awk '{printf "app.aot: %d MB\n", $5 / 1048576}'
chown -R "$run_user:$run_user" "$work/app"
psql -q -h 127.0.0.1 -U postgres -c "create database $database" >/dev/null

(cd "$work/app" && exec runuser -u "$run_user" -- env -i PATH="$java25/bin:/usr/bin:/bin" \
  JAVA_TOOL_OPTIONS="$image_java_options" SPRING_AOT_ENABLED=true \
  SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$management_port" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$database" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 FACECARD_RATE_LIMIT_STORE=redis \
  FACECARD_ADMIN_TOKEN="$admin_token" FACECARD_PUBLIC_BASE_URL="http://localhost:$port" \
  LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
  java -XX:AOTCache=app.aot -jar application.jar) >"$work/app.log" 2>&1 &
app_pid=$!
started=$(date +%s%N)

echo "== HEALTHCHECK: curl -fsS http://localhost:$management_port/actuator/health/readiness"
for _ in $(seq 1 4500); do
  curl -fsS "http://localhost:$management_port/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; echo "the service died" >&2; exit 1; }
  sleep 0.02
done
echo "ready $(( ($(date +%s%N) - started) / 1000000 )) ms after start"
# the JVM starts without an AOT cache it cannot use, saying so: that is a failure here
grep -q '\[error *\]\[aot\]' "$work/app.log" && { grep '\[aot\]' "$work/app.log"; exit 1; }
grep -q 'Starting AOT-processed' "$work/app.log" || { echo "not started on Spring AOT's bean definitions" >&2; exit 1; }
curl -fsS "http://localhost:$management_port/actuator/health/readiness"; echo
# and not on the published port, as in compose
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/actuator/health")" = 404 ] \
  || { echo "Actuator answers on the service's port" >&2; exit 1; }
echo "process user: $(ps -o user= -p "$(pgrep -P "$app_pid" java || echo "$app_pid")" | tail -1)"

echo "== smoke test"
admin() { curl -fsS -H "Authorization: Bearer $admin_token" "$@"; }
admin -H 'Content-Type: application/json' -d '{"appid":"check","name":"Check"}' "http://localhost:$port/admin/apps" >/dev/null
user_id=$(admin -H 'Content-Type: application/json' -d '{"appid":"check","username":"13800138000"}' \
  "http://localhost:$port/admin/users" | sed 's/.*"userId":"\([^"]*\)".*/\1/')
admin -X PUT -H 'Content-Type: image/png' --data-binary @src/main/resources/demo/user_001.png \
  "http://localhost:$port/admin/users/$user_id/avatar" >/dev/null
curl -fsS -o /dev/null -w 'get_avatar: %{http_code} %{content_type} %{size_download} bytes\n' \
  "http://localhost:$port/api/user/get_avatar?appid=check&user=13800138000"
curl -fsS "http://localhost:$management_port/actuator/prometheus" | grep -c '^facecard_' | sed 's/^/facecard_ samples in \/actuator\/prometheus: /'

echo "== docker stop: SIGTERM"
java_pid=$(pgrep -P "$app_pid" java || echo "$app_pid")
kill -TERM "$java_pid"
status=0
wait "$app_pid" || status=$?
app_pid=
echo "exit status: $status"
grep -o '"message":"[^"]*\(Commencing graceful shutdown\|Graceful shutdown complete\)[^"]*"' "$work/app.log"
if grep -q '"log.level":"ERROR"' "$work/app.log"; then
  grep '"log.level":"ERROR"' "$work/app.log"; echo "errors in the log" >&2; exit 1
fi
[ "$status" -eq 143 ] || { echo "unexpected exit status $status" >&2; exit 1; }
echo "OK: built, started as $run_user, ready, served, stopped cleanly"
