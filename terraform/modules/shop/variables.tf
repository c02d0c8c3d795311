variable "overlay_path" {
  description = "Path of the Kustomize overlay to apply (infra/k8s/overlays/<environment>), relative to the root module directory (Terraform's working directory); Kustomize rejects absolute paths."
  type        = string
}

variable "predictive_component_path" {
  description = "Path of infra/k8s/components/predictive, relative like overlay_path (used when scaling_mode = predictive)."
  type        = string
}

variable "scaling_mode" {
  description = "kafka-lag: KEDA scales the cache-projector on consumer lag (two kafka triggers). predictive: KEDA follows the autoscaler service (metrics-api trigger)."
  type        = string
  default     = "kafka-lag"

  validation {
    condition     = contains(["kafka-lag", "predictive"], var.scaling_mode)
    error_message = "scaling_mode must be kafka-lag or predictive."
  }
}

variable "image_repository_urls" {
  description = "ECR repository URL by service (ecr module: repository_urls)."
  type        = map(string)

  validation {
    condition     = alltrue([for s in ["cart-service", "order-service", "cache-projector", "autoscaler", "shop-tools"] : contains(keys(var.image_repository_urls), s)])
    error_message = "image_repository_urls needs cart-service, order-service, cache-projector, autoscaler and shop-tools."
  }
}

variable "image_tag" {
  description = "Image tag deployed for every image (ECR tags are immutable: the git revision `./shop images --push` pushes)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a valid OCI tag."
  }
}

variable "aws_region" {
  description = "Region of the Secrets Manager secrets."
  type        = string
}

variable "kafka_bootstrap_servers" {
  description = "SASL/SCRAM bootstrap brokers (msk module: bootstrap_brokers_sasl_scram)."
  type        = string
}

variable "redis_configuration_endpoint" {
  description = "Cluster-mode configuration endpoint (elasticache module)."
  type        = string
}

variable "redis_port" {
  description = "Redis port."
  type        = number
  default     = 6379
}

variable "jdbc_url" {
  description = "JDBC URL of the event store (rds module: jdbc_url)."
  type        = string
}

variable "db_secret_arn" {
  description = "RDS-managed master user secret ({username, password})."
  type        = string
}

variable "redis_secret_arn" {
  description = "Redis AUTH token secret ({auth_token})."
  type        = string
}

variable "kafka_secret_arn" {
  description = "MSK SCRAM secret ({username, password})."
  type        = string
}

variable "secret_refresh_interval" {
  description = "How often the External Secrets Operator re-reads the secrets (picks up RDS rotations)."
  type        = string
  default     = "1h"
}

variable "jwk_set_uri" {
  description = "The identity provider's JSON Web Key Set URL, whose keys sign the bearer tokens the services accept."
  type        = string
}

variable "partitions" {
  description = "Partitions of the event and dead-letter topics (capacity module)."
  type        = number
}

variable "replication_factor" {
  description = "Replication factor the services use when they create a topic."
  type        = number
  default     = 3
}

variable "min_workers" {
  description = "KEDA minReplicaCount of the cache-projector (capacity module)."
  type        = number
}

variable "max_workers" {
  description = "KEDA maxReplicaCount of the cache-projector (capacity module)."
  type        = number

  validation {
    condition     = var.max_workers >= 1
    error_message = "max_workers must be at least 1."
  }
}

variable "lag_threshold" {
  description = "KEDA Kafka lagThreshold (capacity module)."
  type        = number

  validation {
    condition     = var.lag_threshold >= 10
    error_message = "lag_threshold must be at least 10."
  }
}

variable "platform_dependencies" {
  description = "Values of the add-ons the shop needs first (KEDA, External Secrets, topics); only used to order the apply."
  type        = list(string)
  default     = []
}
