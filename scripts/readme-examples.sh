#!/usr/bin/env bash
# The README's examples as a test: starts the packaged service as the README's run command does, runs every
# shell block of the README in order in one fresh bash process, and checks each answer the README states.
#
# Convention (README, Run and test):
#   - ```sh / ```bash / ```shell blocks run, top to bottom, in one shell whose working directory is the
#     repository; ```python blocks run with python3 when it can import requests (skipped otherwise).
#   - `<!-- readme-test: skip (why) -->` right before a block keeps it from running (it builds, deploys or
#     needs what the test does not start); `<!-- readme-test: service -->` marks the run command's block,
#     which this script runs with `./mvnw spring-boot:run` replaced by the packaged jar.
#   - `# → text` after commands: their output (stdout and stderr, CRs dropped) must contain text, `…` standing
#     for anything. Every command must succeed. A comment that states a status (`# 404 …`) without `# →` is
#     refused: an answer the README states must be one the test checks.
#   - the examples must leave no file in the repository (they write to /tmp).
#
# Usage: scripts/readme-examples.sh [README.md]   (after ./mvnw -DskipTests package)
# Environment: README_TEST_PORT (the README's port by default, failing if it is taken; "auto": a free one,
# written into the examples' http://localhost:<port> in place of the README's), README_TEST_START_TIMEOUT
# (seconds, 240), README_TEST_TIMEOUT (seconds for all blocks, 300), README_TEST_JAR (the packaged jar),
# README_TEST_SPRING_AOT (true: the service started with SPRING_AOT_ENABLED=true, as the image starts it).
set -euo pipefail
export LC_ALL=C.UTF-8

ROOT=$(cd "$(dirname "$0")/.." && pwd)
README=${1:-$ROOT/README.md}
START_TIMEOUT=${README_TEST_START_TIMEOUT:-240}
RUN_TIMEOUT=${README_TEST_TIMEOUT:-300}
started=$SECONDS

fail() { printf 'readme-examples: %s\n' "$*" >&2; exit 1; }

JAR=${README_TEST_JAR:-}
if [ -z "$JAR" ]; then
  for candidate in "$ROOT"/target/facecard-*.jar; do
    case $candidate in *-plain.jar | *-sources.jar | *-javadoc.jar) ;; *) [ -f "$candidate" ] && JAR=$candidate ;; esac
  done
fi
[ -n "$JAR" ] && [ -f "$JAR" ] || fail "no packaged jar under target/: run ./mvnw -DskipTests package first"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/readme-examples.XXXXXX")
SERVICE_PID=
cleanup() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    # graceful shutdown takes up to spring.lifecycle.timeout-per-shutdown-phase (20 s)
    for _ in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- extraction: one file per step (the lines up to a run of `# →` lines), its expectations beside it -------
# steps.tsv: index, kind (sh|python|service), README line of the step's first line, block number
awk -v dir="$WORK" '
  function flush() {
    if (lines != "") {
      steps++
      printf "%s", lines > (dir "/step." steps)
      close(dir "/step." steps)
      printf "%s", expects > (dir "/expect." steps)
      close(dir "/expect." steps)
      printf "%d\t%s\t%d\t%d\n", steps, kind, first, block > (dir "/steps.tsv")
    }
    lines = ""; expects = ""; first = 0
  }
  BEGIN { steps = 0; block = 0; infence = 0; mark = "" }
  !infence && /^<!-- readme-test: *skip/ { mark = "skip"; next }
  !infence && /^<!-- readme-test: *service/ { mark = "service"; next }
  # a fence as CommonMark has it: three or more backquotes, an info string without any
  !infence && /^ ? ? ?```/ && match($0, /```+/) && substr($0, RSTART + RLENGTH) !~ /`/ {
    fence = RLENGTH
    lang = substr($0, RSTART + RLENGTH); sub(/^[ \t]+/, "", lang); sub(/[ \t].*/, "", lang)
    infence = 1; block++
    if (lang == "console") {
      printf "README line %d: ```console blocks are not run; write commands as ```sh with `# →` lines for the output\n", NR > (dir "/errors")
    }
    if (mark == "skip") kind = "skip"
    else if (mark == "service") kind = "service"
    else if (lang == "sh" || lang == "bash" || lang == "shell") kind = "sh"
    else if (lang == "python" || lang == "py") kind = "python"
    else kind = "text"
    if (kind == "skip" || kind == "text") printf "%d\t%s\t%d\n", block, kind, NR > (dir "/ignored.tsv")
    mark = ""; lines = ""; expects = ""; first = 0; pending = 0
    next
  }
  !infence && NF > 0 { mark = "" }
  infence && /^ ? ? ?```+[ \t]*$/ && match($0, /```+/) && RLENGTH >= fence {
    if (kind == "sh" || kind == "python" || kind == "service") flush()
    infence = 0; next
  }
  infence && (kind == "sh" || kind == "python" || kind == "service") {
    if ($0 ~ /^[ \t]*# → /) {
      e = $0; sub(/^[ \t]*# → /, "", e)
      expects = expects NR "\t" e "\n"
      # the output of a python block is one: its expectations apply to the whole block
      if (kind == "sh") { pending = 1 }
      next
    }
    # a status stated the old way: "# 304", "# 200: the JPEG", "# 404 {...}" (not "# 128 followers")
    if ($0 ~ /^[ \t]*#[ \t]*[1-5][0-9][0-9]([:,]|[ \t]*[{(]|[ \t]*$)/) {
      printf "README line %d: a stated status without a check; state the answer as a `# → …` line after the command\n", NR > (dir "/errors")
    }
    if (pending) { flush(); pending = 0 }
    if (first == 0) first = NR
    lines = lines $0 "\n"
    next
  }
  END { if (infence) printf "README: a block opened on line %d is never closed\n", NR > (dir "/errors") }
' "$README"
[ -f "$WORK/errors" ] && { cat "$WORK/errors" >&2; fail "the README breaks the examples' convention"; }
[ -f "$WORK/steps.tsv" ] || fail "no runnable block in $README"

mapfile -t STEPS <"$WORK/steps.tsv"
service_steps=$(awk -F'\t' '$2 == "service"' "$WORK/steps.tsv" | wc -l)
[ "$service_steps" = 1 ] || fail "exactly one block must be marked <!-- readme-test: service --> (found $service_steps)"

# the README's own address: the port of the first http://localhost:<port> of a runnable block
readme_port=$(awk -F'\t' '$2 == "sh" || $2 == "python" { print $1 }' "$WORK/steps.tsv" \
  | while read -r i; do cat "$WORK/step.$i"; done | grep -o 'http://localhost:[0-9]*' | sed -n '1s/.*://p' || true)
readme_port=${readme_port:-8080}
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || (exec 3<>"/dev/tcp/::1/$1") 2>/dev/null; }
PORT=${README_TEST_PORT:-$readme_port}
if [ "$PORT" = auto ]; then
  PORT=
  for candidate in $(seq 18080 18180); do port_taken "$candidate" || { PORT=$candidate; break; }; done
  [ -n "$PORT" ] || fail "no free port in 18080-18180"
fi
if port_taken "$PORT" && [ "$PORT" != "$readme_port" ]; then
  fail "port $PORT (README_TEST_PORT) is taken: stop what listens on it, or run with README_TEST_PORT=auto"
elif port_taken "$PORT"; then
  fail "port $PORT is taken: the README's examples call http://localhost:$readme_port, so the service must listen" \
    "there. Stop what listens on it, or run with README_TEST_PORT=auto (a free port, written into the examples)"
fi
if [ "$PORT" != "$readme_port" ]; then
  echo "readme-examples: port $PORT instead of the README's $readme_port (README_TEST_PORT): every" \
    "localhost:$readme_port of the examples is rewritten to it"
  for file in "$WORK"/step.* "$WORK"/expect.*; do sed -i "s/localhost:$readme_port\\b/localhost:$PORT/g" "$file"; done
fi

# a fresh shell: nothing of the caller's environment but what finds the tools
clean_env=(env -i "HOME=$HOME" "PATH=$PATH" "LANG=C.UTF-8" "TERM=dumb")
[ -n "${JAVA_HOME:-}" ] && clean_env+=("JAVA_HOME=$JAVA_HOME")

# --- the service, started by the README's run block ----------------------------------------------------------
service_index=$(awk -F'\t' '$2 == "service" { print $1 }' "$WORK/steps.tsv")
service_line=$(awk -F'\t' '$2 == "service" { print $3 }' "$WORK/steps.tsv")
grep -q '\./mvnw spring-boot:run' "$WORK/step.$service_index" \
  || fail "the block marked service (README line $service_line) has no ./mvnw spring-boot:run"
port_argument=
[ "$PORT" != "$readme_port" ] && port_argument=" --server.port=$PORT"
# the packaged jar instead of the wrapper (which would compile again), and nothing after the run command
awk -v jar="$JAR" -v extra="$port_argument" '
  /\.\/mvnw spring-boot:run/ { sub(/\.\/mvnw spring-boot:run/, "exec java -jar \"" jar "\"" extra); print; exit }
  { print }
' "$WORK/step.$service_index" >"$WORK/service.sh"
echo "readme-examples: starting the service as README line $service_line says, with $(basename "$JAR") on port $PORT"
# README_TEST_SPRING_AOT=true: the service as the image starts it, on the bean definitions Spring AOT fixed at build
service_env=("${clean_env[@]}")
# (on the Java that built the jar, JAVA_HOME's when set: Spring AOT fixed its choice of threads by that Java)
if [ "${README_TEST_SPRING_AOT:-false}" = true ]; then
  service_env+=("SPRING_AOT_ENABLED=true")
  [ -n "${JAVA_HOME:-}" ] && service_env+=("PATH=$JAVA_HOME/bin:$PATH")
fi
(cd "$ROOT" && exec "${service_env[@]}" bash "$WORK/service.sh" </dev/null >"$WORK/service.log" 2>&1) &
SERVICE_PID=$!
ready=
for _ in $(seq 1 $((START_TIMEOUT * 2))); do
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
    tail -n 40 "$WORK/service.log" >&2
    fail "the service exited during start-up (its log above)"
  fi
  if curl -sf -o /dev/null --noproxy '*' --max-time 2 "http://localhost:$PORT/actuator/health/readiness"; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || { tail -n 40 "$WORK/service.log" >&2; fail "the service was not ready within ${START_TIMEOUT}s"; }
if [ "${README_TEST_SPRING_AOT:-false}" = true ]; then
  grep -q 'Starting AOT-processed' "$WORK/service.log" || fail "README_TEST_SPRING_AOT: the service did not start AOT-processed"
  echo "readme-examples: the service runs on Spring AOT's bean definitions (README_TEST_SPRING_AOT)"
fi
echo "readme-examples: service ready after $((SECONDS - started))s"

# --- the blocks, in one bash process -------------------------------------------------------------------------
python_ok=
if command -v python3 >/dev/null 2>&1 && python3 -c 'import requests' >/dev/null 2>&1; then python_ok=1; fi
git_state() { git -C "$ROOT" status --porcelain --untracked-files=all 2>/dev/null || true; }
before=$(git_state)

driver=$WORK/driver.sh
{
  echo "cd \"$ROOT\""
  # every failing command is named in its step's output, where the report finds it
  echo "trap 'echo \"[readme-test] exit status \$? of: \$BASH_COMMAND\"' ERR"
  for row in "${STEPS[@]}"; do
    IFS=$'\t' read -r i kind _ _ <<<"$row"
    case $kind in
      sh) echo "echo started >\"$WORK/started.$i\"; eval \"\$(cat \"$WORK/step.$i\")\" >\"$WORK/out.$i\" 2>&1 </dev/null; echo \$? >\"$WORK/rc.$i\"" ;;
      python)
        if [ -n "$python_ok" ]; then
          echo "echo started >\"$WORK/started.$i\"; python3 \"$WORK/step.$i\" >\"$WORK/out.$i\" 2>&1 </dev/null; echo \$? >\"$WORK/rc.$i\""
        fi ;;
    esac
  done
} >"$driver"
set +e
(cd "$ROOT" && "${clean_env[@]}" timeout "$RUN_TIMEOUT" bash "$driver" >"$WORK/driver.log" 2>&1)
driver_status=$?
set -e
after=$(git_state)

# --- the report ----------------------------------------------------------------------------------------------
matches() { # output, fragment with … for anything
  local rest=$1 fragment=$2 piece
  while :; do
    piece=${fragment%%…*}
    [[ $rest == *"$piece"* ]] || return 1
    rest=${rest#*"$piece"}
    [[ $fragment == *…* ]] || return 0
    fragment=${fragment#*…}
  done
}
failures=0 checks=0 passed_steps=0 skipped_python=0
blocks_run=$(awk -F'\t' '$2 == "sh" || ($2 == "python" && ok) { print $4 }' ok="$python_ok" "$WORK/steps.tsv" | sort -u | wc -l)
report_failure() { # index, line, message
  failures=$((failures + 1))
  local i=$1
  printf '\nFAILED: block %s, README line %s: %s\n--- commands\n' "$block" "$2" "$3"
  sed 's/^/    /' "$WORK/step.$i"
  if [ -f "$WORK/out.$i" ]; then
    printf -- '--- output\n'
    tr -d '\r' <"$WORK/out.$i" | head -n 40 | sed 's/^/    /'
    echo
  fi
}
# one line per block run: where it starts, its steps and checks
current_block= block_line= block_steps=0 block_checks=0 block_ok=1
block_done() {
  [ -n "$current_block" ] && [ "$block_ok" != skipped ] || return 0
  echo "$([ -n "$block_ok" ] && echo ok || echo FAILED): block $current_block, README line $block_line:" \
    "$block_steps steps, $block_checks answers checked"
}
for row in "${STEPS[@]}"; do
  IFS=$'\t' read -r i kind line block <<<"$row"
  [ "$kind" = service ] && continue
  if [ "$block" != "$current_block" ]; then
    block_done
    current_block=$block block_line=$line block_steps=0 block_checks=0 block_ok=1
  fi
  block_steps=$((block_steps + 1))
  if [ "$kind" = python ] && [ -z "$python_ok" ]; then
    skipped_python=$((skipped_python + 1))
    echo "skipped: block $block, README line $line (python): python3 with requests is not available"
    block_ok=skipped
    continue
  fi
  if [ ! -f "$WORK/started.$i" ]; then
    report_failure "$i" "$line" "not run (an earlier step ended the shell)"
    block_ok=
    continue
  fi
  if [ ! -f "$WORK/rc.$i" ]; then
    report_failure "$i" "$line" "did not finish within ${RUN_TIMEOUT}s (README_TEST_TIMEOUT)"
    block_ok=
    continue
  fi
  output=$(tr -d '\r' <"$WORK/out.$i")
  ok=1
  if [ "$(cat "$WORK/rc.$i")" != 0 ] || [[ $output == *"[readme-test] exit status"* ]]; then
    report_failure "$i" "$line" "a command failed (exit status $(cat "$WORK/rc.$i") of the last; every failing one is named in the output)"
    ok=
  fi
  while IFS=$'\t' read -r expect_line fragment; do
    [ -n "$expect_line" ] || continue
    checks=$((checks + 1)) block_checks=$((block_checks + 1))
    if ! matches "$output" "$fragment"; then
      report_failure "$i" "$expect_line" "expected the output to contain: $fragment"
      ok=
    fi
  done <"$WORK/expect.$i"
  if [ -n "$ok" ]; then passed_steps=$((passed_steps + 1)); else block_ok=; fi
done
block_done
if [ "$driver_status" != 0 ]; then
  failures=$((failures + 1))
  if [ "$driver_status" = 124 ]; then
    echo "FAILED: the blocks took longer than ${RUN_TIMEOUT}s (README_TEST_TIMEOUT)"
  else
    echo "FAILED: the examples' shell exited with status $driver_status"
  fi
  tail -n 20 "$WORK/driver.log" | sed 's/^/    /'
fi
if [ "$before" != "$after" ]; then
  failures=$((failures + 1))
  echo "FAILED: the examples changed the repository (write files to /tmp):"
  diff <(echo "$before") <(echo "$after") | grep '^[<>]' | sed 's/^/    /'
fi
if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
  failures=$((failures + 1))
  echo "FAILED: the service exited while the examples ran"
  tail -n 40 "$WORK/service.log" | sed 's/^/    /'
fi

ignored=0
[ -f "$WORK/ignored.tsv" ] && ignored=$(awk -F'\t' '$2 == "skip"' "$WORK/ignored.tsv" | wc -l)
summary="$blocks_run blocks run ($ignored marked skip, $skipped_python python skipped), $passed_steps of"
summary+=" $(awk -F'\t' '$2 == "sh" || ($2 == "python" && ok)' ok="$python_ok" "$WORK/steps.tsv" | wc -l) steps"
summary+=" passed, $checks answers checked, $((SECONDS - started))s"
if [ "$failures" != 0 ]; then
  echo "readme-examples: FAILED ($failures): $summary"
  exit 1
fi
echo "readme-examples: OK: $summary"
