#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on a Unix socket in a temporary folder.
#
#   scripts/pg_test_server.sh COMMAND [ARGS...]
#
# Starts the server (installing Debian's postgresql package when it is missing), runs COMMAND
# with TRACKER_TEST_PG_URL set to an empty database on it (and no standard input), then stops the server and deletes
# the folder, also when COMMAND fails or is interrupted. Exits with COMMAND's status.
# As root the server runs as the unprivileged user `tracker-test` (PostgreSQL refuses root).
# No TCP port is opened. fsync is off: the tests kill clients, never the server.
set -euo pipefail

TEST_USER=tracker-test
DB_NAME=tracker_test

pg_bindir() {  # the newest server's bin folder (a client-only install has no initdb there)
    ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname
}

install_postgres() {
    if [ -n "$(pg_bindir)" ]; then
        return
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "pg_test_server: PostgreSQL is not installed (apt-get install postgresql, as root)" >&2
        exit 1
    fi
    echo "pg_test_server: installing PostgreSQL from Debian's packages" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# as_server CMD...: run CMD as the user that owns the server.
as_server() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$TEST_USER" -- "$@"
    else
        "$@"
    fi
}

make_server_user() {
    if [ "$(id -u)" = 0 ] && ! id "$TEST_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$TEST_USER"
    fi
}

start_server() {
    local bin=$1 dir=$2
    as_server "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
        --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log"
    as_server "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
        --options="-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off \
                   -c full_page_writes=off -c max_connections=200" start >/dev/null
    as_server "$bin/createdb" --host="$dir" --username=postgres "$DB_NAME"
}

stop_server() {
    local bin=$1 dir=$2
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server "$bin/pg_ctl" --pgdata="$dir/data" --mode=immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

main() {
    if [ $# -eq 0 ]; then
        sed -n '2,10p' "$0" >&2
        exit 2
    fi
    install_postgres
    make_server_user
    local bin dir
    bin=$(pg_bindir)
    dir=$(mktemp -d /tmp/tracker-pg.XXXXXX)
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then
        chown "$TEST_USER" "$dir"
    fi
    trap "stop_server '$bin' '$dir'" EXIT
    trap 'exit 130' INT TERM
    start_server "$bin" "$dir"
    export TRACKER_TEST_PG_URL="postgresql+psycopg://postgres@/$DB_NAME?host=$dir"
    echo "pg_test_server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $dir" >&2
    # In the background so that a signal stops the server at once, not when COMMAND ends.
    "$@" </dev/null &
    local child=$!
    trap "kill -TERM $child 2>/dev/null; exit 143" TERM
    trap "kill -INT $child 2>/dev/null; exit 130" INT
    wait "$child"
}

main "$@"
