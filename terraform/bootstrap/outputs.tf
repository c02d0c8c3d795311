output "state_bucket" {
  description = "S3 bucket of the remote state."
  value       = aws_s3_bucket.state.id
}

output "lock_table" {
  description = "DynamoDB lock table."
  value       = aws_dynamodb_table.lock.name
}

output "backend_hcl_dev" {
  description = "Contents for envs/dev/backend.hcl."
  value       = <<-EOT
    bucket         = "${aws_s3_bucket.state.id}"
    key            = "shop-es/dev/terraform.tfstate"
    region         = "${var.aws_region}"
    dynamodb_table = "${aws_dynamodb_table.lock.name}"
    encrypt        = true
  EOT
}

output "backend_hcl_prod" {
  description = "Contents for envs/prod/backend.hcl."
  value       = <<-EOT
    bucket         = "${aws_s3_bucket.state.id}"
    key            = "shop-es/prod/terraform.tfstate"
    region         = "${var.aws_region}"
    dynamodb_table = "${aws_dynamodb_table.lock.name}"
    encrypt        = true
  EOT
}
