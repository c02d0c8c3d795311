#!/usr/bin/env bash
# infra/images.sh: `./shop images`. Builds the container images of cart-service, order-service,
# cache-projector, autoscaler and shop-tools from one recipe (infra/service-image/Dockerfile).
#
# Usage: infra/images.sh [--push REGISTRY] [--skip-package] [-v] [NAME...]
#   NAME...          only these images (default: all five)
#   --push REGISTRY  also push REGISTRY/shop-es/<name>:<revision> (and :<version> for a release
#                    version); needs a clean work tree and a `docker login` to REGISTRY first
#   --skip-package   use the jars as they are (the caller has just built them, e.g. a test);
#                    by default the jars are built with Maven when missing or older than the sources
#   -v, --verbose    stream the output of the commands run (otherwise only in the log)
#
# Each image is tagged shop-es/<name>:<version> (the Maven project version) and
# shop-es/<name>:<revision> (the git commit, 12 hex digits, `-dirty` when tracked files differ from
# it); older revision tags of the image are removed locally. Idempotent: an image whose inputs (jar, recipe, version, revision) have not changed is not
# rebuilt; the shared JRE layer (shop-es/jre:17) is built once and reused by every image.
# Progress goes to stderr, the tags built to stdout, one per line. Log: .shop/logs/images.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RECIPE=infra/service-image/Dockerfile
BASE_IMAGE=debian:bookworm-slim
JRE_IMAGE=shop-es/jre:17
LOG=.shop/logs/images.log

# name|jar layout|description; the jar is <name>/target/<name>-<version>-exec.jar
IMAGES=(
  "cart-service|layered|shop-es cart-service: catalog and carts (port 8081)"
  "order-service|layered|shop-es order-service: orders (port 8082)"
  "cache-projector|layered|shop-es cache-projector: Kafka consumer group folding events into Redis views"
  "autoscaler|layered|shop-es autoscaler: reads the cache-projector lag, serves the desired worker count (port 8080)"
  "shop-tools|plain|shop-es tools CLI: replay, redrive, verify, token (for Kubernetes Jobs)"
)

usage() { sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
say() { printf 'images: %s\n' "$*" >&2; }
die() { printf 'images: error: %s\n' "$*" >&2; exit 1; }

registry= skip_package=0 verbose=0
selected=()
while (($# > 0)); do
  case $1 in
    --push) [[ $# -ge 2 ]] || die "--push needs a registry"; registry=${2%/}; shift ;;
    --skip-package) skip_package=1 ;;
    -v | --verbose) verbose=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) printf 'images: unknown option %s\n' "$1" >&2; usage >&2; exit 2 ;;
    *) selected+=("$1") ;;
  esac
  shift
done

mkdir -p "$(dirname "$LOG")"

# run DESCRIPTION COMMAND...: output to the log (and the terminal with -v), one line with the time
run() {
  local desc=$1 start=$SECONDS rc=0
  shift
  printf '\n=== %s: %s\n' "$(date '+%F %T')" "$desc" >> "$LOG"
  if ((verbose)); then
    "$@" 2>&1 | tee -a "$LOG" >&2 || rc=$?
  else
    "$@" >> "$LOG" 2>&1 || rc=$?
  fi
  if ((rc != 0)); then
    say "$desc: FAILED (exit $rc); last lines of $LOG:"
    tail -n 25 "$LOG" | sed 's/^/    /' >&2
    exit "$rc"
  fi
  say "$desc: $((SECONDS - start)) s"
}

# ---- what to build
declare -A layout description
for entry in "${IMAGES[@]}"; do
  IFS='|' read -r name kind text <<< "$entry"
  layout[$name]=$kind
  description[$name]=$text
done
if ((${#selected[@]} == 0)); then
  for entry in "${IMAGES[@]}"; do selected+=("${entry%%|*}"); done
fi
for name in "${selected[@]}"; do
  [[ -n ${layout[$name]:-} ]] || die "unknown image '$name' (known: ${!layout[*]})"
done

# the project version: the <version> following the root pom's own artifactId (not the parent's)
version=$(sed -n '/<artifactId>shop-es<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;q}' pom.xml)
[[ -n $version ]] || die "cannot read the project version from pom.xml"
if git rev-parse -q --verify HEAD > /dev/null 2>&1; then
  revision=$(git rev-parse --short=12 HEAD)
  commit=$(git rev-parse HEAD)
  if ! git diff --quiet HEAD --; then revision+=-dirty; commit+=-dirty; fi
  created=$(git log -1 --format=%cI HEAD) # the commit's time: the same inputs give the same image
else
  # a source tree without git history (e.g. an unpacked archive)
  revision=nogit commit=nogit created=$(date -u +%FT%TZ)
fi
if [[ -n $registry && ( $revision == *-dirty || $revision == nogit ) ]]; then
  die "refusing to push a build that names no commit ($revision): commit first"
fi

jar_of() { echo "$1/target/$1-$version-exec.jar"; }

# ---- the jars
if ((!skip_package)); then
  stale=()
  for name in "${selected[@]}"; do
    jar=$(jar_of "$name")
    # any main source, resource or pom of the build newer than the jar (tests do not go into it)
    if [[ ! -f $jar ]] || [[ -n $(find . \( -name target -o -name .git -o -name .shop -o -name node_modules \) -prune \
      -o \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$jar" -print -quit) ]]; then
      stale+=("$name")
    fi
  done
  if ((${#stale[@]} > 0)); then
    modules=$(IFS=,; echo "${stale[*]}")
    run "building the jars of ${stale[*]} (./mvnw package -pl $modules -am, tests skipped)" \
      ./mvnw -B -ntp -q -DskipTests package -pl "$modules" -am
  fi
fi
for name in "${selected[@]}"; do
  [[ -f $(jar_of "$name") ]] || die "missing $(jar_of "$name") (build it, or drop --skip-package)"
done

# ---- the engine and the base image (pulled where a registry answers, made locally where none does)
infra/bootstrap.sh

# ---- the shared JRE layer, once
base_context=$(mktemp -d)
trap 'rm -rf "$base_context"' EXIT
run "JRE base $JRE_IMAGE" docker build --target jre --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$JRE_IMAGE" \
  -f "$RECIPE" "$base_context"

# ---- one image per program
sha256() { sha256sum "$@" | cut -c1-64; }
recipe_hash=$(sha256 "$RECIPE")
built=()
for name in "${selected[@]}"; do
  jar=$(jar_of "$name")
  image=shop-es/$name
  # everything that goes into the image; equal inputs, equal image: nothing to do. The jar by size
  # and modification time: a content hash reads 300 MB each run, and a repackaged jar differs anyway
  input=$(printf '%s\n' "$(stat -c '%s %.9Y' "$jar")" "$recipe_hash" "${layout[$name]}" "$version" "$revision" "${description[$name]}" \
    "$(docker image inspect -f '{{.Id}}' "$JRE_IMAGE")" | sha256)
  current=$(docker image inspect -f '{{index .Config.Labels "org.shop-es.image.input"}}' "$image:$version" 2> /dev/null || true)
  if [[ $current == "$input" ]]; then
    docker tag "$image:$version" "$image:$revision"
    say "$image:$version up to date"
  else
    context=$name/target/image-context
    rm -rf "$context"
    mkdir -p "$context"
    ln "$jar" "$context/application.jar" 2> /dev/null || cp "$jar" "$context/application.jar"
    run "$image:$version and :$revision (from $jar)" docker build -f "$RECIPE" \
      --build-arg BASE_IMAGE="$BASE_IMAGE" \
      --build-arg LAYERED=$([[ ${layout[$name]} == layered ]] && echo true || echo false) \
      --label org.opencontainers.image.title="$name" \
      --label org.opencontainers.image.description="${description[$name]}" \
      --label org.opencontainers.image.version="$version" \
      --label org.opencontainers.image.revision="$commit" \
      --label org.opencontainers.image.created="$created" \
      --label org.opencontainers.image.vendor=shop-es \
      --label org.opencontainers.image.base.name="$BASE_IMAGE" \
      --label org.shop-es.image.input="$input" \
      -t "$image:$version" -t "$image:$revision" "$context"
    rm -rf "$context"
  fi
  built+=("$image:$version" "$image:$revision")
  # one revision per image here (the registry keeps the pushed ones): drop older revision tags
  for tag in $(docker image ls --format '{{.Tag}}' "$image" | grep -E '^([0-9a-f]{12}(-dirty)?|nogit)$' | grep -vx -- "$revision"); do
    docker image rm "$image:$tag" > /dev/null
  done
done
# the images these tags pointed to before, and the intermediate `layers` stages, are now dangling
docker image prune -f --filter label=org.shop-es.image=true > /dev/null

# ---- push
if [[ -n $registry ]]; then
  for name in "${selected[@]}"; do
    tags=("$revision")
    # registries like ECR keep tags immutable: a snapshot version would be pushed once only
    [[ $version == *-SNAPSHOT ]] || tags+=("$version")
    for tag in "${tags[@]}"; do
      docker tag "shop-es/$name:$version" "$registry/shop-es/$name:$tag"
      run "push $registry/shop-es/$name:$tag" docker push "$registry/shop-es/$name:$tag"
      built+=("$registry/shop-es/$name:$tag")
    done
  done
fi

for name in "${selected[@]}"; do
  say "$(docker image inspect -f "shop-es/$name:$version  {{.Size}}" "shop-es/$name:$version" |
    awk '{ printf "%-42s %4d MB", $1, $2 / 1000000 }')"
done
printf '%s\n' "${built[@]}"
