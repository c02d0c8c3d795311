#!/bin/bash
# kafka-storage.sh: Kafka's tool of the same name (kafka.tools.StorageTool).
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
