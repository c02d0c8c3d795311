# Deploys the shop into EKS: the Kustomize overlay of infra/k8s, completed with what only Terraform
# knows, plus the Secret wiring.
#
#   ClusterSecretStore + ExternalSecret  ->  Secret shop-secrets (values straight from Secrets
#                                           Manager via the External Secrets Operator)
#   kustomization_overlay                ->  overlay + images (ECR, tag) + shop-config endpoints
#                                           + capacity figures (partitions, KEDA min/max/lag)
#
# Order: namespace (ids_prio[0]) -> secret store and ExternalSecret (ready) -> workloads
# (ids_prio[1]) -> webhooks (ids_prio[2]). KEDA's and ESO's CRDs must exist before the plan: the
# keda and external-secrets modules are applied first (see terraform/README.md).

locals {
  # fixed by infra/k8s/base (namespace: shop); KEDA's metrics-api URL relies on it
  namespace = "shop"

  secret_store_name = "shop-aws-secrets-manager"

  # names the overlays give the images: REGISTRY/shop-es/<service> (shop-tools: Jobs such as replay)
  images = {
    for service in ["cart-service", "order-service", "cache-projector", "autoscaler", "shop-tools"] :
    "REGISTRY/shop-es/${service}" => var.image_repository_urls[service]
  }

  config_literals = [
    "SPRING_KAFKA_BOOTSTRAP_SERVERS=${var.kafka_bootstrap_servers}",
    "SPRING_DATA_REDIS_HOST=${var.redis_configuration_endpoint}",
    "SPRING_DATA_REDIS_PORT=${var.redis_port}",
    "SPRING_DATA_REDIS_CLUSTER_NODES=${var.redis_configuration_endpoint}:${var.redis_port}",
    "SPRING_DATASOURCE_URL=${var.jdbc_url}",
    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI=${var.jwk_set_uri}",
    "SHOP_RELAY_PARTITIONS=${var.partitions}",
    "SHOP_CHECKOUT_PARTITIONS=${var.partitions}",
    "SHOP_RELAY_REPLICAS=${var.replication_factor}",
    "SHOP_PROJECTOR_PARTITIONS=${var.partitions}",
    "SHOP_AUTOSCALER_MIN_WORKERS=${var.min_workers}",
    "SHOP_AUTOSCALER_MAX_WORKERS=${var.max_workers}",
    "SHOP_AUTOSCALER_LAG_THRESHOLD=${var.lag_threshold}",
  ]
}

data "kustomization_overlay" "shop" {
  resources  = [var.overlay_path]
  components = var.scaling_mode == "predictive" ? [var.predictive_component_path] : []

  dynamic "images" {
    for_each = local.images

    content {
      name     = images.key
      new_name = images.value
      new_tag  = var.image_tag
    }
  }

  config_map_generator {
    name     = "shop-config"
    behavior = "merge"
    literals = local.config_literals
  }

  # worker bounds for whichever ScaledObject is active
  patches {
    target = {
      group          = "keda.sh"
      kind           = "ScaledObject"
      label_selector = "app.kubernetes.io/name=cache-projector"
    }
    patch = <<-EOT
      - op: replace
        path: /spec/minReplicaCount
        value: ${var.min_workers}
      - op: replace
        path: /spec/maxReplicaCount
        value: ${var.max_workers}
    EOT
  }

  # lag target of both kafka triggers (shop.cart.events, shop.order.events)
  dynamic "patches" {
    for_each = var.scaling_mode == "kafka-lag" ? [var.lag_threshold] : []

    content {
      target = {
        group = "keda.sh"
        kind  = "ScaledObject"
        name  = "cache-projector"
      }
      patch = <<-EOT
        - op: replace
          path: /spec/triggers/0/metadata/lagThreshold
          value: "${patches.value}"
        - op: replace
          path: /spec/triggers/1/metadata/lagThreshold
          value: "${patches.value}"
      EOT
    }
  }

  # the autoscaler down: run at full width until it answers again
  dynamic "patches" {
    for_each = var.scaling_mode == "predictive" ? [var.max_workers] : []

    content {
      target = {
        group = "keda.sh"
        kind  = "ScaledObject"
        name  = "cache-projector-predictive"
      }
      patch = <<-EOT
        - op: replace
          path: /spec/fallback/replicas
          value: ${patches.value}
      EOT
    }
  }
}

# Carries the add-on dependencies into the graph (see platform_dependencies).
resource "terraform_data" "platform" {
  input = var.platform_dependencies
}

# ---------------------------------------------------------------------------------------------
# Namespaces (and CRDs, if an overlay ever carries some)
# ---------------------------------------------------------------------------------------------

resource "kustomization_resource" "p0" {
  for_each = data.kustomization_overlay.shop.ids_prio[0]

  manifest = (
    contains(["_/Secret"], regex("(?P<group_kind>.*/.*)/.*/.*", each.value)["group_kind"])
    ? sensitive(data.kustomization_overlay.shop.manifests[each.value])
    : data.kustomization_overlay.shop.manifests[each.value]
  )

  depends_on = [terraform_data.platform]
}

# ---------------------------------------------------------------------------------------------
# shop-secrets, synchronised from Secrets Manager by the External Secrets Operator
# ---------------------------------------------------------------------------------------------

resource "kubernetes_manifest" "secret_store" {
  depends_on = [terraform_data.platform]

  manifest = {
    apiVersion = "external-secrets.io/v1"
    kind       = "ClusterSecretStore"
    metadata = {
      name = local.secret_store_name
    }
    spec = {
      # no auth block: the operator's own IRSA role (external-secrets module)
      provider = {
        aws = {
          service = "SecretsManager"
          region  = var.aws_region
        }
      }
      conditions = [{ namespaces = [local.namespace] }]
    }
  }
}

resource "kubernetes_manifest" "shop_secrets" {
  manifest = {
    apiVersion = "external-secrets.io/v1"
    kind       = "ExternalSecret"
    metadata = {
      name      = "shop-secrets"
      namespace = local.namespace
    }
    spec = {
      refreshInterval = var.secret_refresh_interval
      secretStoreRef = {
        kind = "ClusterSecretStore"
        name = local.secret_store_name
      }
      target = {
        name           = "shop-secrets"
        creationPolicy = "Owner"
        template = {
          engineVersion = "v2"
          type          = "Opaque"
          data = {
            SPRING_DATASOURCE_USERNAME               = "{{ .db_username }}"
            SPRING_DATASOURCE_PASSWORD               = "{{ .db_password }}"
            SPRING_DATA_REDIS_PASSWORD               = "{{ .redis_auth_token }}"
            KAFKA_SASL_USERNAME                      = "{{ .kafka_username }}"
            KAFKA_SASL_PASSWORD                      = "{{ .kafka_password }}"
            SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"{{ .kafka_username }}\" password=\"{{ .kafka_password }}\";"
          }
        }
      }
      data = [
        { secretKey = "db_username", remoteRef = { key = var.db_secret_arn, property = "username" } },
        { secretKey = "db_password", remoteRef = { key = var.db_secret_arn, property = "password" } },
        { secretKey = "redis_auth_token", remoteRef = { key = var.redis_secret_arn, property = "auth_token" } },
        { secretKey = "kafka_username", remoteRef = { key = var.kafka_secret_arn, property = "username" } },
        { secretKey = "kafka_password", remoteRef = { key = var.kafka_secret_arn, property = "password" } },
      ]
    }
  }

  wait {
    condition {
      type   = "Ready"
      status = "True"
    }
  }

  timeouts {
    create = "5m"
    update = "5m"
  }

  depends_on = [kustomization_resource.p0, kubernetes_manifest.secret_store]
}

# ---------------------------------------------------------------------------------------------
# Workloads, config, autoscaling
# ---------------------------------------------------------------------------------------------

resource "kustomization_resource" "p1" {
  for_each = data.kustomization_overlay.shop.ids_prio[1]

  manifest = (
    contains(["_/Secret"], regex("(?P<group_kind>.*/.*)/.*/.*", each.value)["group_kind"])
    ? sensitive(data.kustomization_overlay.shop.manifests[each.value])
    : data.kustomization_overlay.shop.manifests[each.value]
  )

  wait = true

  timeouts {
    create = "10m"
    update = "10m"
  }

  depends_on = [kubernetes_manifest.shop_secrets]
}

resource "kustomization_resource" "p2" {
  for_each = data.kustomization_overlay.shop.ids_prio[2]

  manifest = (
    contains(["_/Secret"], regex("(?P<group_kind>.*/.*)/.*/.*", each.value)["group_kind"])
    ? sensitive(data.kustomization_overlay.shop.manifests[each.value])
    : data.kustomization_overlay.shop.manifests[each.value]
  )

  depends_on = [kustomization_resource.p1]
}
