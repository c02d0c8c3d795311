#!/usr/bin/env bash
# infra/bench.sh: `./shop bench <name> [options]`, the benchmark programs of shop-tools (each has --help).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=shop-tools/target/shop-tools-0.1.0-SNAPSHOT-exec.jar
if [[ ! -f $jar ]] || [[ -n $(find shop-tools/src shop-tools/pom.xml -newer "$jar" -print -quit) ]]; then
  ./mvnw -B -ntp -q -DskipTests -pl shop-tools -am package
fi
exec java -jar "$jar" bench "$@"
