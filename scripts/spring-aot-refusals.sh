#!/usr/bin/env bash
# Under Spring AOT (SPRING_AOT_ENABLED=true, as the image starts) the packaged jar refuses a start whose settings
# would choose other beans than its build chose (README, Deployment): each case below must stop at once with exit
# status 1 and Spring Boot's failure analysis, not run without what it asks for.
#   scripts/spring-aot-refusals.sh [jar]      # after ./mvnw -DskipTests package, built without these settings
# ./mvnw verify runs it after the README's examples.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-$(ls target/facecard-*.jar | grep -v -e -plain -e -sources | head -1)}
[ -f "$JAR" ] || { echo "no packaged jar: run ./mvnw -DskipTests package first" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT

refused() { # setting=value, words the description must hold
  local status=0
  env SPRING_AOT_ENABLED=true SERVER_PORT=0 "$1" timeout 120 java -jar "$JAR" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 1 ] || ! grep -q 'APPLICATION FAILED TO START' "$log" || ! grep -qF "$2" "$log" \
      || ! grep -qF 'SPRING_AOT_ENABLED=false' "$log"; then
    tail -40 "$log"
    echo "FAILED: $1 under Spring AOT: exit status $status, expected 1 with \"$2\" and what to do" >&2
    exit 1
  fi
  echo "spring-aot-refusals: $1 refused: $(grep -A2 '^Description:' "$log" | tail -1)"
}

refused FACECARD_RATE_LIMIT_STORE=redis \
  "facecard.rate-limit.store asks for Redis at this start, but Spring AOT fixed the beans for the memory store"
refused MANAGEMENT_SERVER_PORT=0 "management.server.port asks for the Actuator on a port of its own"
refused MANAGEMENT_SERVER_PORT=-1 "management.server.port asks for no Actuator over HTTP"
echo "spring-aot-refusals: 3 of 3 refused"
