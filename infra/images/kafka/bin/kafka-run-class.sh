#!/bin/bash
# kafka-run-class.sh CLASS [ARG...]: run a Kafka main class with the image's jars.
# Small stand-in for Kafka's script of the same name: tools log WARN to stderr; KAFKA_HEAP_OPTS
# (default -Xmx256M) and KAFKA_OPTS are honoured.
set -euo pipefail
if (($# < 1)); then
  echo "usage: $0 CLASS [ARG...]" >&2
  exit 2
fi
kafka_home=/opt/kafka
class=$1
shift
# Word splitting of the *_OPTS values is intended.
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -Djava.awt.headless=true \
  "-Dlog4j.configuration=file:$kafka_home/config/tools-log4j.properties" ${KAFKA_OPTS:-} \
  -cp "$kafka_home/libs/*" "$class" "$@"
