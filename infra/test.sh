#!/usr/bin/env bash
# infra/test.sh: `./shop test`. Bootstraps the engine and images, runs the whole suite with Maven, builds
# the container images (infra/images.sh), then the offline cloud checks (terraform, Kustomize).
# Prints how long each phase took. Extra arguments go to Maven (e.g. -pl cart-service).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Ryuk's image cannot be pulled without a registry; the tests stop their own containers
export TESTCONTAINERS_RYUK_DISABLED=true

phase_start=$SECONDS
declare -a timings=()
phase_done() { timings+=("$1: $((SECONDS - phase_start)) s"); phase_start=$SECONDS; }
report() { printf '\n== phase timings ==\n'; printf '  %s\n' "${timings[@]}"; }
trap report EXIT

infra/bootstrap.sh
phase_done bootstrap

./mvnw -B -ntp -q -DskipTests package "$@"
phase_done "build (./mvnw package, tests skipped)"

./mvnw -B -ntp verify "$@"
phase_done "tests (./mvnw verify)"

# every image builds (system-tests' ServiceImageIT has already built and run cart-service's);
# up-to-date images are kept, so this costs seconds when nothing changed
infra/images.sh
phase_done "container images (infra/images.sh)"

# the cloud side, as far as it can be checked offline
if command -v terraform > /dev/null; then
  terraform/check.sh
else
  echo "terraform not installed: skipping terraform/check.sh"
fi
if command -v kubectl > /dev/null; then
  for overlay in infra/k8s/overlays/*/; do
    kubectl kustomize "$overlay" > /dev/null
    echo "rendered $overlay"
  done
else
  echo "kubectl not installed: skipping the Kustomize renders"
fi
phase_done "cloud checks (terraform fmt + test, kustomize)"
