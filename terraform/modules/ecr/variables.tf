variable "namespace" {
  description = "Repository name prefix: images are <registry>/<namespace>/<repository>."
  type        = string
  default     = "shop-es"
}

variable "repositories" {
  description = "Repositories to create: the images `./shop images` builds (shop-tools runs the Kubernetes Jobs, e.g. replay)."
  type        = set(string)
  default     = ["cart-service", "order-service", "cache-projector", "autoscaler", "shop-tools"]
}

variable "keep_tagged_images" {
  description = "Most recent tagged images kept per repository; older ones expire."
  type        = number
  default     = 50

  validation {
    condition     = var.keep_tagged_images >= 1
    error_message = "keep_tagged_images must be at least 1."
  }
}

variable "untagged_expiry_days" {
  description = "Untagged images (e.g. leftovers of multi-arch builds) expire after this many days."
  type        = number
  default     = 7
}

variable "force_delete" {
  description = "Allow deleting repositories that still hold images (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
