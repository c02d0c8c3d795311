variable "name" {
  description = "Prefix of the IAM role, e.g. shop-dev."
  type        = string
}

variable "namespace" {
  description = "Namespace of the External Secrets Operator."
  type        = string
  default     = "external-secrets"
}

variable "chart_version" {
  description = "Version of the external-secrets Helm chart (0.17+ serves the external-secrets.io/v1 API the shop module uses)."
  type        = string
  default     = "0.17.0"
}

variable "oidc_provider_arn" {
  description = "IAM OIDC provider of the cluster (eks module)."
  type        = string
}

variable "oidc_issuer" {
  description = "OIDC issuer without https:// (eks module)."
  type        = string
}

variable "secret_arns" {
  description = "Secrets Manager secrets the operator may read, by a static label."
  type        = map(string)
}

variable "kms_key_arns" {
  description = "KMS keys encrypting those secrets, by a static label."
  type        = map(string)
}

variable "tags" {
  description = "Tags added to AWS resources."
  type        = map(string)
  default     = {}
}
