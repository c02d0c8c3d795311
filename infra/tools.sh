#!/usr/bin/env bash
# infra/tools.sh <command> [options]: runs shop-tools (bench, token, dev-issuer; each has --help),
# building it first when its jar is missing or older than its sources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=shop-tools/target/shop-tools-0.1.0-SNAPSHOT-exec.jar
if [[ ! -f $jar ]] || [[ -n $(find shop-tools/src shop-tools/pom.xml -newer "$jar" -print -quit) ]]; then
  ./mvnw -B -ntp -q -DskipTests -pl shop-tools -am package >&2
fi
exec java -jar "$jar" "$@"
