#!/usr/bin/env bash
# Runs one of the shipped benchmarks; each prints its figures as ratios against a baseline measured in the
# same run. Usage: ./benchmark.sh NAME [options]   (./benchmark.sh with no NAME lists them)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/benchmarks/target/hl7gw-benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "benchmark: building..." >&2
  "$root/mvnw" -q -B -f "$root/pom.xml" -DskipTests -pl benchmarks -am package >&2
  touch "$jar"
fi
exec java -Dlogback.configurationFile=logback.xml ${BENCH_JAVA_OPTS:-} -jar "$jar" "$@"
