output "namespace" {
  description = "Namespace of the KEDA operator (it calls the metrics-api URL from there)."
  value       = helm_release.keda.namespace
}

output "chart_version" {
  description = "Installed KEDA chart version."
  value       = helm_release.keda.version
}

output "operator_role_arn" {
  description = "IRSA role of the KEDA operator for MSK IAM, or null."
  value       = local.create_role ? aws_iam_role.operator[0].arn : null
}
