#!/bin/bash
# kafka-broker-api-versions.sh: Kafka's tool of the same name (kafka.admin.BrokerApiVersionsCommand).
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.BrokerApiVersionsCommand "$@"
