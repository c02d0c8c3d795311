output "namespace" {
  description = "Namespace of the shop."
  value       = local.namespace
}

output "config" {
  description = "Values merged into the shop-config ConfigMap (no secrets)."
  value       = local.config_literals
}

output "secret_name" {
  description = "Kubernetes Secret holding the credentials (keys: SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD, SPRING_DATA_REDIS_PASSWORD, SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD)."
  value       = "shop-secrets"
}

output "resource_ids" {
  description = "Kustomize ids of the applied objects."
  value       = sort(tolist(data.kustomization_overlay.shop.ids))
}
