#!/usr/bin/env bash
# infra/bootstrap.sh: make this machine able to run shop-es' local stack (infra/compose.yaml)
# and its Testcontainers tests. Idempotent: every step is skipped when already done, so a second
# run takes a second or two and prints a single line. On a laptop with Docker Desktop and network
# access it changes nothing and at most pulls the official images.
#
# Steps:
#   1. Docker engine: `docker info` must answer. If not, on Debian as root: install docker.io
#      (apt-get update only when needed) and start dockerd in the background, detached from the
#      calling shell, logging to /var/log/dockerd.log. Anywhere else: fail, asking for Docker.
#   2. Compose: `docker compose` or `docker-compose` (on Debian as root, Debian's docker-compose
#      is installed when neither exists). infra/compose.sh picks whichever is there.
#   3. Testcontainers: for an engine older than API 1.44, `api.version=1.41` (or the engine's own
#      lower version) in ~/.docker-java.properties, only when no api.version is set there.
#      Not done here, callers' job: where testcontainers/ryuk cannot be pulled (no registry),
#      export TESTCONTAINERS_RYUK_DISABLED=true before running tests.
#   4. Headless Chromium for the autoscaler page's browser test: `chromium` must be on the PATH.
#      If not, on Debian as root: install Debian's chromium (apt-get update only when needed).
#      Anywhere else: a warning only (that one test fails, naming what to install).
#   5. Images the code names: postgres:15, redis:7.0, apache/kafka:3.9.1 and alpine:3.17
#      (Testcontainers' gateway helper). Each one: present locally -> nothing; else
#      `docker pull` (bounded by SHOP_PULL_TIMEOUT); else a local stand-in is built from
#      infra/images/<name>/ on top of debian:bookworm-slim (itself pulled, or made with
#      debootstrap + docker import), alpine:3.17 from Debian's busybox-static. Stand-ins carry
#      the label org.shop-es.infra.recipe; when their recipe files change they are rebuilt.
#
# Usage: infra/bootstrap.sh [-v|--verbose] [-h|--help]
#   -v  also print the skipped steps and stream the output of the commands run (apt-get,
#       debootstrap, mvn, docker build); without it that output goes to the log file only.
#
# Environment (all optional):
#   SHOP_BOOTSTRAP_VERBOSE=1  same as -v
#   SHOP_BOOTSTRAP_LOG        log file of the commands run
#                             (default ${TMPDIR:-/tmp}/shop-es-bootstrap-<uid>.log)
#   SHOP_DOCKERD_TIMEOUT      seconds to wait for a freshly started dockerd (default 60)
#   SHOP_PULL_TIMEOUT         seconds allowed per `docker pull` attempt (default 30; 0 = never pull)
#   SHOP_DEBIAN_MIRROR        mirror for debootstrap (default http://deb.debian.org/debian)
#   SHOP_REBUILD_IMAGES=1     rebuild the local stand-in images even if they are up to date
#                             (never replaces an image that is not a stand-in, e.g. a pulled one)
#   DOCKER_HOST etc.          honoured by the docker client as usual
#
# Progress goes to stderr; stdout stays empty.
# Exit codes:
#   0  ready
#   1  a command failed unexpectedly (its output is in the log file; the tail is printed)
#   2  bad usage
#   3  no usable Docker engine and none can be installed here (not Debian, or not root)
#   4  dockerd was started but did not answer within SHOP_DOCKERD_TIMEOUT
#   5  no docker compose command and none can be installed here
#   6  an image is missing, cannot be pulled, and its stand-in cannot be built here
set -euo pipefail

INFRA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$INFRA_DIR")
IMAGES_DIR=$INFRA_DIR/images

BASE_IMAGE=debian:bookworm-slim
RECIPE_LABEL=org.shop-es.infra.recipe
# Bump when the busybox / debootstrap recipes in this file change.
ALPINE_RECIPE=alpine-busybox-1
DEBIAN_RECIPE=debian-debootstrap-1

verbose=${SHOP_BOOTSTRAP_VERBOSE:-0}
LOG=${SHOP_BOOTSTRAP_LOG:-${TMPDIR:-/tmp}/shop-es-bootstrap-$(id -u).log}
LOCK=${TMPDIR:-/tmp}/shop-es-bootstrap-$(id -u).lock
DOCKERD_TIMEOUT=${SHOP_DOCKERD_TIMEOUT:-60}
PULL_TIMEOUT=${SHOP_PULL_TIMEOUT:-30}
DEBIAN_MIRROR=${SHOP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
REBUILD=${SHOP_REBUILD_IMAGES:-0}

usage() { sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

while (($# > 0)); do
  case $1 in
    -v | --verbose) verbose=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bootstrap: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# ---------------------------------------------------------------------------------------------
# Output and timing

say() { printf 'bootstrap: %s\n' "$*" >&2; }
detail() { if [[ $verbose == 1 ]]; then say "$@"; fi; return 0; }
die() { local code=$1; shift; printf 'bootstrap: error: %s\n' "$*" >&2; exit "$code"; }

now_ms() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local t=${EPOCHREALTIME/[.,]/}
    echo $((10#$t / 1000))
  else
    echo $(($(date +%s) * 1000))
  fi
}

fmt_ms() {
  local ms=$1
  if ((ms < 60000)); then
    printf '%d.%ds' $((ms / 1000)) $((ms % 1000 / 100))
  else
    printf '%dm%02ds' $((ms / 60000)) $((ms % 60000 / 1000))
  fi
}

# timed DESCRIPTION COMMAND [ARG...]: run a step, its output to the log (and the terminal with
# -v), print how long it took. The command runs in a subshell started in the background so that
# `set -e` applies inside it (bash ignores -e in commands that are part of `||` or `if`).
# Returns the command's exit code; a failure prints the end of the log.
actions=0
timed() {
  local desc=$1 t0 rc=0
  shift
  actions=$((actions + 1))
  t0=$(now_ms)
  say "$desc ..."
  printf '\n=== %s: %s\n' "$(date '+%F %T')" "$desc" >> "$LOG"
  if [[ $verbose == 1 ]]; then
    ( ("$@") 2>&1 | tee -a "$LOG" >&2 ) < /dev/null &
  else
    ("$@") >> "$LOG" 2>&1 < /dev/null &
  fi
  wait $! || rc=$?
  if ((rc != 0)); then
    say "$desc: FAILED (exit $rc) after $(fmt_ms $(($(now_ms) - t0))); last lines of $LOG:"
    tail -n 25 "$LOG" | sed 's/^/    /' >&2
    return "$rc"
  fi
  say "$desc: done in $(fmt_ms $(($(now_ms) - t0)))"
}

# ---------------------------------------------------------------------------------------------
# Helpers

have() { command -v "$1" > /dev/null 2>&1; }

is_debian_root() { [[ -f /etc/debian_version && $(id -u) == 0 ]] && have apt-get; }

with_timeout() { # with_timeout SECONDS COMMAND...: bounded where timeout(1) exists
  local secs=$1
  shift
  if have timeout; then timeout "$secs" "$@"; else "$@"; fi
}

docker_ok() { have docker && with_timeout 20 docker info > /dev/null 2>&1; }

apt_updated=0
apt_lists_fresh() { # package lists fetched less than a day ago
  # ctime, not mtime: apt gives the files the server's modification time.
  [[ -d /var/lib/apt/lists ]] &&
    [[ -n $(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -cmin -1440 2> /dev/null | head -n 1) ]]
}
apt_has_candidates() {
  local pkg
  for pkg in "$@"; do
    apt-cache policy "$pkg" 2> /dev/null | grep -q 'Candidate: [^(]' || return 1
  done
}
apt_update() {
  if [[ $apt_updated == 0 ]]; then
    apt-get update
    apt_updated=1
  fi
}
# Runs inside timed (output to the log): update only when the lists are old or lack a package.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! apt_lists_fresh || ! apt_has_candidates "$@"; then
    apt_update
  fi
  if ! apt-get install -y --no-install-recommends "$@"; then
    # Stale lists point at superseded versions: refresh once and retry.
    apt_updated=0
    apt_update
    apt-get install -y --no-install-recommends "$@"
  fi
}

# ---------------------------------------------------------------------------------------------
# 1. Docker engine

dockerd_pid() { # pid of a running dockerd, if any
  local pid
  if [[ -r /var/run/docker.pid ]]; then
    pid=$(cat /var/run/docker.pid 2> /dev/null || true)
    if [[ -n $pid ]] && kill -0 "$pid" 2> /dev/null; then
      echo "$pid"
      return 0
    fi
  fi
  if have pgrep; then pgrep -x dockerd | head -n 1; fi
}

start_dockerd() {
  local pid
  pid=$(dockerd_pid || true)
  if [[ -z $pid ]]; then
    # setsid + nohup: its own session, so it outlives the shell (and job) that started it.
    # 9>&-: it must not inherit (and hold forever) this script's lock.
    # --userland-proxy=false: published ports are forwarded by the kernel (iptables), not by a
    # docker-proxy process copying every byte; under command load that process used ~13% of the CPU.
    nohup setsid dockerd --userland-proxy=false >> /var/log/dockerd.log 2>&1 < /dev/null 9>&- &
    echo "started dockerd (log: /var/log/dockerd.log)"
  else
    echo "dockerd already running as pid $pid; waiting for it to answer"
  fi
  local deadline=$((SECONDS + DOCKERD_TIMEOUT))
  until docker info > /dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "dockerd did not answer within ${DOCKERD_TIMEOUT}s; end of /var/log/dockerd.log:"
      tail -n 20 /var/log/dockerd.log || true
      exit 4
    fi
    sleep 0.5
  done
  docker version --format 'engine {{.Server.Version}} (API {{.Server.APIVersion}})'
}

ensure_engine() {
  if docker_ok; then
    detail "docker engine: answering, nothing to do"
    return 0
  fi
  if ! is_debian_root; then
    local why="'docker info' does not answer"
    have docker || why="no docker command"
    die 3 "$why. Install and start Docker (e.g. Docker Desktop, or Docker Engine with the
  compose plugin: https://docs.docker.com/engine/install/), make sure your user may use it
  ('docker info' must work), then run infra/bootstrap.sh again."
  fi
  if ! have dockerd; then
    timed "installing Docker engine (apt-get install docker.io)" apt_install docker.io
  fi
  timed "starting dockerd" start_dockerd
}

# ---------------------------------------------------------------------------------------------
# 2. Compose

ensure_compose() {
  if docker compose version > /dev/null 2>&1; then
    detail "compose: 'docker compose' available"
    return 0
  fi
  # Not `docker-compose version`: Python's start-up alone takes most of a second.
  if have docker-compose; then
    detail "compose: 'docker-compose' available"
    return 0
  fi
  if ! is_debian_root; then
    die 5 "neither 'docker compose' nor 'docker-compose' works. Install the Docker Compose
  plugin (https://docs.docker.com/compose/install/), then run infra/bootstrap.sh again."
  fi
  timed "installing docker-compose (apt-get install docker-compose)" apt_install docker-compose
}

# ---------------------------------------------------------------------------------------------
# 3. Testcontainers settings

# version_lt A B: true when dotted version A < B (numeric parts)
version_lt() {
  local a=$1 b=$2 x y
  while [[ -n $a || -n $b ]]; do
    x=${a%%.*} y=${b%%.*}
    x=${x:-0} y=${y:-0}
    ((10#$x < 10#$y)) && return 0
    ((10#$x > 10#$y)) && return 1
    [[ $a == *.* ]] && a=${a#*.} || a=
    [[ $b == *.* ]] && b=${b#*.} || b=
  done
  return 1
}

ensure_testcontainers_settings() {
  local api file=$HOME/.docker-java.properties version=1.41
  api=$(docker version --format '{{.Server.APIVersion}}' 2> /dev/null || true)
  # Engines from API 1.44 on (Docker 25+) need no pin, and Docker 29+ refuses anything below 1.44.
  if [[ -z $api ]] || ! version_lt "$api" 1.44; then
    detail "testcontainers: engine API ${api:-unknown}, no api.version pin needed"
    return 0
  fi
  if [[ -f $file ]] && grep -Eq '^[[:space:]]*api\.version[[:space:]]*[=:]' "$file"; then
    detail "testcontainers: $file already sets api.version"
    return 0
  fi
  if version_lt "$api" "$version"; then version=$api; fi
  {
    echo "# Added by shop-es infra/bootstrap.sh: the Docker engine here speaks API $api."
    echo "api.version=$version"
  } >> "$file"
  say "testcontainers: added api.version=$version to $file"
  actions=$((actions + 1))
}

# ---------------------------------------------------------------------------------------------
# 4. Headless Chromium

ensure_chromium() {
  if have chromium; then
    detail "chromium: present, nothing to do"
    return 0
  fi
  if ! is_debian_root; then
    say "warning: no chromium on the PATH; the autoscaler page's browser test needs it (install Chromium)"
    return 0
  fi
  timed "installing Chromium (apt-get install chromium)" apt_install chromium
}

# ---------------------------------------------------------------------------------------------
# 5. Images

image_exists() { docker image inspect "$1" > /dev/null 2>&1; }

image_recipe() { # the stand-in recipe label of a local image, empty for other images
  docker image inspect --format "{{ index .Config.Labels \"$RECIPE_LABEL\" }}" "$1" 2> /dev/null |
    sed 's/^<no value>$//'
}

sha256_stdin() {
  if have sha256sum; then sha256sum | cut -c1-16; else shasum -a 256 | cut -c1-16; fi
}

# Recipe of a stand-in built from infra/images/<dir>: hash of its files (downloaded jars excluded).
dir_recipe() {
  local dir=$1 f
  (
    cd "$dir"
    find . -type f ! -path './libs/*' ! -path './target/*' | LC_ALL=C sort | while IFS= read -r f; do
      printf '%s\n' "$f"
      cat "$f"
    done
  ) | sha256_stdin
}

try_pull() {
  local image=$1
  if [[ $PULL_TIMEOUT == 0 ]]; then return 1; fi
  say "$image: not present locally, trying docker pull (at most ${PULL_TIMEOUT}s)"
  local t0 rc=0
  t0=$(now_ms)
  printf '\n=== %s: docker pull %s\n' "$(date '+%F %T')" "$image" >> "$LOG"
  with_timeout "$PULL_TIMEOUT" docker pull "$image" >> "$LOG" 2>&1 || rc=$?
  if ((rc == 0)); then
    say "$image: pulled in $(fmt_ms $(($(now_ms) - t0)))"
    actions=$((actions + 1))
    return 0
  fi
  say "$image: cannot be pulled ($(fmt_ms $(($(now_ms) - t0)))); building a local stand-in"
  return 1
}

# need_image IMAGE RECIPE: 0 when IMAGE must be (re)built or pulled, 1 when it is fine.
need_image() {
  local image=$1 recipe=$2 have_recipe
  if ! image_exists "$image"; then return 0; fi
  have_recipe=$(image_recipe "$image")
  if [[ -z $have_recipe ]]; then
    detail "$image: present (not a stand-in), nothing to do"
    return 1
  fi
  if [[ $REBUILD == 1 ]]; then
    say "$image: SHOP_REBUILD_IMAGES=1, rebuilding the stand-in"
    return 0
  fi
  if [[ $have_recipe != "$recipe" ]]; then
    say "$image: stand-in built from an older recipe ($have_recipe, now $recipe), rebuilding"
    return 0
  fi
  detail "$image: stand-in up to date, nothing to do"
  return 1
}

# Debian's busybox-static in a tiny rootfs: enough for Testcontainers' `ip route | awk ...`.
build_alpine() {
  local image=$1
  # Not local: the EXIT trap runs after the function's locals are gone (timed runs this in a
  # subshell, so the global does not leak).
  work=$(mktemp -d "${TMPDIR:-/tmp}/shop-es-alpine.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  if ! apt_lists_fresh || ! apt_has_candidates busybox-static; then apt_update; fi
  (cd "$work" && apt-get download busybox-static)
  dpkg-deb -x "$work"/busybox-static_*.deb "$work/pkg"
  local root=$work/rootfs
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev,var/tmp}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cp "$work/pkg/bin/busybox" "$root/bin/busybox"
  local applet
  # --list-full gives each applet's path (bin/sh, sbin/ip, usr/bin/awk, ...). It also lists
  # busybox itself: a link there would replace the binary.
  for applet in $("$root/bin/busybox" --list-full); do
    [[ $applet == */busybox ]] && continue
    [[ -e $root/$applet ]] && continue
    mkdir -p "$(dirname "$root/$applet")"
    ln -s /bin/busybox "$root/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' \
    --change "LABEL $RECIPE_LABEL=$ALPINE_RECIPE" \
    - "$image"
  docker run --rm "$image" sh -c 'ip route | awk "/default/ { print \$3 }"'
}

build_debian_base() {
  local image=$1
  if ! have debootstrap; then apt_install debootstrap; fi
  # Not local, see build_alpine.
  root=$(mktemp -d /var/tmp/shop-es-debian.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  debootstrap --variant=minbase bookworm "$root" "$DEBIAN_MIRROR"
  # Same sources as the official image (the security archive sits beside the main mirror).
  rm -f "$root/etc/apt/sources.list"
  cat > "$root/etc/apt/sources.list.d/debian.sources" << EOF
Types: deb
URIs: $DEBIAN_MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${DEBIAN_MIRROR%/debian}/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  rm -rf "${root:?}"/var/cache/apt/archives/*.deb "${root:?}"/var/lib/apt/lists/* "${root:?}"/dev/*
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    --change "LABEL $RECIPE_LABEL=$DEBIAN_RECIPE" \
    - "$image"
}

ensure_base_image() {
  if image_exists "$BASE_IMAGE"; then return 0; fi
  try_pull "$BASE_IMAGE" && return 0
  is_debian_root || die 6 "$BASE_IMAGE is needed to build local stand-in images but cannot be
  pulled, and debootstrap needs Debian and root. Give this machine access to a registry."
  timed "building $BASE_IMAGE with debootstrap (bookworm minbase) + docker import" \
    build_debian_base "$BASE_IMAGE"
}

# Kafka's runtime jars from Maven Central into images/kafka/libs (git-ignored).
fetch_kafka_libs() {
  local dir=$IMAGES_DIR/kafka
  rm -rf "$dir/libs"
  local -a mvn_cmd=(mvn)
  if [[ -x $REPO_DIR/mvnw ]]; then mvn_cmd=("$REPO_DIR/mvnw"); fi
  local -a goal=(-B -q -f "$dir/pom.xml" dependency:copy-dependencies -DincludeScope=runtime
    "-DoutputDirectory=$dir/libs")
  if ! (cd "$REPO_DIR" && "${mvn_cmd[@]}" "${goal[@]}"); then
    if [[ ${mvn_cmd[0]} != mvn ]] && have mvn; then
      echo "${mvn_cmd[0]} failed; retrying with mvn"
      (cd "$REPO_DIR" && mvn "${goal[@]}")
    else
      return 1
    fi
  fi
  echo "$(find "$dir/libs" -name '*.jar' | wc -l | tr -d ' ') jars in $dir/libs"
}

docker_build() { # docker_build IMAGE DIR RECIPE
  # BuildKit where the client has it, else the legacy builder (whose deprecation notice from a
  # new client on Debian's engine is harmless).
  docker build --label "$RECIPE_LABEL=$3" -t "$1" "$2"
}

# ensure_image IMAGE KIND: KIND is alpine, or the infra/images/ directory of a Dockerfile.
ensure_image() {
  local image=$1 kind=$2 recipe
  if [[ $kind == alpine ]]; then recipe=$ALPINE_RECIPE; else recipe=$(dir_recipe "$IMAGES_DIR/$kind"); fi
  need_image "$image" "$recipe" || return 0
  local missing=0
  image_exists "$image" || missing=1
  if ((missing)) && try_pull "$image"; then return 0; fi

  if [[ $kind == alpine ]]; then
    is_debian_root || die 6 "$image cannot be pulled and its stand-in needs Debian and root."
    timed "building $image stand-in (busybox-static + docker import)" build_alpine "$image"
    return 0
  fi
  ensure_base_image
  if [[ $kind == kafka ]]; then
    have mvn || [[ -x $REPO_DIR/mvnw ]] ||
      die 6 "$image cannot be pulled and its stand-in needs Maven (mvn or ./mvnw) for Kafka's jars."
    timed "resolving Kafka jars with Maven (infra/images/kafka/pom.xml)" fetch_kafka_libs
  fi
  timed "building $image stand-in (docker build infra/images/$kind)" \
    docker_build "$image" "$IMAGES_DIR/$kind" "$recipe"
  # The image the tag pointed to before a rebuild is now dangling.
  docker image prune -f --filter "label=$RECIPE_LABEL" > /dev/null 2>&1 || true
}

# ---------------------------------------------------------------------------------------------

main() {
  local t0
  t0=$(now_ms)
  mkdir -p "$(dirname "$LOG")"
  : >> "$LOG"

  # One bootstrap at a time (two `./shop` commands started together would race on apt and
  # docker build).
  if have flock; then
    exec 9>> "$LOCK"
    if ! flock -n 9; then
      say "another bootstrap is running; waiting for it"
      flock 9
    fi
  fi

  ensure_engine
  ensure_compose
  ensure_testcontainers_settings
  ensure_chromium
  ensure_image alpine:3.17 alpine
  ensure_image redis:7.0 redis
  ensure_image postgres:15 postgres
  ensure_image apache/kafka:3.9.1 kafka

  local total
  total=$(fmt_ms $(($(now_ms) - t0)))
  if ((actions == 0)); then
    say "ready: Docker, compose and images already in place ($total)"
  else
    say "ready in $total (command output: $LOG)"
  fi
}

main
