variable "name" {
  description = "Identifier of the DB instance, e.g. shop-dev."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the database."
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
  description = "PostgreSQL version: a 15 major (\"15\" lets RDS pick the default 15.x minor)."
  type        = string
  default     = "15"

  validation {
    condition     = can(regex("^15(\\.[0-9]+)?$", var.engine_version))
    error_message = "The event store runs on PostgreSQL 15: engine_version must be 15 or 15.x."
  }
}

variable "instance_class" {
  description = "DB instance class."
  type        = string
  default     = "db.r6g.large"
}

variable "allocated_storage_gib" {
  description = "Initial gp3 storage, GiB."
  type        = number
  default     = 100

  validation {
    condition     = var.allocated_storage_gib >= 20
    error_message = "allocated_storage_gib must be at least 20."
  }
}

variable "max_allocated_storage_gib" {
  description = "Storage autoscaling ceiling, GiB (the event store only grows)."
  type        = number
  default     = 1000
}

variable "db_name" {
  description = "Database created on the instance; the services each own a schema in it (cart, orders)."
  type        = string
  default     = "shop"
}

variable "master_username" {
  description = "Master user name. Its password is generated and rotated by RDS in Secrets Manager."
  type        = string
  default     = "shop_admin"
}

variable "multi_az" {
  description = "Standby in a second AZ with synchronous replication and automatic failover."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Automated backup retention (point-in-time recovery window)."
  type        = number
  default     = 14

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35: the event store is the source of truth."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the instance."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Skip the final snapshot on deletion (dev only)."
  type        = bool
  default     = false
}

variable "performance_insights_enabled" {
  description = "Enable Performance Insights (7 days free)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
