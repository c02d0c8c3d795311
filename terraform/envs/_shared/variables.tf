# Everything an environment may differ in. envs/dev and envs/prod set these in terraform.tfvars;
# the configuration itself is the same file for both (symlinks to envs/_shared).

variable "environment" {
  description = "Environment name; also the Kustomize overlay applied (infra/k8s/overlays/<environment>)."
  type        = string

  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod."
  }
}

variable "aws_region" {
  description = "AWS region of the environment."
  type        = string
}

# ----- network ---------------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "CIDR of the VPC (/16)."
  type        = string
  default     = "10.0.0.0/16"
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per AZ."
  type        = bool
  default     = false
}

# ----- EKS -------------------------------------------------------------------------------------

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
  default     = "1.31"
}

variable "eks_public_access_cidrs" {
  description = "CIDRs that may reach the public Kubernetes API endpoint; empty = private endpoint only."
  type        = list(string)
  default     = []
}

variable "node_groups" {
  description = "Managed node groups (see modules/eks)."
  type = map(object({
    instance_types = list(string)
    min_size       = number
    max_size       = number
    desired_size   = number
    capacity_type  = optional(string, "ON_DEMAND")
    disk_size_gib  = optional(number, 50)
    labels         = optional(map(string), {})
  }))
}

# ----- capacity --------------------------------------------------------------------------------

variable "capacity" {
  description = "Load figures for the capacity module; omitted attributes take the module's defaults."
  type = object({
    peak_events_per_second          = number
    average_events_per_second       = optional(number)
    per_worker_events_per_second    = number
    per_partition_events_per_second = optional(number, 5000)
    drain_target_seconds            = number
    retention_hours                 = number
    average_event_bytes             = optional(number, 1024)
    headroom                        = optional(number, 1.5)
    min_workers                     = optional(number, 1)
    per_broker_write_mb_per_second  = optional(number, 40)
    max_partitions_per_broker       = optional(number, 1000)
    redis_live_views                = optional(number, 100000)
    redis_average_view_bytes        = optional(number, 2048)
    redis_ops_per_second_per_shard  = optional(number, 50000)
    redis_memory_gib_per_shard      = optional(number, 10)
    min_redis_shards                = optional(number, 1)
  })
}

# ----- MSK -------------------------------------------------------------------------------------

variable "msk_kafka_version" {
  description = "Kafka version of the MSK cluster."
  type        = string
  default     = "3.6.0"
}

variable "msk_broker_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.m5.large"
}

variable "msk_broker_count" {
  description = "Broker count; null = the capacity module's suggestion."
  type        = number
  default     = null
}

variable "msk_volume_size_gib" {
  description = "EBS per broker; null = the capacity module's suggestion."
  type        = number
  default     = null
}

variable "kafka_admin_cidrs" {
  description = "CIDRs (VPN, CI runner) allowed to reach the brokers, e.g. for the kafka-topics module."
  type        = list(string)
  default     = []
}

variable "manage_kafka_topics" {
  description = "Create the topics with Terraform (needs network access to the brokers); false = the services create them."
  type        = bool
  default     = true
}

variable "dlt_retention_hours" {
  description = "Retention of the dead-letter topics."
  type        = number
  default     = 720
}

# ----- ElastiCache -----------------------------------------------------------------------------

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.r7g.large"
}

variable "redis_shard_count" {
  description = "Shards; null = the capacity module's suggestion."
  type        = number
  default     = null
}

variable "redis_replicas_per_shard" {
  description = "Replicas per shard (>= 1)."
  type        = number
  default     = 1
}

# ----- RDS -------------------------------------------------------------------------------------

variable "rds_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.r6g.large"
}

variable "rds_allocated_storage_gib" {
  description = "Initial RDS storage."
  type        = number
  default     = 100
}

variable "rds_max_allocated_storage_gib" {
  description = "RDS storage autoscaling ceiling."
  type        = number
  default     = 1000
}

variable "rds_backup_retention_days" {
  description = "RDS backup retention."
  type        = number
  default     = 14
}

variable "deletion_protection" {
  description = "Protect RDS from deletion and keep a final snapshot; also keeps ECR repositories that hold images."
  type        = bool
  default     = true
}

# ----- cluster add-ons and the shop --------------------------------------------------------------

variable "keda_chart_version" {
  description = "kedacore/keda chart version."
  type        = string
  default     = "2.16.1"
}

variable "external_secrets_chart_version" {
  description = "external-secrets chart version."
  type        = string
  default     = "0.17.0"
}

variable "jwk_set_uri" {
  description = "The identity provider's JSON Web Key Set URL (e.g. https://<your-idp>/.well-known/jwks.json): the services accept bearer tokens signed by its keys."
  type        = string
}

variable "image_tag" {
  description = "Image tag of the four services to deploy. null = do not deploy the shop yet (before the first image push)."
  type        = string
  default     = null
}

variable "scaling_mode" {
  description = "cache-projector scaling: kafka-lag or predictive."
  type        = string
  default     = "kafka-lag"
}

variable "extra_tags" {
  description = "Additional tags on every AWS resource."
  type        = map(string)
  default     = {}
}
