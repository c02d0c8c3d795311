variable "aws_region" {
  description = "Region of the state bucket and lock table."
  type        = string
}

variable "bucket_name" {
  description = "Globally unique bucket name; null = shop-es-tfstate-<account id>-<region>."
  type        = string
  default     = null
}

variable "lock_table_name" {
  description = "DynamoDB table for state locking."
  type        = string
  default     = "shop-es-tfstate-lock"
}
