output "cluster_arn" {
  description = "ARN of the MSK cluster."
  value       = aws_msk_cluster.this.arn
}

output "cluster_name" {
  description = "Name of the MSK cluster."
  value       = aws_msk_cluster.this.cluster_name
}

output "bootstrap_brokers_sasl_scram" {
  description = "host:9096 list for SASL/SCRAM over TLS (applications, KEDA)."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_scram
}

output "bootstrap_brokers_sasl_iam" {
  description = "host:9098 list for SASL/IAM over TLS (Terraform kafka provider); empty when IAM auth is off."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "scram_secret_arn" {
  description = "Secrets Manager secret holding {username, password} of the application SCRAM user."
  value       = aws_secretsmanager_secret.scram.arn
}

output "kms_key_arn" {
  description = "KMS key of the storage and of the SCRAM secret (readers of the secret need kms:Decrypt)."
  value       = aws_kms_key.this.arn
}

output "security_group_id" {
  description = "Security group of the brokers."
  value       = aws_security_group.this.id
}
