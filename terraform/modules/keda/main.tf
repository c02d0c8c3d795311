# KEDA (operator, metrics adapter, admission webhooks) from the official chart, optionally with an
# IRSA role for MSK IAM authentication, plus metrics-server for the CPU-based HPAs.

locals {
  service_account = "keda-operator"
  create_role     = var.msk_iam_cluster_arn != null
}

data "aws_iam_policy_document" "assume" {
  count = local.create_role ? 1 : 0

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${local.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "operator" {
  count = local.create_role ? 1 : 0

  name               = "${var.name}-keda-operator"
  assume_role_policy = data.aws_iam_policy_document.assume[0].json
  tags               = var.tags
}

# Read-only view of the cluster: enough to list topics/partitions and read group offsets (lag).
data "aws_iam_policy_document" "msk" {
  count = local.create_role ? 1 : 0

  statement {
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
    resources = [var.msk_iam_cluster_arn]
  }

  statement {
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
    resources = ["${replace(var.msk_iam_cluster_arn, ":cluster/", ":topic/")}/*"]
  }

  statement {
    actions   = ["kafka-cluster:DescribeGroup"]
    resources = ["${replace(var.msk_iam_cluster_arn, ":cluster/", ":group/")}/*"]
  }
}

resource "aws_iam_role_policy" "msk" {
  count = local.create_role ? 1 : 0

  name   = "msk-read-lag"
  role   = aws_iam_role.operator[0].id
  policy = data.aws_iam_policy_document.msk[0].json
}

resource "helm_release" "keda" {
  name             = "keda"
  repository       = "https://kedacore.github.io/charts"
  chart            = "keda"
  version          = var.chart_version
  namespace        = var.namespace
  create_namespace = true
  atomic           = true
  timeout          = 600

  values = [yamlencode({
    podIdentity = {
      aws = {
        irsa = {
          enabled = local.create_role
          roleArn = local.create_role ? aws_iam_role.operator[0].arn : ""
        }
      }
    }
    resources = {
      operator = {
        requests = { cpu = "100m", memory = "128Mi" }
        limits   = { cpu = "1", memory = "1000Mi" }
      }
      metricServer = {
        requests = { cpu = "100m", memory = "128Mi" }
        limits   = { cpu = "1", memory = "1000Mi" }
      }
    }
  })]
}

resource "helm_release" "metrics_server" {
  count = var.install_metrics_server ? 1 : 0

  name       = "metrics-server"
  repository = "https://kubernetes-sigs.github.io/metrics-server/"
  chart      = "metrics-server"
  version    = var.metrics_server_chart_version
  namespace  = "kube-system"
  atomic     = true
}
