provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.tags
  }
}

# The Kubernetes-side providers talk to the cluster this configuration creates. Their settings are
# unknown until the cluster exists, hence the staged first apply (terraform/README.md).
locals {
  kube_exec = {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.aws_region]
  }
}

provider "kubernetes" {
  host                   = module.eks.cluster_endpoint
  cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

  exec {
    api_version = local.kube_exec.api_version
    command     = local.kube_exec.command
    args        = local.kube_exec.args
  }
}

provider "helm" {
  kubernetes {
    host                   = module.eks.cluster_endpoint
    cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

    exec {
      api_version = local.kube_exec.api_version
      command     = local.kube_exec.command
      args        = local.kube_exec.args
    }
  }
}

provider "kustomization" {
  kubeconfig_raw = yamlencode({
    apiVersion      = "v1"
    kind            = "Config"
    current-context = module.eks.cluster_name
    clusters        = [{ name = module.eks.cluster_name, cluster = { server = module.eks.cluster_endpoint, certificate-authority-data = module.eks.cluster_certificate_authority_data } }]
    users           = [{ name = module.eks.cluster_name, user = { exec = { apiVersion = local.kube_exec.api_version, command = local.kube_exec.command, args = local.kube_exec.args } } }]
    contexts        = [{ name = module.eks.cluster_name, context = { cluster = module.eks.cluster_name, user = module.eks.cluster_name } }]
    preferences     = {}
  })
}

# Topic management over SASL/IAM (port 9098) with the credentials Terraform runs with; needs
# network access to the brokers (see modules/kafka-topics/README.md).
provider "kafka" {
  bootstrap_servers = compact(split(",", module.msk.bootstrap_brokers_sasl_iam))
  tls_enabled       = true
  sasl_mechanism    = "aws-iam"
  sasl_aws_region   = var.aws_region
  kafka_version     = "3.6.0"
}
