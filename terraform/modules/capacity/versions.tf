# Provider-free on purpose: this module is plain arithmetic over its inputs, so `terraform init`
# and `terraform test` run offline. Keep it that way: no provider blocks, no resources, no data
# sources. Cross-variable validation needs Terraform 1.9 or newer.
terraform {
  required_version = ">= 1.9.0"
}
