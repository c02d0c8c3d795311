output "partitions" {
  description = "Partitions of each event topic and of each dead-letter topic (SHOP_RELAY_PARTITIONS, SHOP_PROJECTOR_PARTITIONS)."
  value       = local.partitions

  precondition {
    condition     = local.partitions_needed <= local.max_partitions
    error_message = "The load needs ${local.partitions_needed} partitions per topic, above the supported ${local.max_partitions}: split the stream (more topics) or raise per_worker_events_per_second."
  }
}

output "max_workers" {
  description = "Most cache-projector workers KEDA may run (maxReplicaCount); never more than the partitions."
  value       = local.max_workers
}

output "min_workers" {
  description = "Workers kept running without lag (minReplicaCount)."
  value       = local.min_workers
}

output "workers_for_peak" {
  description = "Workers the peak needs with headroom, before the cap at the partition count."
  value       = local.workers_for_peak
}

output "lag_threshold" {
  description = "KEDA Kafka lagThreshold: events one worker drains within drain_target_seconds (at least 10)."
  value       = local.lag_threshold
}

output "retention_hours" {
  description = "Retention of the event topics, in hours."
  value       = var.retention_hours
}

output "topic_retention_ms" {
  description = "retention.ms of the event topics."
  value       = local.retention_ms
}

output "replication_factor" {
  description = "Replication factor of the topics."
  value       = var.replication_factor
}

output "kafka_broker_count" {
  description = "Suggested MSK broker count (a multiple of 3) for throughput, storage and partition limits."
  value       = local.kafka_broker_count
}

output "kafka_storage_gib_per_broker" {
  description = "EBS volume per broker (GiB) holding the retention window with all replicas and headroom."
  value       = local.kafka_storage_gib_per_broker
}

output "kafka_total_storage_gib" {
  description = "Kafka storage over all brokers (GiB)."
  value       = local.kafka_total_storage_gib
}

output "redis_shard_count" {
  description = "Suggested Redis cluster-mode shard (node group) count."
  value       = local.redis_shard_count

  precondition {
    condition     = local.redis_shards_needed <= local.redis_max_shards
    error_message = "The load needs ${local.redis_shards_needed} Redis shards, above ElastiCache's ${local.redis_max_shards}: use a larger node type (raise redis_ops_per_second_per_shard / redis_memory_gib_per_shard)."
  }
}

output "summary" {
  description = "All derived figures in one map, for plans and dashboards."
  value = {
    partitions                   = local.partitions
    partitions_needed            = local.partitions_needed
    workers_for_peak             = local.workers_for_peak
    max_workers                  = local.max_workers
    min_workers                  = local.min_workers
    lag_threshold                = local.lag_threshold
    drain_seconds_at_threshold   = local.time_to_drain_peak
    topic_retention_ms           = local.retention_ms
    ingress_peak_mb_per_second   = local.ingress_peak_mbps
    ingress_avg_mb_per_second    = local.ingress_avg_mbps
    kafka_broker_count           = local.kafka_broker_count
    kafka_total_storage_gib      = local.kafka_total_storage_gib
    kafka_storage_gib_per_broker = local.kafka_storage_gib_per_broker
    redis_shard_count            = local.redis_shard_count
  }
}
