# Amazon MSK (provisioned): TLS only between clients and brokers and inside the cluster, storage
# encrypted with a customer managed KMS key, clients authenticate with SASL/SCRAM (applications,
# KEDA) and optionally SASL/IAM (Terraform's kafka provider, operators). No unauthenticated access.

resource "aws_kms_key" "this" {
  description             = "${var.name} MSK storage and SCRAM secret"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}-msk"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_security_group" "this" {
  name        = "${var.name}-msk"
  description = "MSK brokers of ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-msk" })
}

locals {
  # 9096 SASL/SCRAM over TLS, 9098 SASL/IAM over TLS
  client_ports = var.enable_iam_auth ? [9096, 9098] : [9096]

  sg_rules = merge(
    { for pair in setproduct(keys(var.client_security_groups), local.client_ports) : "sg-${pair[0]}-${pair[1]}" => { sg = var.client_security_groups[pair[0]], cidr = null, port = pair[1] } },
    { for pair in setproduct(var.client_cidr_blocks, local.client_ports) : "cidr-${pair[0]}-${pair[1]}" => { sg = null, cidr = pair[0], port = pair[1] } },
  )
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  for_each = local.sg_rules

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = each.value.sg
  cidr_ipv4                    = each.value.cidr
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  description                  = "Kafka clients"
}

resource "aws_msk_configuration" "this" {
  name           = "${var.name}-config"
  kafka_versions = [var.kafka_version]
  description    = "shop-es broker defaults"

  # Topics are created by the kafka-topics module (or by the apps via the admin API, which
  # auto.create.topics.enable does not affect). Durability: RF 3, min ISR 2, producers use acks=all.
  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=${var.default_replication_factor}
    min.insync.replicas=${min(2, var.default_replication_factor)}
    num.partitions=${var.default_partitions}
    log.retention.hours=${var.log_retention_hours}
    unclean.leader.election.enable=false
    offsets.retention.minutes=20160
  PROPERTIES
}

resource "aws_cloudwatch_log_group" "broker" {
  name              = "/aws/msk/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count
  enhanced_monitoring    = var.enhanced_monitoring

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.this.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.volume_size_gib
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.this.arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  client_authentication {
    unauthenticated = false

    sasl {
      scram = true
      iam   = var.enable_iam_auth
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.broker.name
      }
    }
  }

  tags = var.tags
}

# ---------------------------------------------------------------------------------------------
# SASL/SCRAM credentials of the applications. MSK requires the secret name to start with
# AmazonMSK_ and the secret to be encrypted with a customer managed key.
# ---------------------------------------------------------------------------------------------

resource "random_password" "scram" {
  length  = 32
  special = false # it is embedded in a JAAS line between double quotes
}

resource "aws_secretsmanager_secret" "scram" {
  name                    = "AmazonMSK_${var.name}_${var.scram_username}"
  description             = "SASL/SCRAM credentials of the shop applications on ${var.name}"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = 7
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "scram" {
  secret_id = aws_secretsmanager_secret.scram.id
  secret_string = jsonencode({
    username = var.scram_username
    password = random_password.scram.result
  })
}

data "aws_iam_policy_document" "scram_secret" {
  statement {
    sid       = "AWSKafkaResourcePolicy"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.scram.arn]

    principals {
      type        = "Service"
      identifiers = ["kafka.amazonaws.com"]
    }
  }
}

resource "aws_secretsmanager_secret_policy" "scram" {
  secret_arn = aws_secretsmanager_secret.scram.arn
  policy     = data.aws_iam_policy_document.scram_secret.json
}

resource "aws_msk_scram_secret_association" "this" {
  cluster_arn     = aws_msk_cluster.this.arn
  secret_arn_list = [aws_secretsmanager_secret.scram.arn]

  depends_on = [aws_secretsmanager_secret_version.scram, aws_secretsmanager_secret_policy.scram]
}
