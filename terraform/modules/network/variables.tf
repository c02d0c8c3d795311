variable "name" {
  description = "Name prefix of every resource, e.g. shop-dev."
  type        = string
}

variable "cidr_block" {
  description = "CIDR of the VPC. A /16 leaves room for three /19 private, three /21 data and three /22 public subnets."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) <= 16
    error_message = "cidr_block must be a valid IPv4 CIDR of size /16 or larger."
  }
}

variable "cluster_name" {
  description = "EKS cluster that uses the subnets (tags them for load balancers)."
  type        = string
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all AZs (cheaper, dev) instead of one per AZ (prod: an AZ outage does not cut egress)."
  type        = bool
  default     = false
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow logs in CloudWatch; 0 disables flow logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
