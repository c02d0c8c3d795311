#!/usr/bin/env bash
# infra/smoke-test.sh [--keep]: start the local stack (infra/compose.yaml), wait until every
# service is healthy, then check each for real:
#   postgres  a query as shop/shop on database shop (from the host with psql when installed,
#             over 127.0.0.1 with the password; inside the container otherwise)
#   kafka     topic created, one record produced and consumed back (tools inside the container)
#   redis     PING answers PONG
# Afterwards the stack is removed with its volumes (`down -v`), unless --keep is given or the
# stack was already running before (then it is left as it was).
# Needs infra/bootstrap.sh to have run. Exit code 0 when every check passed, 1 otherwise.
# Environment: SMOKE_TIMEOUT (seconds to wait for health, default 120), and the same
# POSTGRES_* / SHOP_*_PORT variables as infra/compose.yaml.
set -euo pipefail

infra_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
compose=("$infra_dir/compose.sh")
keep=0
[[ ${1:-} == --keep ]] && keep=1
timeout=${SMOKE_TIMEOUT:-120}
pg_user=${POSTGRES_USER:-shop}
pg_password=${POSTGRES_PASSWORD:-shop}
pg_db=${POSTGRES_DB:-shop}
pg_port=${SHOP_POSTGRES_PORT:-5432}

say() { printf 'smoke: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

container_of() { "${compose[@]}" ps -q "$1" 2> /dev/null | head -n 1; }

was_running=0
[[ -n $(container_of postgres) ]] && was_running=1

cleanup() {
  if [[ $keep == 0 && $was_running == 0 ]]; then
    say "removing the stack (down -v)"
    "${compose[@]}" down -v > /dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

say "starting the stack"
"${compose[@]}" up -d > /dev/null 2>&1 || { "${compose[@]}" up -d; fail "compose up"; }

deadline=$((SECONDS + timeout))
for service in postgres kafka redis; do
  while :; do
    id=$(container_of "$service")
    health=$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id" 2> /dev/null || echo missing)
    [[ $health == healthy ]] && break
    if ((SECONDS >= deadline)); then
      "${compose[@]}" logs --tail 30 "$service" >&2 || true
      fail "$service is '$health' after ${timeout}s"
    fi
    sleep 1
  done
  say "$service healthy"
done

# postgres
query="SELECT current_user || '@' || current_database()"
if command -v psql > /dev/null 2>&1; then
  got=$(PGPASSWORD=$pg_password PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d "$pg_db" -Atc "$query") ||
    fail "psql from the host"
else
  got=$("${compose[@]}" exec -T postgres psql -U "$pg_user" -d "$pg_db" -Atc "$query") ||
    fail "psql in the container"
fi
[[ $got == "$pg_user@$pg_db" ]] || fail "postgres answered '$got'"
say "postgres ok ($got)"

# kafka
topic=smoke-$RANDOM$RANDOM
message="hello-$RANDOM"
kafka() { "${compose[@]}" exec -T kafka "$@"; }
kafka /opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:29092 --create --topic "$topic" \
  --partitions 1 --replication-factor 1 > /dev/null || fail "kafka topic creation"
printf '%s\n' "$message" | kafka /opt/kafka/bin/kafka-console-producer.sh \
  --bootstrap-server localhost:29092 --topic "$topic" || fail "kafka produce"
got=$(kafka /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server localhost:29092 --topic "$topic" \
  --from-beginning --max-messages 1 --timeout-ms 20000 2> /dev/null) || fail "kafka consume"
[[ $got == "$message" ]] || fail "kafka gave back '$got' instead of '$message'"
kafka /opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:29092 --delete --topic "$topic" > /dev/null || true
say "kafka ok (topic created, record produced and consumed)"

# redis
got=$("${compose[@]}" exec -T redis redis-cli ping | tr -d '\r')
[[ $got == PONG ]] || fail "redis answered '$got'"
say "redis ok (PONG)"

say "all checks passed"
