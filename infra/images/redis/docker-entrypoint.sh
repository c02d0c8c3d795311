#!/bin/sh
# Entrypoint of the local redis:7.0 stand-in.
#   - `-x ...` or `x.conf ...` means redis-server with those arguments;
#   - redis-server gets `--protected-mode no` unless the arguments set protected-mode (the
#     official image compiles that default in), and runs as the redis user;
#   - any other command runs as given.
set -eu

case "${1:-}" in
  -* | *.conf) set -- redis-server "$@" ;;
  "") set -- redis-server ;;
esac

if [ "$1" = redis-server ]; then
  case " $* " in
    *" --protected-mode "*) ;;
    *) set -- "$@" --protected-mode no ;;
  esac
  if [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis:redis {} + 2>/dev/null || true
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi
exec "$@"
