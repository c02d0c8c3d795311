# Capacity arithmetic for the shop's event pipeline. Everything here is derived from the inputs;
# the other modules (kafka-topics, msk, elasticache, shop) consume the outputs.
locals {
  # Topics sized here: shop.cart.events, shop.order.events and their two dead-letter topics, which
  # the projector creates with the same partition count as their source topic.
  topic_count = 4

  # Partition counts come from the ladder 12 * 2^k (12, 24, 48, ..., 12288): every value divides
  # evenly among 1, 2, 3, 4, 6 and 12 consumers, and each step doubles. Kafka can only ever add
  # partitions, and adding them remaps keys to partitions (per-aggregate order breaks during the
  # switch), so the count is chosen in big steps and for the long run.
  partition_ladder = [for k in range(0, 11) : 12 * pow(2, k)]
  max_partitions   = local.partition_ladder[length(local.partition_ladder) - 1]

  average_events_per_second = coalesce(var.average_events_per_second, var.peak_events_per_second)

  # Workers needed to keep up with the peak, with headroom.
  workers_for_peak = ceil(var.peak_events_per_second / var.per_worker_events_per_second * var.headroom)

  # Partitions needed so that no partition carries more than its write budget at the peak.
  partitions_for_throughput = ceil(var.peak_events_per_second * var.headroom / var.per_partition_events_per_second)

  # A consumer group uses at most one worker per partition: partitions >= the most workers wanted.
  partitions_needed = max(var.min_partitions, local.workers_for_peak, var.min_workers, local.partitions_for_throughput)
  partitions_fit    = [for p in local.partition_ladder : p if p >= local.partitions_needed]
  partitions        = length(local.partitions_fit) > 0 ? local.partitions_fit[0] : local.partitions_needed

  max_workers = min(local.partitions, max(local.workers_for_peak, var.min_workers))
  min_workers = min(var.min_workers, local.max_workers)

  # KEDA's Kafka scaler asks for ceil(total lag / lagThreshold) workers. With the threshold set to
  # what one worker drains within the drain target, any backlog is worked off in about that time.
  lag_threshold = max(10, floor(var.per_worker_events_per_second * var.drain_target_seconds))

  retention_seconds  = var.retention_hours * 3600
  retention_ms       = local.retention_seconds * 1000
  gib                = 1073741824
  peak_bytes_per_sec = var.peak_events_per_second * var.average_event_bytes
  avg_bytes_per_sec  = local.average_events_per_second * var.average_event_bytes

  # Kafka storage for the whole retention window, all replicas, with headroom.
  kafka_total_storage_gib = ceil(local.avg_bytes_per_sec * local.retention_seconds * var.replication_factor * var.headroom / local.gib)

  # MSK caps one broker's EBS volume at 16384 GiB.
  msk_max_volume_gib = 16384

  brokers_for_throughput = ceil(local.peak_bytes_per_sec * var.replication_factor * var.headroom / (var.per_broker_write_mb_per_second * 1000000))
  brokers_for_storage    = ceil(local.kafka_total_storage_gib / local.msk_max_volume_gib)
  brokers_for_partitions = ceil(local.partitions * local.topic_count * var.replication_factor / var.max_partitions_per_broker)

  # MSK spreads brokers evenly over the three AZs: a multiple of 3, never fewer than 3 or than the
  # replication factor.
  kafka_broker_count = ceil(max(3, var.replication_factor, local.brokers_for_throughput, local.brokers_for_storage, local.brokers_for_partitions) / 3) * 3

  kafka_storage_gib_per_broker = max(1, ceil(local.kafka_total_storage_gib / local.kafka_broker_count))

  redis_shards_for_ops    = ceil(var.peak_events_per_second * var.redis_ops_per_event * var.headroom / var.redis_ops_per_second_per_shard)
  redis_shards_for_memory = ceil(var.redis_live_views * var.redis_average_view_bytes * var.headroom / (var.redis_memory_gib_per_shard * local.gib))
  redis_shards_needed     = max(var.min_redis_shards, local.redis_shards_for_ops, local.redis_shards_for_memory)

  # ElastiCache allows up to 500 node groups in cluster mode.
  redis_max_shards   = 500
  redis_shard_count  = min(local.redis_max_shards, local.redis_shards_needed)
  ingress_peak_mbps  = local.peak_bytes_per_sec / 1000000
  ingress_avg_mbps   = local.avg_bytes_per_sec / 1000000
  time_to_drain_peak = ceil(local.lag_threshold / var.per_worker_events_per_second)
}
