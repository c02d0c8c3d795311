# The shop's AWS environment, one composition for dev and prod (they differ only in
# terraform.tfvars). Module map:
#
#   capacity ──► msk (brokers, storage, defaults), kafka-topics (partitions, retention),
#                elasticache (shards), shop (partitions, KEDA bounds and lag threshold)
#   network  ──► eks, msk, elasticache, rds (data subnets)
#   eks      ──► cluster-autoscaler, keda, external-secrets (IRSA), shop (cluster access)
#   ecr      ──► shop (image repositories)

locals {
  name = "shop-${var.environment}"

  tags = merge(var.extra_tags, {
    Project     = "shop-es"
    Environment = var.environment
    ManagedBy   = "terraform"
  })

  # relative to the root module directory, Terraform's working directory: the kustomization
  # provider resolves paths from there (Kustomize refuses absolute ones)
  k8s_root = "${path.root}/../../../infra/k8s"

  # who may talk to the data stores: the EKS cluster security group (nodes and pods)
  eks_clients = { eks = module.eks.cluster_security_group_id }
}

module "capacity" {
  source = "../../modules/capacity"

  peak_events_per_second          = var.capacity.peak_events_per_second
  average_events_per_second       = var.capacity.average_events_per_second
  per_worker_events_per_second    = var.capacity.per_worker_events_per_second
  per_partition_events_per_second = var.capacity.per_partition_events_per_second
  drain_target_seconds            = var.capacity.drain_target_seconds
  retention_hours                 = var.capacity.retention_hours
  average_event_bytes             = var.capacity.average_event_bytes
  headroom                        = var.capacity.headroom
  min_workers                     = var.capacity.min_workers
  per_broker_write_mb_per_second  = var.capacity.per_broker_write_mb_per_second
  max_partitions_per_broker       = var.capacity.max_partitions_per_broker
  redis_live_views                = var.capacity.redis_live_views
  redis_average_view_bytes        = var.capacity.redis_average_view_bytes
  redis_ops_per_second_per_shard  = var.capacity.redis_ops_per_second_per_shard
  redis_memory_gib_per_shard      = var.capacity.redis_memory_gib_per_shard
  min_redis_shards                = var.capacity.min_redis_shards
}

module "network" {
  source = "../../modules/network"

  name               = local.name
  cidr_block         = var.vpc_cidr
  cluster_name       = local.name
  single_nat_gateway = var.single_nat_gateway
  tags               = local.tags
}

module "eks" {
  source = "../../modules/eks"

  cluster_name           = local.name
  kubernetes_version     = var.kubernetes_version
  vpc_id                 = module.network.vpc_id
  subnet_ids             = module.network.private_subnet_ids
  endpoint_public_access = length(var.eks_public_access_cidrs) > 0
  public_access_cidrs    = var.eks_public_access_cidrs
  node_groups            = var.node_groups
  tags                   = local.tags
}

module "ecr" {
  source = "../../modules/ecr"

  force_delete = !var.deletion_protection
  tags         = local.tags
}

module "msk" {
  source = "../../modules/msk"

  name                       = local.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.data_subnet_ids
  client_security_groups     = local.eks_clients
  client_cidr_blocks         = var.kafka_admin_cidrs
  kafka_version              = var.msk_kafka_version
  broker_instance_type       = var.msk_broker_instance_type
  broker_count               = coalesce(var.msk_broker_count, module.capacity.kafka_broker_count)
  volume_size_gib            = coalesce(var.msk_volume_size_gib, module.capacity.kafka_storage_gib_per_broker)
  default_partitions         = module.capacity.partitions
  default_replication_factor = module.capacity.replication_factor
  log_retention_hours        = module.capacity.retention_hours
  tags                       = local.tags
}

module "elasticache" {
  source = "../../modules/elasticache"

  name                   = local.name
  vpc_id                 = module.network.vpc_id
  subnet_ids             = module.network.data_subnet_ids
  client_security_groups = local.eks_clients
  node_type              = var.redis_node_type
  shard_count            = coalesce(var.redis_shard_count, module.capacity.redis_shard_count)
  replicas_per_shard     = var.redis_replicas_per_shard
  tags                   = local.tags
}

module "rds" {
  source = "../../modules/rds"

  name                      = local.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.data_subnet_ids
  client_security_groups    = local.eks_clients
  instance_class            = var.rds_instance_class
  allocated_storage_gib     = var.rds_allocated_storage_gib
  max_allocated_storage_gib = var.rds_max_allocated_storage_gib
  backup_retention_days     = var.rds_backup_retention_days
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  tags                      = local.tags
}

module "kafka_topics" {
  source = "../../modules/kafka-topics"
  count  = var.manage_kafka_topics ? 1 : 0

  partitions          = module.capacity.partitions
  replication_factor  = module.capacity.replication_factor
  retention_hours     = module.capacity.retention_hours
  dlt_retention_hours = var.dlt_retention_hours
}

module "cluster_autoscaler" {
  source = "../../modules/cluster-autoscaler"

  cluster_name       = module.eks.cluster_name
  kubernetes_version = var.kubernetes_version
  aws_region         = var.aws_region
  oidc_provider_arn  = module.eks.oidc_provider_arn
  oidc_issuer        = module.eks.oidc_issuer
  tags               = local.tags

  depends_on = [module.eks]
}

module "keda" {
  source = "../../modules/keda"

  name              = local.name
  chart_version     = var.keda_chart_version
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
  tags              = local.tags

  depends_on = [module.eks]
}

module "external_secrets" {
  source = "../../modules/external-secrets"

  name              = local.name
  chart_version     = var.external_secrets_chart_version
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer

  secret_arns = {
    rds   = module.rds.master_user_secret_arn
    redis = module.elasticache.auth_token_secret_arn
    kafka = module.msk.scram_secret_arn
  }
  kms_key_arns = {
    rds   = module.rds.kms_key_arn
    redis = module.elasticache.kms_key_arn
    kafka = module.msk.kms_key_arn
  }

  tags = local.tags

  depends_on = [module.eks]
}

module "shop" {
  source = "../../modules/shop"
  count  = var.image_tag == null ? 0 : 1

  overlay_path              = "${local.k8s_root}/overlays/${var.environment}"
  predictive_component_path = "${local.k8s_root}/components/predictive"
  scaling_mode              = var.scaling_mode

  image_repository_urls = module.ecr.repository_urls
  image_tag             = var.image_tag

  aws_region                   = var.aws_region
  kafka_bootstrap_servers      = module.msk.bootstrap_brokers_sasl_scram
  redis_configuration_endpoint = module.elasticache.configuration_endpoint
  redis_port                   = module.elasticache.port
  jdbc_url                     = module.rds.jdbc_url
  jwk_set_uri                  = var.jwk_set_uri
  db_secret_arn                = module.rds.master_user_secret_arn
  redis_secret_arn             = module.elasticache.auth_token_secret_arn
  kafka_secret_arn             = module.msk.scram_secret_arn

  partitions         = module.capacity.partitions
  replication_factor = module.capacity.replication_factor
  min_workers        = module.capacity.min_workers
  max_workers        = module.capacity.max_workers
  lag_threshold      = module.capacity.lag_threshold

  # Ordering through values, not module-level depends_on: the latter would defer the overlay data
  # source to apply time whenever an add-on changes, and its ids feed for_each.
  platform_dependencies = concat(
    [module.keda.chart_version, module.external_secrets.role_arn],
    [for t in module.kafka_topics : join(",", t.event_topics)],
  )
}
