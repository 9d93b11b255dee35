#!/usr/bin/env bash
# Start or stop a throw-away MariaDB on 127.0.0.1 without systemd (CI and local test runs).
#   .ci/mariadb.sh start   → prints the TEST_MYSQL_URL to use
#   .ci/mariadb.sh stop
set -euo pipefail
DIR=${MARIADB_DIR:-/tmp/sakip-mariadb}
PORT=${MARIADB_PORT:-3307}
SOCK="$DIR/mysqld.sock"
case "${1:-start}" in
  start)
    if mariadb-admin --no-defaults --socket="$SOCK" ping >/dev/null 2>&1; then
      echo "mysql://ci:ci@127.0.0.1:$PORT/ci"; exit 0
    fi
    rm -rf "$DIR"; mkdir -p "$DIR/data"
    mariadb-install-db --no-defaults --datadir="$DIR/data" --user=root --auth-root-authentication-method=socket >"$DIR/install.log" 2>&1
    mariadbd --no-defaults --datadir="$DIR/data" --socket="$SOCK" --pid-file="$DIR/mysqld.pid" \
      --port="$PORT" --bind-address=127.0.0.1 --user=root --skip-name-resolve \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --innodb-flush-log-at-trx-commit=2 --max-connections=300 ${MARIADB_ARGS:-} >"$DIR/server.log" 2>&1 &
    for _ in $(seq 1 60); do
      mariadb-admin --no-defaults --socket="$SOCK" ping >/dev/null 2>&1 && break
      sleep 0.5
    done
    mariadb --no-defaults --socket="$SOCK" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS ci CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'ci'@'127.0.0.1' IDENTIFIED BY 'ci';
CREATE USER IF NOT EXISTS 'ci'@'%' IDENTIFIED BY 'ci';
GRANT ALL PRIVILEGES ON *.* TO 'ci'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'ci'@'%' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
    echo "mysql://ci:ci@127.0.0.1:$PORT/ci"
    ;;
  stop)
    if [ -f "$DIR/mysqld.pid" ]; then kill "$(cat "$DIR/mysqld.pid")" 2>/dev/null || true; fi
    for _ in $(seq 1 40); do
      mariadb-admin --no-defaults --socket="$SOCK" ping >/dev/null 2>&1 || break
      sleep 0.25
    done
    ;;
esac
