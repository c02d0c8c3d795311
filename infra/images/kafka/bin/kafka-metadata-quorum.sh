#!/bin/bash
# kafka-metadata-quorum.sh: Kafka's tool of the same name (org.apache.kafka.tools.MetadataQuorumCommand).
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.MetadataQuorumCommand "$@"
