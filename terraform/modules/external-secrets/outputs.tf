output "namespace" {
  description = "Namespace of the operator."
  value       = helm_release.this.namespace
}

output "role_arn" {
  description = "IRSA role of the operator."
  value       = aws_iam_role.this.arn
}

output "service_account" {
  description = "Service account the role is bound to."
  value       = local.service_account
}
