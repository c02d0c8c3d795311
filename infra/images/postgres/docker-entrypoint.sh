#!/bin/bash
# Entrypoint of the local postgres:15 stand-in (see the Dockerfile beside this file).
#
# Environment, as in the official image:
#   POSTGRES_PASSWORD   superuser password; required unless POSTGRES_HOST_AUTH_METHOD=trust
#   POSTGRES_USER       superuser name (default postgres)
#   POSTGRES_DB         database created at first start (default: POSTGRES_USER)
#   POSTGRES_INITDB_ARGS extra initdb arguments
#   POSTGRES_HOST_AUTH_METHOD  pg_hba method for remote hosts (default scram-sha-256)
#   POSTGRES_PASSWORD_FILE / POSTGRES_USER_FILE / POSTGRES_DB_FILE  read the value from a file
# Arguments: `postgres [-c name=value ...]`; arguments starting with "-" are given to postgres.
# On first start (empty $PGDATA): initdb, a temporary server on the Unix socket only, creation
# of POSTGRES_DB, /docker-entrypoint-initdb.d/*.sh|*.sql|*.sql.gz in name order, stop; then
# the real server in the foreground. Later starts go straight to the real server.
set -Eeuo pipefail
shopt -s nullglob

log() { printf '%s\n' "entrypoint: $*"; }
die() { printf '%s\n' "entrypoint: error: $*" >&2; exit 1; }

# VAR_FILE=/path sets VAR from the file's content (for Docker secrets).
file_env() {
  local var=$1 file_var="${1}_FILE"
  if [[ -n ${!file_var:-} ]]; then
    [[ -z ${!var:-} ]] || die "both $var and $file_var are set; they are exclusive"
    export "$var=$(< "${!file_var}")"
  fi
}

# `docker run postgres:15 -c fsync=off` means `postgres -c fsync=off`.
if [[ $# -eq 0 || $1 == -* ]]; then
  set -- postgres "$@"
fi
# Any other command (bash, psql, ...) runs as given.
if [[ $1 != postgres ]]; then
  exec "$@"
fi

# PostgreSQL refuses to run as root: prepare the directories, then run this script again as
# the postgres user.
if [[ $(id -u) == 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  find "$PGDATA" \! -user postgres -exec chown postgres:postgres {} +
  chmod 0700 "$PGDATA"
  chown postgres:postgres /var/run/postgresql
  chmod 2777 /var/run/postgresql
  export HOME=/var/lib/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

init_database() {
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER
  file_env POSTGRES_DB
  export POSTGRES_USER=${POSTGRES_USER:-postgres}
  export POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
  local auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}

  if [[ -z ${POSTGRES_PASSWORD:-} && $auth != trust ]]; then
    die "the database is uninitialized and POSTGRES_PASSWORD is not set.
  Set POSTGRES_PASSWORD (e.g. -e POSTGRES_PASSWORD=secret), or POSTGRES_HOST_AUTH_METHOD=trust
  to allow every connection without a password (never do that outside local tests)."
  fi

  log "initializing database cluster in $PGDATA"
  local pwfile=
  local -a initdb_args=(--username="$POSTGRES_USER")
  if [[ -n ${POSTGRES_PASSWORD:-} ]]; then
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    initdb_args+=(--pwfile="$pwfile")
  fi
  # POSTGRES_INITDB_ARGS is a string of arguments: split on whitespace, as the official image.
  # shellcheck disable=SC2086
  initdb "${initdb_args[@]}" ${POSTGRES_INITDB_ARGS:-}
  [[ -z $pwfile ]] || rm -f "$pwfile"

  # Reachable from other containers and the host, with a password (initdb already trusts the
  # local socket and loopback, as in the official image).
  printf "\nlisten_addresses = '*'\n" >> "$PGDATA/postgresql.conf"
  printf '\nhost all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"

  # Temporary server on the Unix socket only, with the same extra arguments as the real one
  # (e.g. -c fsync=off), so that nobody connects before initialization has finished.
  local extra_opts=
  if (($# > 1)); then
    extra_opts=$(printf '%q ' "${@:2}")
  fi
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432 $extra_opts" -w start

  export PGPASSWORD=${POSTGRES_PASSWORD:-}
  local -a psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --username "$POSTGRES_USER")
  local exists
  exists=$("${psql[@]}" --dbname postgres --tuples-only --no-align --set db="$POSTGRES_DB" \
    <<< "SELECT 1 FROM pg_database WHERE datname = :'db';")
  if [[ $exists != 1 ]]; then
    log "creating database $POSTGRES_DB"
    "${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<< 'CREATE DATABASE :"db";'
  fi

  local f
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh)
        if [[ -x $f ]]; then
          log "running $f"
          "$f"
        else
          log "sourcing $f"
          # shellcheck disable=SC1090
          . "$f"
        fi
        ;;
      *.sql)
        log "running $f"
        "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f"
        ;;
      *.sql.gz)
        log "running $f"
        gzip -dc "$f" | "${psql[@]}" --dbname "$POSTGRES_DB"
        ;;
      *)
        log "ignoring $f"
        ;;
    esac
  done
  unset PGPASSWORD

  pg_ctl -D "$PGDATA" -m fast -w stop
  log "PostgreSQL init process complete; ready for start up."
}

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  init_database "$@"
fi

exec "$@"
