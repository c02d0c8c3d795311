#!/usr/bin/env bash
# infra/simulate.sh [options]: runs the autoscaler's simulator (plain JDK code, so the module's plain
# jar is the whole classpath), building the module first when its jar is missing or older than its sources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=autoscaler/target/autoscaler-0.1.0-SNAPSHOT.jar
if [[ ! -f $jar ]] || [[ -n $(find autoscaler/src/main autoscaler/pom.xml -newer "$jar" -print -quit) ]]; then
  ./mvnw -B -ntp -q -DskipTests -pl autoscaler -am package >&2
fi
exec java -Djava.awt.headless=true -cp "$jar" shop.autoscaler.simulate.Simulate "$@"
