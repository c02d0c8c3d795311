output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "CIDR of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "azs" {
  description = "The three availability zones used, in subnet order."
  value       = local.azs
}

output "public_subnet_ids" {
  description = "Public subnets (load balancers, NAT)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnets with NAT egress (EKS nodes and pods)."
  value       = aws_subnet.private[*].id
}

output "data_subnet_ids" {
  description = "Isolated private subnets for MSK, ElastiCache and RDS."
  value       = aws_subnet.data[*].id
}

output "nat_public_ips" {
  description = "Egress addresses of the NAT gateways."
  value       = aws_eip.nat[*].public_ip
}
