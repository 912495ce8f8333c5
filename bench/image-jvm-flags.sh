# Sourced by the benchmark scripts: the image's JVM flags (the Dockerfile's JAVA_TOOL_OPTIONS: collector,
# heap kept whole, initiating occupancy, exit on OOM) with its share of the container's memory replaced by a
# fixed heap, so that every benchmark runs the JVM as the image does, on a heap of the size it names.
#   read -r -a JVM_FLAGS <<<"$(image_jvm_flags 256m)"
image_jvm_flags() { # heap
  local options
  options=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' "$(dirname "${BASH_SOURCE[0]}")/../Dockerfile" | tail -1)
  [ -n "$options" ] || { echo "no JAVA_TOOL_OPTIONS in the Dockerfile" >&2; return 1; }
  echo "-Xmx$1 -XX:InitialHeapSize=$1 $(echo "$options" | tr ' ' '\n' | grep -v 'RAMPercentage=' | tr '\n' ' ')"
}
