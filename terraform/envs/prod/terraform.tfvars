# prod: one NAT per AZ, three of everything, 48 partitions. Differences from dev live only here.
environment = "prod"
aws_region  = "eu-central-1"

vpc_cidr           = "10.20.0.0/16"
single_nat_gateway = false

kubernetes_version      = "1.31"
eks_public_access_cidrs = ["203.0.113.0/24"]

# your identity provider's signing keys: the services accept only tokens it signed
jwk_set_uri = "https://identity.example.com/.well-known/jwks.json"

node_groups = {
  general = {
    instance_types = ["m6i.xlarge"]
    min_size       = 3
    max_size       = 30
    desired_size   = 6
  }
}

# 48 partitions and up to 48 workers (peak 32000 ev/s / 1000 per worker * 1.5), at least 3 workers
# (one per AZ), 7 days of history at an average of 4000 ev/s
capacity = {
  peak_events_per_second       = 32000
  average_events_per_second    = 4000
  per_worker_events_per_second = 1000
  drain_target_seconds         = 60
  retention_hours              = 168
  min_workers                  = 3
  redis_live_views             = 2000000
}

msk_broker_instance_type = "kafka.m5.large"

redis_node_type          = "cache.r7g.large"
redis_replicas_per_shard = 1

rds_instance_class            = "db.r6g.xlarge"
rds_allocated_storage_gib     = 500
rds_max_allocated_storage_gib = 4000
rds_backup_retention_days     = 30

deletion_protection = true
manage_kafka_topics = true
dlt_retention_hours = 720
