#!/usr/bin/env bash
# What an open connection costs in heap: the service is started with each write buffer of WRITE_BUFFERS
# (facecard.connections.write-buffer), COUNT connections are opened, and the heap in use after a full collection
# is read with and without them open. Two kinds of connection (KINDS): "idle", a keep-alive connection that asked
# for one avatar and waits for its next request, and "slow-head", one whose request head has begun but not ended
# (a client trickling it). Tomcat keeps a read and a write buffer for every open connection, and for a request
# under way its request and answer buffers as well (README, Hostile input; shared/web/ConnectionBudget).
# For the measurement the service takes every connection (server.tomcat.max-connections above COUNT) and gives a
# head 5 minutes (facecard.deadlines.head). Writes bench/RESULTS-connections.md.
#
#   bench/connections.sh                     # 3,000 connections, 8KB (Tomcat's default) and 32KB (Facecard's)
#   COUNT=500 KINDS=slow-head bench/connections.sh   # a quick look
#
# Needs: PostgreSQL it may create a database on (BENCH_PG_HOST/USER, default 127.0.0.1 postgres), psql, curl,
# python3, and as many open files as COUNT plus a few hundred (raised here up to the hard limit).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-3000}
WRITE_BUFFERS=${WRITE_BUFFERS:-8KB 32KB}
KINDS=${KINDS:-idle slow-head}
HEAP=${HEAP:-256m}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_USER=${BENCH_PG_USER:-postgres}
DB=facecard_bench_connections
PORT=${PORT:-18480}
ADMIN_TOKEN=connections-admin-token-$$
OUT=bench/out
RESULTS=${RESULTS:-bench/RESULTS-connections.md}
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

# heap in use after a full collection, KB
heap_used() {
  "$JCMD" "$PID" GC.run >/dev/null
  "$JCMD" "$PID" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub("K", "", $(i + 1)); print $(i + 1); exit } }'
}

. bench/image-jvm-flags.sh
read -r -a JVM_FLAGS <<<"$(image_jvm_flags "$HEAP")"
ROWS=()
for buffer in $WRITE_BUFFERS; do
 for kind in $KINDS; do
  psql_ -c "drop database if exists $DB with (force)" -c "create database $DB"
  # the JVM as the image runs it (Dockerfile), on a heap of HEAP
  "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" \
    --server.port=$PORT --spring.datasource.url="jdbc:postgresql://$PG_HOST:5432/$DB" \
    --spring.datasource.username="$PG_USER" --facecard.admin-token=$ADMIN_TOKEN --facecard.demo-data=false \
    --facecard.rate-limit.anonymous.limit=1000000 --facecard.connections.write-buffer="$buffer" \
    --server.tomcat.max-connections=$((COUNT + 100)) --facecard.deadlines.head=5m \
    >"$OUT/connections-$buffer-$kind.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" && break; sleep 0.5; done
  admin() { curl -fs -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Bearer $ADMIN_TOKEN" "${@:3}"; }
  admin POST /admin/apps -H 'Content-Type: application/json' -d '{"appid":"bench","name":"Benchmark"}' >/dev/null
  admin POST /admin/users -H 'Content-Type: application/json' -d '{"appid":"bench","userId":"b_1","username":"u1"}' >/dev/null
  admin PUT /admin/users/b_1/avatar -H 'Content-Type: image/png' --data-binary @src/main/resources/demo/13800138000.png >/dev/null
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/user/get_avatar?appid=bench&user=u1"
  before=$(heap_used)
  # idle: each connection asks for the avatar once and is then held open until the heap is read;
  # slow-head: each sends a request head without its end and is held open so
  python3 - "$PORT" "$COUNT" "$OUT/connections.ready" "$kind" <<'PY' &
import socket, sys, time
port, count, ready, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
request = b"GET /api/user/get_avatar?appid=bench&user=u1 HTTP/1.1\r\nHost: bench\r\n"
held = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    if kind == "slow-head":
        s.sendall(request + b"X-Trickle: 1")
        held.append(s)
        continue
    s.sendall(request + b"\r\n")
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += s.recv(65536)
    head, _, body = answer.partition(b"\r\n\r\n")
    length = int(next(l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")).split(b":")[1])
    while len(body) < length:
        body += s.recv(65536)
    held.append(s)
# every connection is read by the service before its heap is
time.sleep(2)
open(ready, "w").close()
time.sleep(60)
PY
  CLIENT=$!
  rm -f "$OUT/connections.ready"
  for _ in $(seq 1 240); do [ -e "$OUT/connections.ready" ] && break; sleep 0.5; done
  [ -e "$OUT/connections.ready" ] || { echo "the connections were not all opened" >&2; exit 1; }
  with=$(heap_used)
  kill $CLIENT 2>/dev/null || true; wait $CLIENT 2>/dev/null || true
  kill $PID; wait $PID 2>/dev/null || true; PID=
  per=$(awk -v a="$before" -v b="$with" -v n="$COUNT" 'BEGIN { printf "%.1f", (b - a) / n }')
  echo "write buffer $buffer, $kind: heap $before KB, with $COUNT connections $with KB: $per KB a connection" >&2
  ROWS+=("| $buffer | $kind | $before | $with | $per | $(awk -v p="$per" 'BEGIN { printf "%.0f", p * 8192 / 1024 }') |")
 done
done

{
  echo "# Heap per open connection"
  echo
  echo "Latest run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`$0\` with COUNT=$COUNT WRITE_BUFFERS=\"$WRITE_BUFFERS\" KINDS=\"$KINDS\" HEAP=$HEAP;"
  echo "$("$JAVA" -version 2>&1 | head -1). idle: each of $COUNT keep-alive connections asked for one avatar (19 KB) and"
  echo "was then held open, idle; slow-head: each sent a request head without its end and was held open so. Heap in"
  echo "use after a full collection (\`jcmd GC.run\`, \`GC.heap_info\`), without and with them. The last column: at"
  echo "Tomcat's own limit of 8,192 open connections, which Facecard lowers to what the heap holds"
  echo "(\`shared/web/ConnectionBudget\`, README Hostile input)."
  echo
  echo "| facecard.connections.write-buffer | connection | heap KB | heap KB with the connections | KB a connection | MB at 8,192 connections |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}"
} >"$RESULTS"
cat "$RESULTS"
