variable "name" {
  description = "Replication group id, e.g. shop-dev (lowercase, starts with a letter, at most 40 characters)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,39}$", var.name))
    error_message = "name: lowercase letters, digits and hyphens, starting with a letter, at most 40 characters."
  }
}

variable "vpc_id" {
  description = "VPC of the cache."
  type        = string
}

variable "subnet_ids" {
  description = "Data subnets, one per AZ."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Multi-AZ needs subnets in at least two AZs."
  }
}

variable "client_security_groups" {
  description = "Security groups allowed to connect, by a static label (e.g. { eks = <cluster security group id> })."
  type        = map(string)
}

variable "engine_version" {
  description = "Redis OSS engine version."
  type        = string
  default     = "7.1"
}

variable "node_type" {
  description = "Node type of every primary and replica."
  type        = string
  default     = "cache.r7g.large"
}

variable "shard_count" {
  description = "Node groups (shards) in cluster mode; the capacity module suggests one (redis_shard_count)."
  type        = number
  default     = 1

  validation {
    condition     = var.shard_count >= 1 && var.shard_count <= 500
    error_message = "shard_count must be between 1 and 500."
  }
}

variable "replicas_per_shard" {
  description = "Replicas per shard; at least 1 for automatic failover and Multi-AZ."
  type        = number
  default     = 1

  validation {
    condition     = var.replicas_per_shard >= 1 && var.replicas_per_shard <= 5
    error_message = "replicas_per_shard must be between 1 and 5 (failover needs a replica)."
  }
}

variable "snapshot_retention_days" {
  description = "Daily snapshots kept; 0 disables them (the cache can be rebuilt by replaying the event topics)."
  type        = number
  default     = 1
}

variable "maintenance_window" {
  description = "Weekly maintenance window (UTC)."
  type        = string
  default     = "sun:03:00-sun:04:00"
}

variable "slow_log_retention_days" {
  description = "Retention of the slow log in CloudWatch."
  type        = number
  default     = 14
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
