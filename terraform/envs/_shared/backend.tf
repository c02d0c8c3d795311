# Remote state in S3 with DynamoDB locking. Partial configuration: bucket, key, region and table
# come from backend.hcl at init time (see backend.hcl.example in each environment):
#   terraform init -backend-config=backend.hcl
terraform {
  backend "s3" {}
}
