#!/bin/sh
# The image's entry point: runs the command (by default `earnings-bot run`) as the unprivileged user
# `earnings`. Started as root (Docker's default) it first gives that user the database's folder and files,
# so a host folder (`-v /srv/earnings:/data`, which Docker creates root-owned) works like a named volume.
# Started with `--user`, it runs the command as that user, unchanged.
set -eu

if [ "$(id -u)" = 0 ]; then
    db="${EARNINGS_BOT_DB:-/data/earnings.db}"
    data=$(dirname "$db")
    mkdir -p "$data"
    for path in "$data" "$db" "$db-wal" "$db-shm"; do
        if [ -e "$path" ] && [ "$(stat -c %U "$path")" != earnings ]; then
            chown earnings:earnings "$path" 2>/dev/null \
                || echo "docker-entrypoint: cannot give $path to the user earnings (read-only mount?)" >&2
        fi
    done
    export HOME=/home/earnings
    exec setpriv --reuid=earnings --regid=earnings --init-groups -- "$@"
fi
exec "$@"
