variable "cluster_name" {
  description = "EKS cluster whose managed node groups are scaled."
  type        = string
}

variable "kubernetes_version" {
  description = "Cluster Kubernetes minor version; the autoscaler image follows it (v<minor>.0)."
  type        = string
}

variable "aws_region" {
  description = "Region of the cluster."
  type        = string
}

variable "oidc_provider_arn" {
  description = "IAM OIDC provider of the cluster (eks module)."
  type        = string
}

variable "oidc_issuer" {
  description = "OIDC issuer without https:// (eks module)."
  type        = string
}

variable "chart_version" {
  description = "Version of the kubernetes/autoscaler cluster-autoscaler chart."
  type        = string
  default     = "9.43.2"
}

variable "tags" {
  description = "Tags added to AWS resources."
  type        = map(string)
  default     = {}
}
