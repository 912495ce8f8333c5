#!/usr/bin/env bash
# Slow heads against the heap: COUNT connections each begin a request head and never end it (a slowloris), opened
# as fast as the service takes them and held for HOLD seconds, under the head deadline (facecard.deadlines.head,
# 10 s). Each such connection holds about 67 KB of heap (bench/RESULTS-connections.md). Measured twice on a heap of
# HEAP, each on a fresh service: with Tomcat's own limit of 8,192 open connections (server.tomcat.max-connections,
# as before Facecard bounded them) and with Facecard's default, as many as the heap holds
# (shared/web/ConnectionBudget). For each: whether the service lived through it, the heap in use after a full
# collection while the connections are held, and whether a request answers once they are gone. Writes
# bench/RESULTS-slow-heads.md.
#
#   bench/slow-heads.sh                  # COUNT=6000 HEAP=256m
#
# Needs: PostgreSQL it may create a database on (BENCH_PG_HOST/USER, default 127.0.0.1 postgres), psql, curl,
# python3, and as many open files as COUNT plus a few hundred (raised here up to the hard limit).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-6000}
HOLD=${HOLD:-8}
HEAP=${HEAP:-256m}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_USER=${BENCH_PG_USER:-postgres}
DB=facecard_bench_slow_heads
PORT=${PORT:-18680}
ADMIN_TOKEN=slow-heads-admin-token-$$
OUT=bench/out
RESULTS=${RESULTS:-bench/RESULTS-slow-heads.md}
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -gt $((COUNT + 500)) ] || { echo "too few open files for COUNT=$COUNT" >&2; exit 1; }

JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java; do
  [ -x "$candidate" ] && JAVA=$candidate && break
done
JCMD=$(dirname "$JAVA")/jcmd
if [ -z "${JAR:-}" ]; then
  [ "${SKIP_BUILD:-false}" = true ] || ./mvnw -B -q package -DskipTests
  JAR=$(ls target/facecard-*.jar | grep -v original | head -1)
fi

psql_() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -U "$PG_USER" -d postgres "$@"; }
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; psql_ -c "drop database if exists $DB with (force)"; }
trap cleanup EXIT

. bench/image-jvm-flags.sh
read -r -a JVM_FLAGS <<<"$(image_jvm_flags "$HEAP")"
ROWS=()
for limit in tomcat budget; do
  extra=()
  [ "$limit" = tomcat ] && extra=(--server.tomcat.max-connections=8192)
  psql_ -c "drop database if exists $DB with (force)" -c "create database $DB"
  log="$OUT/slow-heads-$limit.log"
  "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" \
    --server.port=$PORT --spring.datasource.url="jdbc:postgresql://$PG_HOST:5432/$DB" \
    --spring.datasource.username="$PG_USER" --facecard.admin-token=$ADMIN_TOKEN --facecard.demo-data=true \
    "${extra[@]}" >"$log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" && break; sleep 0.5; done
  avatar="http://127.0.0.1:$PORT/api/user/get_avatar?appid=demo&user=13800138000"
  curl -fs -o /dev/null "$avatar"
  max=$(curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | awk '/^facecard_connections_max/ { printf "%d", $2 }')
  python3 - "$PORT" "$COUNT" "$HOLD" <<'PY' &
import selectors, socket, sys, time
port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
head = b"GET /api/user/get_avatar?appid=demo&user=13800138000 HTTP/1.1\r\nHost: bench\r\nX-Trickle: 1"
selector = selectors.DefaultSelector()
held = []
for _ in range(count):
    s = socket.socket()
    s.setblocking(False)
    s.connect_ex(("127.0.0.1", port))
    selector.register(s, selectors.EVENT_WRITE)
    held.append(s)
# each connection sends its head's beginning once the service (or its accept queue) has taken it
end = time.time() + hold
while time.time() < end and selector.get_map():
    for key, _ in selector.select(timeout=0.2):
        try:
            key.fileobj.send(head)
        except OSError:
            pass
        selector.unregister(key.fileobj)
time.sleep(max(0, end - time.time()))
for s in held:
    s.close()
PY
  CLIENT=$!
  sleep $((HOLD / 2 + 1))
  heap=n/a
  if kill -0 "$PID" 2>/dev/null; then
    "$JCMD" "$PID" GC.run >/dev/null 2>&1 || true
    heap=$("$JCMD" "$PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub("K", "", $(i + 1)); print $(i + 1) " KB"; exit } }' || true)
  fi
  wait $CLIENT 2>/dev/null || true
  if kill -0 "$PID" 2>/dev/null; then
    lived=yes
    answer=$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' --max-time 20 "$avatar" || true)
    kill $PID; wait $PID 2>/dev/null || true
  else
    lived="no: $(grep -m1 -o 'OutOfMemoryError[^"]*' "$log" | head -c 80 || echo exited)"
    answer="none (the process is gone)"
  fi
  PID=
  echo "$limit: max $max, lived $lived, heap $heap, then $answer" >&2
  ROWS+=("| $([ "$limit" = tomcat ] && echo "Tomcat's 8,192 (before)" || echo "what the heap holds (now)") | $max | $lived | ${heap:-n/a} | $answer |")
done

{
  echo "# Slow heads against the heap"
  echo
  echo "Latest run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`$0\` with COUNT=$COUNT HOLD=$HOLD HEAP=$HEAP;"
  echo "$("$JAVA" -version 2>&1 | head -1). $COUNT connections each began a request head and never ended it, held"
  echo "${HOLD} s; the service started fresh for each row, with the demo data."
  echo
  echo "| open connections at most | facecard_connections_max | service lived | heap in use after a full collection, connections held | get_avatar once they are gone |"
  echo "| --- | ---: | --- | ---: | --- |"
  printf '%s\n' "${ROWS[@]}"
} >"$RESULTS"
cat "$RESULTS"
