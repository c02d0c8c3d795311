variable "name" {
  description = "Prefix of the IAM role, e.g. shop-dev."
  type        = string
}

variable "namespace" {
  description = "Namespace of the KEDA operator."
  type        = string
  default     = "keda"
}

variable "chart_version" {
  description = "Version of the kedacore/keda Helm chart (KEDA 2.13+ for limitToPartitionsWithLag)."
  type        = string
  default     = "2.16.1"
}

variable "oidc_provider_arn" {
  description = "IAM OIDC provider of the cluster (eks module)."
  type        = string
}

variable "oidc_issuer" {
  description = "OIDC issuer without https:// (eks module)."
  type        = string
}

variable "msk_iam_cluster_arn" {
  description = "MSK cluster the operator may read consumer-group offsets from with SASL/IAM (IRSA). null = no role; the shop's triggers use SASL/SCRAM and do not need one."
  type        = string
  default     = null
}

variable "install_metrics_server" {
  description = "Install metrics-server (the CPU HorizontalPodAutoscalers of cart-service and order-service need it; EKS does not ship it)."
  type        = bool
  default     = true
}

variable "metrics_server_chart_version" {
  description = "Version of the metrics-server Helm chart."
  type        = string
  default     = "3.12.2"
}

variable "tags" {
  description = "Tags added to AWS resources."
  type        = map(string)
  default     = {}
}
