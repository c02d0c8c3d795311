#!/bin/bash
# kafka-console-producer.sh: Kafka's tool of the same name (kafka.tools.ConsoleProducer).
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.ConsoleProducer "$@"
