terraform {
  required_version = ">= 1.9.0"

  required_providers {
    kafka = {
      source  = "Mongey/kafka"
      version = "~> 0.8"
    }
  }
}
