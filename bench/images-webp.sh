#!/usr/bin/env bash
# WebP against JPEG: bytes and SSIM of the answers at full size, 256 and 64 over the demo avatars and
# GENERATED generated pictures (photos and drawings, bench/images/GeneratedImages.java), through the
# service's own normaliser and encoder (bench/images/ImageBench.java); also what the WebP encoder adds
# to the jar and how long its first use takes.
#
#   bench/images-webp.sh                       # quality 0.9 (the default of facecard.avatar.webp-quality)
#   QUALITY=0.8 GENERATED=40 bench/images-webp.sh
#   SKIP_BUILD=true bench/images-webp.sh       # use target/classes as built (bench/run.sh does)
#
# Needs a Java 25 runtime under /usr/lib/jvm (else `java`, 22+). Writes the "WebP" section of
# bench/RESULTS-images.md.
set -euo pipefail
cd "$(dirname "$0")/.."

QUALITY=${QUALITY:-0.9}
GENERATED=${GENERATED:-24}
RESULTS=${RESULTS:-bench/RESULTS-images.md}
OUT=bench/out
mkdir -p "$OUT"
JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java; do
  [ -x "$candidate" ] && JAVA=$candidate && break
done

if [ "${SKIP_BUILD:-false}" = true ]; then
  # the caller built target/classes: only the classpath, no lifecycle (a tree edited meanwhile is not compiled)
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt"
else
  ./mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt"
fi
CP="target/classes:$(cat "$OUT/classpath.txt")"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" bench/images/ImageBench.java "$QUALITY" src/main/resources/demo \
  "$GENERATED" | tee "$OUT/images-webp.txt"

{
  echo "<!-- webp:begin -->"
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) with \`QUALITY=$QUALITY GENERATED=$GENERATED bench/images-webp.sh\`,"
  echo "$("$JAVA" -version 2>&1 | head -1):"
  echo
  grep -v '^first WebP' "$OUT/images-webp.txt" | awk '/^WebP quality/{summary=1} summary'
  echo
  grep '^first WebP' "$OUT/images-webp.txt"
  echo
  echo "<details><summary>Every picture</summary>"
  echo
  awk '/^WebP quality/{exit} /^\|/' "$OUT/images-webp.txt"
  echo
  echo "</details>"
  echo "<!-- webp:end -->"
} >"$OUT/images-webp.section"
bench/images/replace-section.sh webp "$OUT/images-webp.section" "$RESULTS"
