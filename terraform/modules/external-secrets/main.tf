# External Secrets Operator with an IRSA role that may read exactly the shop's secrets: the RDS
# master user secret (managed and rotated by RDS), the Redis AUTH token and the MSK SCRAM
# credentials. The shop module declares the ClusterSecretStore and the ExternalSecret that turn
# them into the Kubernetes Secret shop-secrets. Terraform itself never reads a secret value.

locals {
  service_account = "external-secrets"
}

data "aws_iam_policy_document" "assume" {
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

resource "aws_iam_role" "this" {
  name               = "${var.name}-external-secrets"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "read" {
  statement {
    sid       = "ReadShopSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = values(var.secret_arns)
  }

  statement {
    sid       = "DecryptShopSecrets"
    actions   = ["kms:Decrypt"]
    resources = values(var.kms_key_arns)
  }
}

resource "aws_iam_role_policy" "read" {
  name   = "read-shop-secrets"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.read.json
}

resource "helm_release" "this" {
  name             = "external-secrets"
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = var.chart_version
  namespace        = var.namespace
  create_namespace = true
  atomic           = true
  timeout          = 600

  values = [yamlencode({
    installCRDs = true
    serviceAccount = {
      create = true
      name   = local.service_account
      annotations = {
        "eks.amazonaws.com/role-arn" = aws_iam_role.this.arn
      }
    }
  })]
}
