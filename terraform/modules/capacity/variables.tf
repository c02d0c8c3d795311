# ---------------------------------------------------------------------------------------------
# Load
# ---------------------------------------------------------------------------------------------

variable "peak_events_per_second" {
  description = "Highest sustained event rate the system must absorb, over all event topics together."
  type        = number
  default     = 1000

  validation {
    condition     = var.peak_events_per_second > 0 && var.peak_events_per_second <= 100000000
    error_message = "peak_events_per_second must be > 0 and <= 100,000,000."
  }
}

variable "average_events_per_second" {
  description = "Long-run average event rate; sizes Kafka storage for the retention window. null = use the peak (conservative)."
  type        = number
  default     = null

  validation {
    condition     = var.average_events_per_second == null || coalesce(var.average_events_per_second, 1) > 0
    error_message = "average_events_per_second must be > 0 when set."
  }

  validation {
    condition     = coalesce(var.average_events_per_second, var.peak_events_per_second) <= var.peak_events_per_second
    error_message = "average_events_per_second cannot exceed peak_events_per_second."
  }
}

variable "per_worker_events_per_second" {
  description = "Events one cache-projector worker applies per second (measure it; see the projector's metrics)."
  type        = number
  default     = 1000

  validation {
    condition     = var.per_worker_events_per_second > 0 && var.per_worker_events_per_second <= 10000000
    error_message = "per_worker_events_per_second must be > 0 and <= 10,000,000."
  }
}

variable "per_partition_events_per_second" {
  description = "Ceiling of events per second one partition should carry (broker-side write budget of a partition)."
  type        = number
  default     = 5000

  validation {
    condition     = var.per_partition_events_per_second >= 100
    error_message = "per_partition_events_per_second must be >= 100."
  }
}

variable "drain_target_seconds" {
  description = "How fast a backlog must be drained once workers are scaled out; sets the per-worker lag target for KEDA."
  type        = number
  default     = 60

  validation {
    condition     = var.drain_target_seconds >= 1 && var.drain_target_seconds <= 86400 && floor(var.drain_target_seconds) == var.drain_target_seconds
    error_message = "drain_target_seconds must be a whole number between 1 and 86400."
  }
}

variable "retention_hours" {
  description = "Minimum time every event stays on its topic (replay window). The PostgreSQL event store stays the source of truth; older history is republished from it."
  type        = number
  default     = 168

  validation {
    condition     = var.retention_hours >= 1 && var.retention_hours <= 87600 && floor(var.retention_hours) == var.retention_hours
    error_message = "retention_hours must be a whole number between 1 and 87600 (10 years)."
  }
}

variable "average_event_bytes" {
  description = "Average serialized size of one event envelope on the wire, in bytes."
  type        = number
  default     = 1024

  validation {
    condition     = var.average_event_bytes >= 1 && var.average_event_bytes <= 1048576
    error_message = "average_event_bytes must be between 1 and 1048576 (Kafka's default max message size)."
  }
}

variable "headroom" {
  description = "Safety factor applied to rates and storage (1.5 = 50% above the stated peak)."
  type        = number
  default     = 1.5

  validation {
    condition     = var.headroom >= 1 && var.headroom <= 10
    error_message = "headroom must be between 1 and 10."
  }
}

# ---------------------------------------------------------------------------------------------
# Floors and platform limits
# ---------------------------------------------------------------------------------------------

variable "min_partitions" {
  description = "Floor for the partition count of each event topic."
  type        = number
  default     = 12

  validation {
    condition     = var.min_partitions >= 12 && var.min_partitions <= 12288 && floor(var.min_partitions) == var.min_partitions
    error_message = "min_partitions must be a whole number between 12 and 12288."
  }
}

variable "min_workers" {
  description = "Workers kept running when there is no lag (KEDA minReplicaCount). 3 spreads them over the three AZs."
  type        = number
  default     = 1

  validation {
    condition     = var.min_workers >= 1 && var.min_workers <= 12288 && floor(var.min_workers) == var.min_workers
    error_message = "min_workers must be a whole number between 1 and 12288."
  }
}

variable "replication_factor" {
  description = "Replication factor of the Kafka topics."
  type        = number
  default     = 3

  validation {
    condition     = contains([1, 2, 3, 4, 5], var.replication_factor)
    error_message = "replication_factor must be 1, 2, 3, 4 or 5."
  }
}

variable "per_broker_write_mb_per_second" {
  description = "Write throughput (MB/s, replication included) one broker should sustain; 40 is a conservative kafka.m5.large figure."
  type        = number
  default     = 40

  validation {
    condition     = var.per_broker_write_mb_per_second > 0
    error_message = "per_broker_write_mb_per_second must be > 0."
  }
}

variable "max_partitions_per_broker" {
  description = "Partition replicas one broker may host (MSK guidance: 1000 for m5.large/xlarge, 2000 for 2xlarge, 4000 for 4xlarge and up)."
  type        = number
  default     = 4000

  validation {
    condition     = var.max_partitions_per_broker >= 100
    error_message = "max_partitions_per_broker must be >= 100."
  }
}

variable "redis_ops_per_event" {
  description = "Redis commands issued per applied event (the projector reads the view, then compare-and-sets it)."
  type        = number
  default     = 2

  validation {
    condition     = var.redis_ops_per_event > 0
    error_message = "redis_ops_per_event must be > 0."
  }
}

variable "redis_ops_per_second_per_shard" {
  description = "Commands per second one Redis shard (primary) should carry with TLS on."
  type        = number
  default     = 50000

  validation {
    condition     = var.redis_ops_per_second_per_shard >= 1000
    error_message = "redis_ops_per_second_per_shard must be >= 1000."
  }
}

variable "redis_live_views" {
  description = "Views (carts, orders) kept in Redis at the same time."
  type        = number
  default     = 100000

  validation {
    condition     = var.redis_live_views >= 0
    error_message = "redis_live_views must be >= 0."
  }
}

variable "redis_average_view_bytes" {
  description = "Average memory one view takes in Redis, overhead included."
  type        = number
  default     = 2048

  validation {
    condition     = var.redis_average_view_bytes >= 1
    error_message = "redis_average_view_bytes must be >= 1."
  }
}

variable "redis_memory_gib_per_shard" {
  description = "Usable memory per shard in GiB (cache.r7g.large has ~13 GiB; ~10 usable after reserved memory)."
  type        = number
  default     = 10

  validation {
    condition     = var.redis_memory_gib_per_shard > 0
    error_message = "redis_memory_gib_per_shard must be > 0."
  }
}

variable "min_redis_shards" {
  description = "Floor for the Redis shard (node group) count."
  type        = number
  default     = 1

  validation {
    condition     = var.min_redis_shards >= 1 && var.min_redis_shards <= 500 && floor(var.min_redis_shards) == var.min_redis_shards
    error_message = "min_redis_shards must be a whole number between 1 and 500."
  }
}
