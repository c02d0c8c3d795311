#!/usr/bin/env bash
# infra/stack.sh up|down|status: the local shop behind `./shop up` and `./shop down`.
#   up      bootstrap, engines in containers (infra/compose.yaml), services as local JVMs, wait until healthy
#   down    stop the services and the containers and drop the containers' data
#   status  what runs
# State lives in .shop/ (pids, logs). Only one `up` at a time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

STATE=.shop
LOGS=$STATE/logs
PIDS=$STATE/pids
UP_PID=$STATE/up.pid
HEALTH_TIMEOUT=${SHOP_HEALTH_TIMEOUT:-180}

# name, health URL, jar, extra arguments; started in this order
SERVICES=(
  "dev-issuer|http://127.0.0.1:8090/.well-known/jwks.json|shop-tools/target/shop-tools-0.1.0-SNAPSHOT-exec.jar|dev-issuer --port 8090"
  "cart-service|http://localhost:8081/actuator/health|cart-service/target/cart-service-0.1.0-SNAPSHOT-exec.jar|--shop.catalog.cache-bypass-header=true"
  "order-service|http://localhost:8082/actuator/health|order-service/target/order-service-0.1.0-SNAPSHOT-exec.jar|"
  "autoscaler|http://localhost:8080/actuator/health|autoscaler/target/autoscaler-0.1.0-SNAPSHOT-exec.jar|--shop.autoscaler.workers.log-directory=$LOGS/workers"
)
# not started here: the autoscaler starts and stops cache-projector workers from this jar (health UP once one runs)
WORKER_JAR=cache-projector/target/cache-projector-0.1.0-SNAPSHOT-exec.jar

say() { printf '[shop] %s\n' "$*"; }

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2> /dev/null; }

compose() { infra/compose.sh "$@"; }

wait_for_containers() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT)) id state unhealthy
  while :; do
    unhealthy=0
    for id in $(compose ps -q); do
      state=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")
      [[ $state == healthy || $state == running ]] || unhealthy=1
    done
    ((unhealthy == 0)) && return 0
    if ((SECONDS > deadline)); then
      say "containers not healthy after ${HEALTH_TIMEOUT}s:"; compose ps; return 1
    fi
    sleep 1
  done
}

build_if_needed() {
  local entry jar stale=0
  for entry in "${SERVICES[@]}" "|||$WORKER_JAR|"; do
    IFS='|' read -r _ _ jar _ <<< "$entry"
    if [[ ! -f $jar ]] || [[ -n $(find . -path ./.shop -prune -o \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name pom.xml \) -newer "$jar" -print -quit) ]]; then
      stale=1
    fi
  done
  if ((stale)); then
    say "building the services (./mvnw package, tests skipped; log: $LOGS/build.log)"
    ./mvnw -B -ntp -DskipTests package > "$LOGS/build.log" 2>&1 || { tail -40 "$LOGS/build.log"; return 1; }
  else
    say "services are built and up to date"
  fi
}

start_services() {
  local entry name url jar args
  mkdir -p "$PIDS"
  for entry in "${SERVICES[@]}"; do
    IFS='|' read -r name url jar args <<< "$entry"
    # shellcheck disable=SC2086 # args are words
    nohup java -jar "$jar" $args > "$LOGS/$name.log" 2>&1 &
    echo $! > "$PIDS/$name.pid"
    say "started $name (pid $!, log $LOGS/$name.log)"
  done
}

wait_for_services() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT)) entry name url pending
  while :; do
    pending=()
    for entry in "${SERVICES[@]}"; do
      IFS='|' read -r name url _ _ <<< "$entry"
      if ! alive "$PIDS/$name.pid"; then
        say "$name exited; the end of $LOGS/$name.log:"; tail -30 "$LOGS/$name.log"; return 1
      fi
      curl -fsS --max-time 2 "$url" 2> /dev/null | grep -qE '"status":"UP"|"keys"' || pending+=("$name")
    done
    ((${#pending[@]} == 0)) && return 0
    if ((SECONDS > deadline)); then
      say "not healthy after ${HEALTH_TIMEOUT}s: ${pending[*]}"; return 1
    fi
    sleep 1
  done
}

stop_services() {
  local pidfile pid
  [[ -d $PIDS ]] || return 0
  for pidfile in "$PIDS"/*.pid; do
    [[ -e $pidfile ]] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2> /dev/null; then
      kill "$pid" 2> /dev/null || true
      # the autoscaler first stops its workers (each finishes its batch and leaves the group)
      for _ in $(seq 1 120); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2> /dev/null || true
      say "stopped $(basename "$pidfile" .pid)"
    fi
    rm -f "$pidfile"
  done
}

down() {
  stop_services
  if command -v docker > /dev/null && docker info > /dev/null 2>&1; then
    compose down -v --remove-orphans > "$LOGS/compose-down.log" 2>&1 || { cat "$LOGS/compose-down.log"; return 1; }
    say "containers stopped and removed"
  fi
  if alive "$UP_PID" && [[ $(cat "$UP_PID") != "$$" ]]; then
    kill "$(cat "$UP_PID")" 2> /dev/null || true
  fi
  rm -f "$UP_PID"
}

up() {
  local detach=0
  [[ ${1:-} == --detach || ${1:-} == -d ]] && detach=1
  mkdir -p "$LOGS"
  if alive "$UP_PID"; then
    say "the shop is already running (pid $(cat "$UP_PID")); './shop down' stops it"; return 1
  fi
  echo $$ > "$UP_PID"
  if ((detach == 0)); then
    trap 'echo; down; exit 130' INT TERM
  fi
  trap '[[ $? -ne 0 ]] && { say "start failed; cleaning up"; down; }' EXIT
  infra/bootstrap.sh
  say "starting PostgreSQL, Kafka and Redis"
  compose up -d > "$LOGS/compose-up.log" 2>&1 || { cat "$LOGS/compose-up.log"; return 1; }
  wait_for_containers
  build_if_needed
  start_services
  wait_for_services
  trap - EXIT
  cat <<TXT

shop-es is up:
  dev issuer       ./shop token --customer alice             (tokens for the APIs)
  cart-service     http://localhost:8081/api/products        health http://localhost:8081/actuator/health
  order-service    http://localhost:8082                     health http://localhost:8082/actuator/health
  autoscaler       http://localhost:8080                     (live charts; state /api/autoscaler)
                   starts cache-projector workers by lag     (logs $LOGS/workers/)
  logs             $LOGS/
TXT
  if ((detach)); then
    # a detached run leaves no waiting process; `down` finds the services by their pid files
    echo "$(cat "$PIDS/cart-service.pid")" > "$UP_PID"
    say "detached; './shop down' stops everything"
    return 0
  fi
  say "press Ctrl-C to stop everything"
  while wait_for_services_alive; do sleep 2; done
  say "a service stopped; shutting the shop down"; down
}

wait_for_services_alive() {
  local entry name
  for entry in "${SERVICES[@]}"; do
    IFS='|' read -r name _ _ _ <<< "$entry"
    alive "$PIDS/$name.pid" || { say "$name exited (see $LOGS/$name.log)"; return 1; }
  done
}

status() {
  local entry name
  for entry in "${SERVICES[@]}"; do
    IFS='|' read -r name _ _ _ <<< "$entry"
    if alive "$PIDS/$name.pid"; then echo "$name: running (pid $(cat "$PIDS/$name.pid"))"; else echo "$name: stopped"; fi
  done
  if alive "$PIDS/autoscaler.pid"; then
    # "workers":3,"desiredWorkers":3,"totalLag":0 from GET /api/autoscaler
    curl -fsS --max-time 2 http://localhost:8080/api/autoscaler 2> /dev/null |
      grep -oE '"(mode|workers|desiredWorkers|totalLag)":("[a-z]+"|[0-9]+)' | head -n 4 | tr -d '"' | tr ':\n' '= ' |
      sed 's/^/cache-projector workers: /; s/ $/\n/' || echo "cache-projector workers: autoscaler not answering"
  fi
  compose ps 2> /dev/null || true
}

case ${1:-} in
  up) shift; up "$@" ;;
  down) mkdir -p "$LOGS"; down ;;
  status) status ;;
  *) echo "usage: infra/stack.sh up [--detach] | down | status" >&2; exit 2 ;;
esac
