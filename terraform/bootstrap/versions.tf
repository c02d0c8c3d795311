# One-off: creates the S3 bucket and DynamoDB table that hold the environments' remote state.
# Its own state is local (terraform.tfstate here, git-ignored): keep it, or import the two
# resources later. See terraform/README.md, step 1.
terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}
