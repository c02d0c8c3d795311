#!/bin/bash
# kafka-topics.sh: Kafka's tool of the same name (org.apache.kafka.tools.TopicCommand).
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.TopicCommand "$@"
