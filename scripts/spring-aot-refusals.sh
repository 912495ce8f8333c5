#!/usr/bin/env bash
# Under Spring AOT (SPRING_AOT_ENABLED=true, as the image starts) the packaged jar refuses a start whose settings
# would choose other beans than its build chose (README, Deployment): each case below must stop at once with exit
# status 1 and Spring Boot's failure analysis, not run without what it asks for.
#   scripts/spring-aot-refusals.sh [jar [the building Java's version]]   # after ./mvnw -DskipTests package
# ./mvnw verify runs it after the README's examples. Every start gets a clean environment, so that settings of
# the caller's cannot refuse it for another reason. The threads case needs a Java 21 or newer (JAVA21_HOME, or
# one under /usr/lib/jvm) when the jar was built on Java 17, and is skipped, saying so, without one.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-$(ls target/facecard-*.jar | grep -v -e -plain -e -sources | head -1)}
[ -f "$JAR" ] || { echo "no packaged jar: run ./mvnw -DskipTests package first" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
count=0

major() { "$1" -version 2>&1 | grep -m1 ' version "' | sed 's/.* version "\([0-9]*\).*/\1/'; }

refused() { # java, settings=values..., words the description must hold (last)
  local java=$1 expected=${*: -1} status=0
  local settings=("${@:2:$#-2}")
  env -i PATH="$PATH" HOME="$HOME" SPRING_AOT_ENABLED=true SERVER_PORT=0 "${settings[@]}" \
    timeout 120 "$java" -jar "$JAR" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 1 ] || ! grep -q 'APPLICATION FAILED TO START' "$log" || ! grep -qF "$expected" "$log" \
      || ! grep -qF 'SPRING_AOT_ENABLED=false' "$log"; then
    tail -40 "$log"
    echo "FAILED: ${settings[*]} under Spring AOT on Java $(major "$java"): exit status $status, expected 1" \
      "with \"$expected\" and what to do" >&2
    exit 1
  fi
  count=$((count + 1))
  echo "spring-aot-refusals: ${settings[*]} (Java $(major "$java")) refused: $(grep -A2 '^Description:' "$log" | tail -1)"
}

# a build on Java 17 chose platform threads, one on 21 or newer virtual threads (spring.threads.virtual.enabled):
# the other cases start as the build chose, the threads case the other way
build_jdk=${2:-$(unzip -p "$JAR" META-INF/MANIFEST.MF | sed -n 's/^Build-Jdk-Spec: *\([0-9]*\).*/\1/p')}
java=$(command -v java)
java21=
if [ "$(major "$java")" -ge 21 ]; then
  java21=$java
else
  candidate=${JAVA21_HOME:-$(ls -d /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)}
  [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(major "$candidate/bin/java")" -ge 21 ] \
    && java21=$candidate/bin/java
fi
if [ "${build_jdk%%.*}" -ge 21 ]; then
  [ -n "$java21" ] || { echo "spring-aot-refusals: the jar was built on Java $build_jdk and no Java 21 or newer is here"; exit 1; }
  same=("$java21" SPRING_THREADS_VIRTUAL_ENABLED=true)
else
  same=("$java" SPRING_THREADS_VIRTUAL_ENABLED=false)
fi

refused "${same[@]}" FACECARD_RATE_LIMIT_STORE=redis \
  "facecard.rate-limit.store asks for Redis at this start, but Spring AOT fixed the beans for the memory store"
refused "${same[@]}" MANAGEMENT_SERVER_PORT=0 "management.server.port asks for the Actuator on a port of its own"
refused "${same[@]}" MANAGEMENT_SERVER_PORT=-1 "management.server.port asks for no Actuator over HTTP"
refused "${same[@]}" SERVER_FORWARD_HEADERS_STRATEGY=framework \
  "server.forward-headers-strategy asks for Spring's X-Forwarded-* filter (framework)"
refused "${same[@]}" SPRING_FLYWAY_ENABLED=false "spring.flyway.enabled asks for no migrations at start"
refused "${same[@]}" SPRINGDOC_API_DOCS_ENABLED=false "springdoc.api-docs.enabled asks for no OpenAPI document"
refused "${same[@]}" SPRINGDOC_SWAGGER_UI_ENABLED=false "springdoc.swagger-ui.enabled asks for no Swagger UI"
if [ "${build_jdk%%.*}" -ge 21 ]; then
  refused "$java" SPRING_THREADS_VIRTUAL_ENABLED=false "spring.threads.virtual.enabled asks for platform threads"
elif [ -n "$java21" ]; then
  refused "$java21" SPRING_THREADS_VIRTUAL_ENABLED=true \
    "spring.threads.virtual.enabled asks for virtual threads (Java 21 or newer) at this start"
else
  echo "spring-aot-refusals: no Java 21 or newer here (JAVA21_HOME): the threads case is skipped"
fi
echo "spring-aot-refusals: $count refused"
