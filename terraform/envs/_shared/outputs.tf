output "region" {
  description = "AWS region."
  value       = var.aws_region
}

output "cluster_name" {
  description = "EKS cluster; `aws eks update-kubeconfig --name <this> --region <region>`."
  value       = module.eks.cluster_name
}

output "ecr_registry" {
  description = "Registry host for `docker login` and image names REGISTRY/shop-es/<service>:TAG."
  value       = module.ecr.registry
}

output "ecr_repository_urls" {
  description = "Repository URL per service."
  value       = module.ecr.repository_urls
}

output "kafka_bootstrap_brokers_scram" {
  description = "SASL/SCRAM (TLS, 9096) bootstrap brokers of the applications."
  value       = module.msk.bootstrap_brokers_sasl_scram
}

output "redis_configuration_endpoint" {
  description = "Redis cluster-mode configuration endpoint (TLS)."
  value       = "${module.elasticache.configuration_endpoint}:${module.elasticache.port}"
}

output "jdbc_url" {
  description = "JDBC URL of the event store."
  value       = module.rds.jdbc_url
}

output "secret_arns" {
  description = "Secrets Manager secrets behind shop-secrets (ARNs only, never values)."
  value = {
    rds_master_user   = module.rds.master_user_secret_arn
    redis_auth_token  = module.elasticache.auth_token_secret_arn
    kafka_scram_login = module.msk.scram_secret_arn
  }
}

output "capacity" {
  description = "Derived capacity figures (partitions, workers, lag threshold, brokers, storage, shards)."
  value       = module.capacity.summary
}
