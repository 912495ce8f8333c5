#!/usr/bin/env bash
# Facecard's benchmark: requests per second and p50/p99 latency at 32 connections, each endpoint measured
# alternately with a bare Spring MVC handler of the same Spring Boot version (bench/bare), in the same run.
#
#   bench/run.sh                 # 1,000 then 1,000,000 users, then start-up; writes bench/RESULTS.md
#   SIZES="1000" DURATION=5s ROUNDS=1 STARTUP_ROUNDS=0 IMAGES=false bench/run.sh      # a quick look
#
# Needs: a PostgreSQL it may create a database on (BENCH_PG_HOST/PORT/USER, default 127.0.0.1:5432
# postgres, trust auth), psql, curl, wrk (installed from Debian when missing and run as root).
# Uses a Java 25 runtime when one is under /usr/lib/jvm, else `java`.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 1000000"}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
JIT_WARMUP=${JIT_WARMUP:-30s}
ZIPF_WARMUP=${ZIPF_WARMUP:-60s}  # Zipf draws before the Zipf rows, so they find the cache as a running service does
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
HEAP=${HEAP:-256m}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=facecard_bench
FC_PORT=18080
BARE_PORT=18081
ADMIN_TOKEN=bench-admin-token-$$
OUT=bench/out
RESULTS=${RESULTS:-bench/RESULTS.md}
ACCESS_LOG=${ACCESS_LOG:-info}    # level of the access log (one line per request), as in production; warn: off
BARE_WRITE_BUFFER=${BARE_WRITE_BUFFER:-32768}   # bytes; Facecard's facecard.connections.write-buffer (32KB unless FC_OPTS sets it)
FC_OPTS=${FC_OPTS:-}            # extra service arguments, e.g. --facecard.cache.max-entries=0
SIZE_ROWS_ONLY=${SIZE_ROWS_ONLY:-false}   # only the rows measured at every size
PROFILE=${PROFILE:-true}        # a CPU profile of the service in a uniform 1,000,000-user run after that row, summarised
STARTUP_ROUNDS=${STARTUP_ROUNDS:-3}   # starts timed with and without the AOT cache (bench/startup.sh); 0: none
IMAGES=${IMAGES:-true}          # cold resizes and WebP bytes/SSIM (bench/images-resize.sh, images-webp.sh)
IMAGE_COUNT=${IMAGE_COUNT:-1000}   # distinct avatars of the cold-resize row
mkdir -p "$OUT"

for tool in wrk bc; do command -v $tool >/dev/null || MISSING="${MISSING:-} $tool"; done
if [ -n "${MISSING:-}" ]; then
  echo "installing$MISSING from Debian" >&2
  apt-get install -y -qq $MISSING >/dev/null || { apt-get update -qq && apt-get install -y -qq $MISSING >/dev/null; }
fi
JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java; do
  [ -x "$candidate" ] && JAVA=$candidate && break
done
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1)
JCMD=$(dirname "$JAVA")/jcmd

echo "building the service and the bare baseline" >&2
# on the Java the service runs on, as the image is built: Spring AOT fixes the choice of virtual threads then
BUILD_JAVA_HOME=${JAVA_HOME:-}
[ "$JAVA" != java ] && BUILD_JAVA_HOME=$(dirname "$(dirname "$JAVA")")
JAVA_HOME=$BUILD_JAVA_HOME ./mvnw -B -q package -DskipTests
(cd bench/bare && ../../mvnw -B -q package -DskipTests)
FC_JAR=$(ls target/facecard-*.jar | grep -v original | head -1)
BARE_JAR=$(ls bench/bare/target/facecard-bench-bare-*.jar | grep -v original | head -1)

psql_() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }
psql_ -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"

PIDS=()
# the services stopped, their 1,000,000-user database is dropped (startup.sh and the image scripts use their own)
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true
  psql_ -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

wait_for() { # url
  for _ in $(seq 1 120); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "not up: $1" >&2; return 1
}

# the JVM as the image runs it (Dockerfile), on a heap of HEAP, on Spring AOT's bean definitions as the image
# starts (SPRING_AOT_ENABLED), with a public base URL as docker-compose.yml runs it (cards keep their JSON only)
. bench/image-jvm-flags.sh
read -r -a JVM_FLAGS <<<"$(image_jvm_flags "$HEAP")"
SPRING_AOT_ENABLED=true "$JAVA" "${JVM_FLAGS[@]}" -jar "$FC_JAR" --server.port=$FC_PORT \
  --spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" --spring.datasource.username="$PG_USER" \
  --facecard.admin-token="$ADMIN_TOKEN" --facecard.demo-data=false --facecard.public-base-url="http://127.0.0.1:$FC_PORT" \
  --facecard.rate-limit.authenticated.limit=1000000000 --facecard.rate-limit.anonymous.limit=1000000000 \
  --logging.level.root=warn --logging.level.dev.facecard.access="$ACCESS_LOG" $FC_OPTS > "$OUT/facecard.log" 2>&1 &
PIDS+=($!)
FC_PID=$!
wait_for "http://127.0.0.1:$FC_PORT/actuator/health/readiness"

admin() { curl -fs -X "$1" "http://127.0.0.1:$FC_PORT$2" -H "Authorization: Bearer $ADMIN_TOKEN" "${@:3}"; }
admin POST /admin/apps -H 'Content-Type: application/json' -d '{"appid":"bench","name":"Benchmark"}' >/dev/null
admin POST /admin/users -H 'Content-Type: application/json' -d '{"appid":"bench","userId":"b_1","username":"u1"}' >/dev/null
HASH=$(admin PUT /admin/users/b_1/avatar -H 'Content-Type: image/png' --data-binary @src/main/resources/demo/13800138000.png \
  | sed 's/.*"etag":"\\"\([0-9a-f]*\)\\"".*/\1/')
curl -fs -o "$OUT/avatar.jpg" "http://127.0.0.1:$FC_PORT/avatars/$HASH.jpg"

# the bare handler's connector writes as Facecard's does (facecard.connections.write-buffer, 32 KB by default)
"$JAVA" "${JVM_FLAGS[@]}" -jar "$BARE_JAR" --server.port=$BARE_PORT --bench.jpeg="$OUT/avatar.jpg" \
  --bench.write-buffer="$BARE_WRITE_BUFFER" \
  > "$OUT/bare.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$BARE_PORT/jpeg"

# every wrk run draws its own users (FC_SEED, bench/lua/per-thread-seed.lua), the same ones in every run of
# this script: in a subshell too, so counted in a file
echo 0 > "$OUT/seed"
next_seed() { local seed; seed=$(( $(cat "$OUT/seed") + 1 )); echo "$seed" > "$OUT/seed"; echo "$seed"; }
# wrk: prints "rps p50_ms p99_ms"
measure() { # duration [wrk options...] url
  local duration=$1; shift
  FC_SEED=$(next_seed) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency "$@" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx/ { errors = $NF }
    END { if (errors > 0) { print "non-2xx/3xx answers: " errors > "/dev/stderr" } printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}

BARE_JPEG_URL="http://127.0.0.1:$BARE_PORT/jpeg"
ROWS=()
# JIT: on two cores C2 takes tens of seconds to settle; warm both apps on both kinds of request first
echo "warming up both JVMs" >&2
for url in "$BARE_JPEG_URL" "-s bench/lua/profile.lua http://127.0.0.1:$BARE_PORT/profile" \
    "http://127.0.0.1:$FC_PORT/api/user/get_avatar?appid=bench&user=u1" \
    "-s bench/lua/profile.lua http://127.0.0.1:$FC_PORT/api/get-public-user-profile"; do
  read -r -a args <<<"$url"
  FC_USER_ID=b_1 measure "$JIT_WARMUP" "${args[@]}" >/dev/null
done
# async-profiler, from Maven Central (a jar holding the agent library), unpacked once into $OUT; prints the
# library's path, fails where it cannot be had (then bench/run.sh profiles with JFR, which sees Java code only)
ASYNC_PROFILER_VERSION=4.1
async_profiler_lib() {
  local arch dir=$OUT/async-profiler
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) return 1 ;; esac
  if [ ! -f "$dir/linux-$arch/libasyncProfiler.so" ]; then
    mkdir -p "$dir"
    curl -fsSL -o "$dir/async-profiler.jar" \
      "https://repo1.maven.org/maven2/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION-linux-$arch.jar" \
      && (cd "$dir" && "$(dirname "$JAVA")/jar" xf async-profiler.jar) || return 1
  fi
  [ -f "$dir/linux-$arch/libasyncProfiler.so" ] && echo "$PWD/$dir/linux-$arch/libasyncProfiler.so"
}
# the profile-card cache's hits and misses so far ("hits misses"), from the service's own metrics
card_gets() {
  curl -fs "http://127.0.0.1:$FC_PORT/actuator/prometheus" | awk '
    /^facecard_cache_gets_total[{].*cache="profile.cards"/ { if ($0 ~ /result="hit"/) h = $NF; else m = $NF }
    END { printf "%d %d\n", h, m }'
}
# scenario name, facecard url + wrk args, bare url + wrk args (alternating, ROUNDS times, means reported)
compare() { # name target "facecard wrk args" "bare wrk args" (split on spaces, never evaluated)
  local name=$1 target=$2 fc_sum=0 bare_sum=0 p50=0 p99=0 bare_p99=0 hits=0 misses=0 line fc bare h0 m0 h1 m1
  read -r -a fc <<<"$3"
  read -r -a bare <<<"$4"
  measure "$WARMUP" "${bare[@]}" >/dev/null; measure "$WARMUP" "${fc[@]}" >/dev/null
  for _ in $(seq 1 "$ROUNDS"); do
    line=$(measure "$DURATION" "${bare[@]}"); read -r rps l50 l99 <<<"$line"
    bare_sum=$(echo "$bare_sum + $rps" | bc); bare_p99=$(echo "if ($l99 > $bare_p99) $l99 else $bare_p99" | bc)
    read -r h0 m0 <<<"$(card_gets)"
    line=$(measure "$DURATION" "${fc[@]}"); read -r rps l50 l99 <<<"$line"
    read -r h1 m1 <<<"$(card_gets)"
    hits=$((hits + h1 - h0)); misses=$((misses + m1 - m0))
    fc_sum=$(echo "$fc_sum + $rps" | bc); p50=$(echo "$p50 + $l50" | bc); p99=$(echo "if ($l99 > $p99) $l99 else $p99" | bc)
  done
  local fc_rps=$((fc_sum / ROUNDS)) bare_rps=$((bare_sum / ROUNDS))
  local ratio; ratio=$(printf '%.2f' "$(echo "scale=4; $fc_rps / $bare_rps" | bc)")
  p50=$(echo "scale=2; $p50 / $ROUNDS" | bc)
  local cards=""   # the share of card lookups answered from the cache, for the profile rows
  [ $((hits + misses)) -gt 0 ] && cards="$(echo "scale=1; 100 * $hits / ($hits + $misses)" | bc)%"
  ROWS+=("| $name | $fc_rps | $bare_rps | ${ratio}× | $p50 | $p99 | $bare_p99 | $cards | $target |")
  echo "$name: facecard $fc_rps req/s, bare $bare_rps req/s, ratio $ratio, p50 $p50 ms, p99 $p99 ms (bare $bare_p99 ms), card hits ${cards:-none} (target $target)" >&2
}

AVATAR="http://127.0.0.1:$FC_PORT/api/user/get_avatar?appid=bench&user=u2"
BARE_JPEG="http://127.0.0.1:$BARE_PORT/jpeg"
BARE_PROFILE_URL="http://127.0.0.1:$BARE_PORT/profile"
BARE_PROFILE="-s bench/lua/profile.lua $BARE_PROFILE_URL"
PROFILE_URL="http://127.0.0.1:$FC_PORT/api/get-public-user-profile"
FROM=2
for SIZE in $SIZES; do
  echo "filling to $SIZE users" >&2
  START=$(date +%s)
  psql_ -d "$DB" -v from=$FROM -v to="$SIZE" -v hash="$HASH" -f bench/fill.sql
  echo "filled in $(( $(date +%s) - START )) s" >&2
  FROM=$((SIZE + 1))
  if [ -z "${TOKEN:-}" ]; then
    TOKEN=$(admin POST /admin/users/b_2/api-keys | sed 's/.*"token":"\([^"]*\)".*/\1/')
  fi
  export FC_USERS=$SIZE FC_USER_ID=b_2 FC_TOKEN=""
  # the new rows are misses: warm the JIT on them too (a row measured on a cold miss path ran at a third of
  # its speed for its first 15 s), as on the single-user requests above
  echo "warming up on the $SIZE users" >&2
  measure "$JIT_WARMUP" -s bench/lua/random-profile.lua "$PROFILE_URL" >/dev/null
  if [ "$SIZE_ROWS_ONLY" != true ] && [ "$SIZE" = "$(echo $SIZES | awk '{print $1}')" ]; then
    compare "get_avatar, cached" "≥ 0.9×, p99 ≤ 10 ms" "$AVATAR" "$BARE_JPEG"
    export FC_ETAG="\"$HASH\""
    compare "get_avatar, 304" "≥ 1.0×, p99 ≤ 10 ms" "-s bench/lua/if-none-match.lua $AVATAR" "$BARE_JPEG"
    compare "/avatars/{hash}.jpg" "p99 ≤ 10 ms" "http://127.0.0.1:$FC_PORT/avatars/$HASH.jpg" "$BARE_JPEG"
    compare "profile, anonymous" "≥ 1.0×, p99 ≤ 10 ms" "-s bench/lua/profile.lua $PROFILE_URL" "$BARE_PROFILE"
    export FC_TOKEN=$TOKEN
    compare "profile, with a key" "≥ 0.9×, p99 ≤ 10 ms" "-s bench/lua/profile.lua $PROFILE_URL" "$BARE_PROFILE"
    export FC_TOKEN=""
  fi
  compare "profile, uniform random over $SIZE users" "≥ 0.5×, p99 ≤ 25 ms" "-s bench/lua/random-profile.lua $PROFILE_URL" \
    "-s bench/lua/random-profile.lua $BARE_PROFILE_URL"
  # profiled in a run of its own after the row, so that the row is measured without the profiler
  if [ "$SIZE" -ge 1000000 ] && [ "$PROFILE" = true ]; then
    if PROFILER_LIB=$(async_profiler_lib); then
      # jcmd reads name=value pairs itself: the options go quoted
      "$JCMD" "$FC_PID" JVMTI.agent_load "$PROFILER_LIB" '"start,event=cpu"' >/dev/null
    else
      echo "async-profiler not available: profiling with JFR" >&2
      PROFILER_LIB=
      "$JCMD" "$FC_PID" JFR.start name=uniform settings=profile >/dev/null
    fi
    measure "$DURATION" -s bench/lua/random-profile.lua "$PROFILE_URL" >/dev/null
    if [ -n "$PROFILER_LIB" ]; then
      "$JCMD" "$FC_PID" JVMTI.agent_load "$PROFILER_LIB" "\"stop,file=$PWD/$OUT/uniform.collapsed,collapsed\"" >/dev/null
      PROFILE_SUMMARY=$(python3 bench/profile-summary.py <"$OUT/uniform.collapsed")
      PROFILE_KIND="async-profiler's CPU samples of the service, one per 10 ms of CPU, the kernel and the JVM's
own threads included,"
    else
      "$JCMD" "$FC_PID" JFR.dump name=uniform filename="$PWD/$OUT/uniform.jfr" >/dev/null
      "$JCMD" "$FC_PID" JFR.stop name=uniform >/dev/null
      PROFILE_SUMMARY=$("$(dirname "$JAVA")/jfr" print --events jdk.ExecutionSample --stack-depth 96 "$OUT/uniform.jfr" \
        | python3 bench/profile-summary.py --jfr)
      PROFILE_KIND="JFR execution samples of the service (Java code only: no kernel, collector or JDK threads)"
    fi
  fi
  # the uniform row left the cache full of users Zipf rarely draws; a service serving skewed traffic for
  # minutes holds the most drawn ones instead
  measure "$ZIPF_WARMUP" -s bench/lua/zipf-profile.lua "$PROFILE_URL" >/dev/null
  compare "profile, Zipf (s = 1) over $SIZE users" "≥ 0.85×, p99 ≤ 25 ms" "-s bench/lua/zipf-profile.lua $PROFILE_URL" \
    "-s bench/lua/zipf-profile.lua $BARE_PROFILE_URL"
  export FC_USER_ID=b_1
  compare "profile, user with $((SIZE - 1)) followers" "as fast as none" "-s bench/lua/profile.lua $PROFILE_URL" "$BARE_PROFILE"
  export FC_USER_ID=b_3
  compare "profile, user with 0 followers ($SIZE users)" "" "-s bench/lua/profile.lua $PROFILE_URL" "$BARE_PROFILE"
  if [ "$SIZE" -ge 1000000 ]; then
    # as a service that has run a while: the caches full of the rows above (the first avatar rows find them
    # nearly empty), which is what G1's marking threshold is about (README, Deployment)
    compare "get_avatar, cached, the caches full ($SIZE users)" "≥ 0.9×, p99 ≤ 10 ms" "$AVATAR" "$BARE_JPEG"
  fi
done

cleanup; PIDS=()
STARTUP=
if [ "$STARTUP_ROUNDS" -gt 0 ]; then
  echo "timing starts" >&2
  STARTUP=$(ROUNDS=$STARTUP_ROUNDS SKIP_BUILD=true bench/startup.sh)
fi
if [ "$IMAGES" = true ]; then
  echo "cold resizes and WebP (bench/RESULTS-images.md)" >&2
  # built above: the image scripts must not build the tree again (edited meanwhile, it may not compile)
  COUNT=$IMAGE_COUNT SKIP_BUILD=true bench/images-resize.sh >&2
  SKIP_BUILD=true bench/images-webp.sh >&2
fi
{
  echo "# Benchmark results"
  echo
  echo "Latest run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`$0\` with SIZES=\"$SIZES\" DURATION=$DURATION ROUNDS=$ROUNDS CONNECTIONS=$CONNECTIONS THREADS=$THREADS HEAP=$HEAP ZIPF_WARMUP=$ZIPF_WARMUP FC_OPTS=\"$FC_OPTS\" BARE_WRITE_BUFFER=$BARE_WRITE_BUFFER SIZE_ROWS_ONLY=$SIZE_ROWS_ONLY."
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB;"
  echo "wrk, the service, the bare baseline and PostgreSQL $(psql_ -d postgres -Atc 'show server_version') all on this machine."
  echo "Runtime: $JAVA_VERSION, ${JVM_FLAGS[*]} (the image's flags, Dockerfile, on a heap of $HEAP);"
  echo "the service built on that Java and started on Spring AOT's bean definitions, as the image is (SPRING_AOT_ENABLED=true),"
  echo "with \`facecard.public-base-url\` set as docker-compose.yml runs it (runs before 2026-12-07 16:38 UTC set none: each"
  echo "card kept its row too, and the cache held about 37,700 cards instead of about 61,000; since 2026-12-07 20:00 UTC"
  echo "cards are kept packed, about 130,000 in the same 48 MB, and about 145,000 since 22:00 UTC with one object less each)."
  echo
  echo "Each row: the endpoint and the bare Spring MVC handler (bench/bare, same Spring Boot, answers written to"
  echo "the socket in pieces of up to $BARE_WRITE_BUFFER bytes like Facecard's, not Tomcat's 8192) measured"
  echo "alternately, $ROUNDS rounds of $DURATION after a $WARMUP warm-up each; req/s are means, p50 the mean"
  echo "and p99 the worst round of the service, bare p99 the bare handler's worst round (what this host's tail"
  echo "is without Facecard); card hits: the share of profile-card lookups answered from the"
  echo "cache during those rounds (\`facecard_cache_gets_total\`); each of the others was read from the database."
  echo "Both sides of a row run the same wrk script: the bare handler echoes the drawn userId, so the random and"
  echo "Zipf rows draw users for it too (a Lua draw per request costs wrk, on these same cores, 5-11% of the"
  echo "bare handler's throughput; runs before 2026-12-06 23:00 UTC gave the bare handler the fixed-user script)."
  echo "Every wrk run draws other users (FC_SEED): runs before 2026-12-07 01:30 UTC replayed the same draws in"
  echo "every run, which went unnoticed while no card outlived 5 s. The Zipf rows follow $ZIPF_WARMUP of Zipf draws, so that"
  echo "the cache holds the users drawn most, as in a service serving skewed traffic for minutes (runs before"
  echo "2026-12-07 16:38 UTC measured it right after the uniform row, with the cache full of users drawn once)."
  echo
  echo "| scenario | Facecard req/s | bare req/s | ratio | p50 ms | p99 ms | bare p99 ms | card hits | target |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  if [ -n "${PROFILE_SUMMARY:-}" ]; then
    echo "What the profiler showed ($PROFILE_KIND in a run of uniform draws over the largest size, after its row; a sample"
    echo "counts for every group its stack passes through):"
    echo
    echo "$PROFILE_SUMMARY"
    echo
  fi
  if [ -n "$STARTUP" ]; then
    echo "$STARTUP"
    echo
  fi
  if [ "$IMAGES" = true ]; then
    echo "Cold \`size=64\` resizes over $IMAGE_COUNT distinct avatars, and WebP against JPEG (from"
    echo "bench/RESULTS-images.md, which says how they are measured):"
    echo
    sed -n '/<!-- resize:begin -->/,/<!-- resize:end -->/p; /<!-- webp:begin -->/,/<!-- webp:end -->/p' \
      bench/RESULTS-images.md | grep -v '^<!--'
    echo
  fi
} > "$RESULTS.new"
if [ -f "$RESULTS" ] && grep -q '^## Notes' "$RESULTS"; then
  sed -n '/^## Notes/,$p' "$RESULTS" >> "$RESULTS.new"
fi
mv "$RESULTS.new" "$RESULTS"
echo "wrote $RESULTS" >&2
