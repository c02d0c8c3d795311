#!/usr/bin/env bash
# Offline checks of terraform/: what can be verified without AWS, a cluster or provider downloads.
#   1. terraform fmt -check -recursive on terraform/
#   2. terraform init -backend=false + terraform test in modules/capacity (no providers needed),
#      then the .terraform/ directory and lock file that init may leave are removed again.
# The provider-bound modules need `terraform init` with registry access before `validate`; see
# README.md ("What can be checked where").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
capacity="${here}/modules/capacity"

command -v terraform >/dev/null 2>&1 || { echo "check.sh: terraform not found on PATH" >&2; exit 127; }

cleanup() {
  rm -rf "${capacity}/.terraform" "${capacity}/.terraform.lock.hcl"
}
trap cleanup EXIT

echo "==> terraform version"
# sed, not head: head exiting early would fail the pipe (SIGPIPE, exit 141) now and then
terraform version | sed -n 1p

echo "==> terraform fmt -check -recursive ${here}"
terraform fmt -check -recursive -diff "${here}"
echo "    formatting OK"

echo "==> terraform init -backend=false (${capacity})"
terraform -chdir="${capacity}" init -backend=false -input=false -no-color >/dev/null
echo "    init OK"

echo "==> terraform test (${capacity})"
terraform -chdir="${capacity}" test -no-color

echo "==> all offline terraform checks passed"
