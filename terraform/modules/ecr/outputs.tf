output "repository_urls" {
  description = "Repository URL by short name, e.g. cart-service => <account>.dkr.ecr.<region>.amazonaws.com/shop-es/cart-service."
  value       = { for k, r in aws_ecr_repository.this : k => r.repository_url }
}

output "repository_arns" {
  description = "Repository ARN by short name (for CI push policies)."
  value       = { for k, r in aws_ecr_repository.this : k => r.arn }
}

output "registry" {
  description = "Registry host, the REGISTRY of REGISTRY/shop-es/<service>:TAG (docker login target)."
  value       = split("/", values(aws_ecr_repository.this)[0].repository_url)[0]
}
