# dev: the same stack as prod, sized down. Differences from prod live only in this file.
environment = "dev"
aws_region  = "eu-central-1"

vpc_cidr           = "10.10.0.0/16"
single_nat_gateway = true

kubernetes_version = "1.31"
# your office/VPN egress, for kubectl and Terraform's Kubernetes providers
eks_public_access_cidrs = ["203.0.113.0/24"]

# your identity provider's signing keys: the services accept only tokens it signed
jwk_set_uri = "https://identity.example.com/.well-known/jwks.json"

node_groups = {
  general = {
    instance_types = ["m6i.large"]
    min_size       = 2
    max_size       = 6
    desired_size   = 3
  }
}

# 12 partitions, up to 12 workers (peak 8000 ev/s / 1000 per worker * 1.5), 7 days of history
capacity = {
  peak_events_per_second       = 8000
  average_events_per_second    = 50
  per_worker_events_per_second = 1000
  drain_target_seconds         = 30
  retention_hours              = 168
  min_workers                  = 1
  max_partitions_per_broker    = 300 # kafka.t3.small
}

msk_broker_instance_type = "kafka.t3.small"

redis_node_type          = "cache.t4g.small"
redis_replicas_per_shard = 1

rds_instance_class            = "db.t4g.medium"
rds_allocated_storage_gib     = 20
rds_max_allocated_storage_gib = 100
rds_backup_retention_days     = 3

deletion_protection = false
manage_kafka_topics = true
dlt_retention_hours = 336
