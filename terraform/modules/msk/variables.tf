variable "name" {
  description = "Name of the MSK cluster, e.g. shop-dev."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the brokers."
  type        = string
}

variable "subnet_ids" {
  description = "Data subnets, one per AZ (three)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) == 3
    error_message = "MSK is laid out over exactly three AZs here."
  }
}

variable "client_security_groups" {
  description = "Security groups whose members may connect as clients, by a static label (e.g. { eks = <cluster security group id> }); static keys keep for_each plannable before the groups exist."
  type        = map(string)
}

variable "client_cidr_blocks" {
  description = "Extra CIDRs allowed to connect, e.g. the VPN or CI runner that applies the kafka-topics module."
  type        = list(string)
  default     = []
}

variable "kafka_version" {
  description = "Apache Kafka version of the cluster."
  type        = string
  default     = "3.6.0"
}

variable "broker_instance_type" {
  description = "Broker instance type."
  type        = string
  default     = "kafka.m5.large"
}

variable "broker_count" {
  description = "Number of brokers; a multiple of the three AZs (see the capacity module)."
  type        = number
  default     = 3

  validation {
    condition     = var.broker_count >= 3 && var.broker_count % 3 == 0
    error_message = "broker_count must be a multiple of 3 (three AZs)."
  }
}

variable "volume_size_gib" {
  description = "EBS volume per broker, GiB (capacity module: kafka_storage_gib_per_broker)."
  type        = number
  default     = 100

  validation {
    condition     = var.volume_size_gib >= 1 && var.volume_size_gib <= 16384
    error_message = "volume_size_gib must be between 1 and 16384."
  }
}

variable "default_partitions" {
  description = "num.partitions for topics created without an explicit count."
  type        = number
  default     = 12
}

variable "default_replication_factor" {
  description = "default.replication.factor of the cluster."
  type        = number
  default     = 3
}

variable "log_retention_hours" {
  description = "Cluster-wide default retention (log.retention.hours); topics created by the apps inherit it."
  type        = number
  default     = 168
}

variable "enable_iam_auth" {
  description = "Also enable SASL/IAM (port 9098): used by the kafka-topics Terraform provider and optionally by KEDA."
  type        = bool
  default     = true
}

variable "scram_username" {
  description = "SASL/SCRAM user of the applications (the password is generated and kept in Secrets Manager)."
  type        = string
  default     = "shop"

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_-]{2,63}$", var.scram_username))
    error_message = "scram_username: 3-64 characters, letters, digits, - and _."
  }
}

variable "enhanced_monitoring" {
  description = "MSK CloudWatch metrics level; PER_TOPIC_PER_PARTITION exposes consumer lag per partition."
  type        = string
  default     = "PER_TOPIC_PER_PARTITION"

  validation {
    condition     = contains(["DEFAULT", "PER_BROKER", "PER_TOPIC_PER_BROKER", "PER_TOPIC_PER_PARTITION"], var.enhanced_monitoring)
    error_message = "Unknown enhanced_monitoring level."
  }
}

variable "log_retention_days" {
  description = "Retention of the broker logs in CloudWatch."
  type        = number
  default     = 14
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
