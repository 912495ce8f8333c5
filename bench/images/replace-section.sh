#!/usr/bin/env bash
# replace-section.sh NAME SECTION RESULTS: puts the file SECTION (which starts with <!-- NAME:begin -->
# and ends with <!-- NAME:end -->) in place of that section of RESULTS, or at its end.
set -euo pipefail
name=$1 section=$2 results=$3
touch "$results"
if grep -q "<!-- $name:begin -->" "$results"; then
  awk -v f="$section" -v b="<!-- $name:begin -->" -v e="<!-- $name:end -->" '
    $0 == b { while ((getline line < f) > 0) print line; skip = 1; next }
    $0 == e { skip = 0; next }
    !skip' "$results" >"$results.tmp" && mv "$results.tmp" "$results"
else
  { echo; cat "$section"; } >>"$results"
fi
