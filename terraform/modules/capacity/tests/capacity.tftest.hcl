# Offline tests of the capacity arithmetic: `terraform init -backend=false && terraform test`.
# The module has no providers, so every run is a plan that only evaluates variables, locals and
# outputs.

run "local_default" {
  command = plan

  assert {
    condition     = output.partitions == 12
    error_message = "The defaults must give the local/dev partition count of 12, got ${output.partitions}."
  }

  assert {
    condition     = output.max_workers == 2 && output.min_workers == 1
    error_message = "Defaults: expected workers 1..2, got ${output.min_workers}..${output.max_workers}."
  }

  assert {
    condition     = output.lag_threshold == 60000
    error_message = "Defaults: lag threshold must be 1000 ev/s * 60 s = 60000, got ${output.lag_threshold}."
  }

  assert {
    condition     = output.topic_retention_ms == 604800000
    error_message = "Defaults: 168 h retention must be 604800000 ms."
  }

  assert {
    condition     = output.kafka_broker_count == 3 && output.redis_shard_count == 1
    error_message = "Defaults: expected 3 brokers and 1 Redis shard."
  }

  assert {
    condition     = output.kafka_storage_gib_per_broker == 866
    error_message = "Defaults: 1000 ev/s * 1 KiB * 168 h * RF 3 * 1.5 over 3 brokers is 866 GiB, got ${output.kafka_storage_gib_per_broker}."
  }
}

run "dev_small" {
  command = plan

  variables {
    peak_events_per_second       = 200
    average_events_per_second    = 20
    per_worker_events_per_second = 500
    drain_target_seconds         = 30
    retention_hours              = 168
  }

  assert {
    condition     = output.partitions == 12 && output.max_workers == 1 && output.min_workers == 1
    error_message = "Dev: expected 12 partitions and a single worker."
  }

  assert {
    condition     = output.lag_threshold == 15000
    error_message = "Dev: lag threshold must be 500 * 30 = 15000."
  }

  assert {
    condition     = output.kafka_storage_gib_per_broker == 18
    error_message = "Dev: expected 18 GiB per broker, got ${output.kafka_storage_gib_per_broker}."
  }
}

# The figures envs/dev/terraform.tfvars produces must match infra/k8s/overlays/dev
# (SHOP_RELAY_PARTITIONS=12, ScaledObject 1..12).
run "env_dev_matches_overlay" {
  command = plan

  variables {
    peak_events_per_second       = 8000
    average_events_per_second    = 50
    per_worker_events_per_second = 1000
    drain_target_seconds         = 30
    retention_hours              = 168
    min_workers                  = 1
    max_partitions_per_broker    = 300
  }

  assert {
    condition     = output.partitions == 12 && output.min_workers == 1 && output.max_workers == 12
    error_message = "dev: expected 12 partitions and 1..12 workers, got ${output.partitions} and ${output.min_workers}..${output.max_workers}."
  }

  assert {
    condition     = output.lag_threshold == 30000 && output.kafka_broker_count == 3 && output.kafka_storage_gib_per_broker == 44 && output.redis_shard_count == 1
    error_message = "dev: expected lag 30000, 3 brokers x 44 GiB, 1 Redis shard."
  }
}

# The figures envs/prod/terraform.tfvars produces must match infra/k8s/overlays/prod
# (SHOP_RELAY_PARTITIONS=48, ScaledObject 3..48).
run "env_prod_matches_overlay" {
  command = plan

  variables {
    peak_events_per_second       = 32000
    average_events_per_second    = 4000
    per_worker_events_per_second = 1000
    drain_target_seconds         = 60
    retention_hours              = 168
    min_workers                  = 3
    redis_live_views             = 2000000
    max_partitions_per_broker    = 1000
  }

  assert {
    condition     = output.partitions == 48 && output.min_workers == 3 && output.max_workers == 48
    error_message = "prod: expected 48 partitions and 3..48 workers, got ${output.partitions} and ${output.min_workers}..${output.max_workers}."
  }

  assert {
    condition     = output.lag_threshold == 60000 && output.kafka_broker_count == 6 && output.kafka_storage_gib_per_broker == 1731 && output.redis_shard_count == 2
    error_message = "prod: expected lag 60000, 6 brokers x 1731 GiB, 2 Redis shards."
  }
}

run "medium" {
  command = plan

  variables {
    peak_events_per_second       = 20000
    average_events_per_second    = 5000
    per_worker_events_per_second = 1000
    drain_target_seconds         = 30
    min_workers                  = 3
  }

  assert {
    condition     = output.workers_for_peak == 30
    error_message = "Medium: 20000 / 1000 * 1.5 = 30 workers, got ${output.workers_for_peak}."
  }

  assert {
    condition     = output.partitions == 48
    error_message = "Medium: 30 workers round up to 48 partitions on the 12*2^k ladder, got ${output.partitions}."
  }

  assert {
    condition     = output.max_workers == 30 && output.min_workers == 3
    error_message = "Medium: expected workers 3..30."
  }

  assert {
    condition     = output.lag_threshold == 30000
    error_message = "Medium: lag threshold must be 1000 * 30 = 30000."
  }

  assert {
    condition     = output.redis_shard_count == 2
    error_message = "Medium: 20000 * 2 * 1.5 / 50000 = 1.2 -> 2 shards, got ${output.redis_shard_count}."
  }
}

run "internet_scale" {
  command = plan

  variables {
    peak_events_per_second       = 1000000
    average_events_per_second    = 400000
    per_worker_events_per_second = 2000
    drain_target_seconds         = 60
    retention_hours              = 72
    average_event_bytes          = 512
    min_workers                  = 12
  }

  assert {
    condition     = output.partitions >= 512
    error_message = "Internet scale needs at least 512 partitions, got ${output.partitions}."
  }

  assert {
    condition     = output.partitions == 768
    error_message = "Internet scale: 750 workers round up to 768 partitions, got ${output.partitions}."
  }

  assert {
    condition     = output.max_workers == 750 && output.max_workers <= output.partitions
    error_message = "Internet scale: expected 750 workers, not more than the partitions."
  }

  assert {
    condition     = output.lag_threshold == 120000
    error_message = "Internet scale: lag threshold must be 2000 * 60 = 120000."
  }

  assert {
    condition     = output.kafka_broker_count == 60 && output.kafka_broker_count % 3 == 0
    error_message = "Internet scale: expected 60 brokers (throughput-bound, multiple of 3), got ${output.kafka_broker_count}."
  }

  assert {
    condition     = output.kafka_storage_gib_per_broker <= 16384
    error_message = "A broker volume cannot exceed MSK's 16384 GiB."
  }

  assert {
    condition     = output.redis_shard_count == 60
    error_message = "Internet scale: 1e6 * 2 * 1.5 / 50000 = 60 shards, got ${output.redis_shard_count}."
  }
}

run "workers_capped_at_partitions" {
  command = plan

  variables {
    # 100 workers wanted, the per-partition budget alone asks for 30 partitions: 100 -> 192
    peak_events_per_second          = 100000
    per_worker_events_per_second    = 1500
    per_partition_events_per_second = 5000
  }

  assert {
    condition     = output.max_workers <= output.partitions
    error_message = "max_workers must never exceed the partitions."
  }

  assert {
    condition     = output.partitions == 192 && output.max_workers == 100
    error_message = "Expected 192 partitions and 100 workers, got ${output.partitions} and ${output.max_workers}."
  }
}

run "min_workers_above_need" {
  command = plan

  variables {
    peak_events_per_second = 10
    min_workers            = 3
  }

  assert {
    condition     = output.min_workers == 3 && output.max_workers == 3 && output.partitions == 12
    error_message = "min_workers above the need must lift max_workers to it, within 12 partitions."
  }
}

run "lag_threshold_floor" {
  command = plan

  variables {
    per_worker_events_per_second = 1
    drain_target_seconds         = 5
  }

  assert {
    condition     = output.lag_threshold == 10
    error_message = "The lag threshold never goes below 10, got ${output.lag_threshold}."
  }
}

run "too_many_partitions" {
  command = plan

  variables {
    peak_events_per_second         = 100000000
    per_worker_events_per_second   = 1
    redis_ops_per_second_per_shard = 1000000
  }

  expect_failures = [output.partitions]
}

run "too_many_redis_shards" {
  command = plan

  variables {
    # partitions stay within the ladder (1500 -> 1536); Redis needs 6000 shards at the defaults
    peak_events_per_second          = 100000000
    per_worker_events_per_second    = 100000
    per_partition_events_per_second = 100000
  }

  expect_failures = [output.redis_shard_count]
}

run "rejects_zero_peak" {
  command = plan

  variables {
    peak_events_per_second = 0
  }

  expect_failures = [var.peak_events_per_second]
}

run "rejects_headroom_below_one" {
  command = plan

  variables {
    headroom = 0.5
  }

  expect_failures = [var.headroom]
}

run "rejects_zero_retention" {
  command = plan

  variables {
    retention_hours = 0
  }

  expect_failures = [var.retention_hours]
}

run "rejects_average_above_peak" {
  command = plan

  variables {
    peak_events_per_second    = 100
    average_events_per_second = 200
  }

  expect_failures = [var.average_events_per_second]
}

run "rejects_partition_floor_below_12" {
  command = plan

  variables {
    min_partitions = 8
  }

  expect_failures = [var.min_partitions]
}

run "rejects_oversized_events" {
  command = plan

  variables {
    average_event_bytes = 2097152
  }

  expect_failures = [var.average_event_bytes]
}

run "rejects_fractional_drain_target" {
  command = plan

  variables {
    drain_target_seconds = 0.5
  }

  expect_failures = [var.drain_target_seconds]
}
