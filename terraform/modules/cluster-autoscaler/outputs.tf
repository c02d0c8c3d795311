output "role_arn" {
  description = "IRSA role of the cluster autoscaler."
  value       = aws_iam_role.this.arn
}
