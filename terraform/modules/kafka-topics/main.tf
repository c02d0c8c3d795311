# The shop's topics on MSK through the Mongey/kafka provider (configured by the calling root
# module: SASL/IAM over TLS on port 9098, so no password is involved). The provider talks to the
# brokers directly: run Terraform from inside the VPC (CI runner, bastion, VPN), or leave this
# module out and let the services create the topics at start (they do, from SHOP_RELAY_PARTITIONS /
# SHOP_PROJECTOR_PARTITIONS, inheriting the broker defaults the msk module sets).
#
# Event topics keep events for retention_hours with cleanup.policy=delete: keys are aggregate ids
# and every event matters, so compaction would be wrong. The event store in PostgreSQL is the
# source of truth; replay tooling republishes anything older than the retention.

locals {
  event_topics = {
    for t in var.event_topics : t => {
      retention_ms = var.retention_hours * 3600000
    }
  }

  dead_letter_topics = {
    for t in var.event_topics : "${t}.dlt" => {
      retention_ms = max(var.dlt_retention_hours, var.retention_hours) * 3600000
    }
  }

  topics = merge(local.event_topics, local.dead_letter_topics)
}

resource "kafka_topic" "this" {
  for_each = local.topics

  name               = each.key
  partitions         = var.partitions
  replication_factor = var.replication_factor

  config = {
    "cleanup.policy"         = "delete"
    "retention.ms"           = tostring(each.value.retention_ms)
    "retention.bytes"        = "-1"
    "min.insync.replicas"    = tostring(var.min_insync_replicas)
    "max.message.bytes"      = tostring(var.max_message_bytes)
    "message.timestamp.type" = "CreateTime"
  }
}
