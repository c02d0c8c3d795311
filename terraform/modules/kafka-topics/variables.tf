variable "event_topics" {
  description = "Event topics; each gets a dead-letter topic <name>.dlt."
  type        = set(string)
  default     = ["shop.cart.events", "shop.order.events"]
}

variable "partitions" {
  description = "Partitions of every topic (capacity module: partitions). Can only grow; growing remaps keys."
  type        = number

  validation {
    condition     = var.partitions >= 1 && floor(var.partitions) == var.partitions
    error_message = "partitions must be a positive whole number."
  }
}

variable "replication_factor" {
  description = "Replication factor of every topic."
  type        = number
  default     = 3
}

variable "min_insync_replicas" {
  description = "min.insync.replicas; with acks=all a write survives the loss of RF - this many brokers."
  type        = number
  default     = 2
}

variable "retention_hours" {
  description = "Retention of the event topics (capacity module: retention_hours): the replay window. Older history is republished from the PostgreSQL event store."
  type        = number

  validation {
    condition     = var.retention_hours >= 1
    error_message = "retention_hours must be at least 1."
  }
}

variable "dlt_retention_hours" {
  description = "Retention of the dead-letter topics; long enough for someone to look at every failed record."
  type        = number
  default     = 720
}

variable "max_message_bytes" {
  description = "max.message.bytes of the topics."
  type        = number
  default     = 1048576
}
