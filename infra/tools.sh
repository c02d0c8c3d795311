#!/usr/bin/env bash
# infra/tools.sh <command> [options]: runs shop-tools (bench, token, dev-issuer; each has --help),
# building it first when its jar is missing or older than its sources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=shop-tools/target/shop-tools-0.1.0-SNAPSHOT-exec.jar
if [[ ! -f $jar ]] || [[ -n $(find shop-tools/src shop-tools/pom.xml -newer "$jar" -print -quit) ]]; then
  ./mvnw -B -ntp -q -DskipTests -pl shop-tools -am package >&2
fi
# The load generators run on the cores of the shop they measure. C1 alone compiles them for a fraction of
# the CPU that C2 spends in a run's first minute (half of a 35 s latency run's client CPU), CPU the services
# under test would otherwise lose. Benchmarks whose baseline runs in this JVM (JDBC, Redis) keep both.
jvm_options=()
case "${1:-} ${2:-}" in
  "load "* | "bench latency") jvm_options=(-XX:TieredStopAtLevel=1) ;;
esac
exec java "${jvm_options[@]}" -jar "$jar" "$@"
