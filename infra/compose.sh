#!/usr/bin/env bash
# infra/compose.sh [ARG...]: run Docker Compose on infra/compose.yaml as project "shop-es",
# with `docker compose` (v2) when available, else `docker-compose` (v1, e.g. Debian's 1.29).
# Works from any directory; arguments are passed through:
#   infra/compose.sh up -d          infra/compose.sh ps
#   infra/compose.sh logs -f kafka  infra/compose.sh down -v
# Exit code: the compose command's, or 5 when no compose command exists (run infra/bootstrap.sh).
set -euo pipefail

infra_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
file=$infra_dir/compose.yaml

if docker compose version > /dev/null 2>&1; then
  exec docker compose -f "$file" -p shop-es "$@"
elif command -v docker-compose > /dev/null 2>&1; then
  exec docker-compose -f "$file" -p shop-es "$@"
fi
echo "compose.sh: neither 'docker compose' nor 'docker-compose' is available; run infra/bootstrap.sh" >&2
exit 5
