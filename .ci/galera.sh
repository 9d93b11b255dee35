#!/usr/bin/env bash
# A throw-away three-node MariaDB Galera 10.11 cluster on loopback, without systemd (npm run
# cluster-test, and by hand). Needs Debian's mariadb-server, galera-4 and rsync; run as root.
#   .ci/galera.sh start        → bootstraps node 1, joins nodes 2 and 3, prints the multi-host URL
#   .ci/galera.sh stop         → stops every node
#   .ci/galera.sh kill N       → SIGKILL node N (a crash)
#   .ci/galera.sh start-node N → (re)starts node N; it joins the running cluster (IST or rsync SST)
#   .ci/galera.sh size [N]     → wsrep_cluster_size seen by node N (default: the first that answers)
#   .ci/galera.sh url [N…]     → the multi-host URL (nodes in the order given; default 1 2 3)
# Ports: SQL GALERA_PORT+N (default 3330+N), Galera group 4570+10N, IST +1, SST +2.
set -euo pipefail
DIR=${GALERA_DIR:-/tmp/sakip-galera}
BASE_PORT=${GALERA_PORT:-3330}
PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
NODES=(1 2 3)

sql_port() { echo $((BASE_PORT + $1)); }
gport() { echo $((4570 + 10 * $1)); }
sock() { echo "$DIR/node$1/mysqld.sock"; }
gcomm() {
  local list=() n
  for n in "${NODES[@]}"; do list+=("127.0.0.1:$(gport "$n")"); done
  local IFS=,
  echo "gcomm://${list[*]}"
}
ping_node() { mariadb-admin --no-defaults --socket="$(sock "$1")" ping >/dev/null 2>&1; }
status_of() { mariadb --no-defaults --socket="$(sock "$1")" -uroot -N -B -e "SHOW STATUS LIKE '$2'" 2>/dev/null | awk '{print $2}'; }
url() {
  local hosts=() n
  for n in "${@:-${NODES[@]}}"; do hosts+=("127.0.0.1:$(sql_port "$n")"); done
  local IFS=,
  echo "mysql://ci:ci@${hosts[*]}/ci"
}

# The data directory must be writable by rsync's unprivileged SST daemon (user nobody) on a joiner:
# files it finds there (from before a crash) must be its own, or it cannot set their permissions.
start_node() {
  local n=$1 bootstrap=${2:-} d="$DIR/node$1" g
  g=$(gport "$n")
  mkdir -p "$d"
  if [ ! -d "$d/data/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$d/data" --user=root --auth-root-authentication-method=socket >"$d/install.log" 2>&1
  fi
  chmod -R 777 "$d"
  [ -n "$bootstrap" ] || chown -R nobody:nogroup "$d/data"
  local args=(
    --no-defaults --datadir="$d/data" --socket="$(sock "$n")" --pid-file="$d/mysqld.pid"
    --port="$(sql_port "$n")" --bind-address=127.0.0.1 --user=root --skip-name-resolve
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --max-connections=300
    --innodb-flush-log-at-trx-commit=2 --innodb-buffer-pool-size=128M
    --binlog-format=ROW --innodb-autoinc-lock-mode=2 --log-bin-trust-function-creators=1
    --wsrep-on=ON --wsrep-provider="$PROVIDER" --wsrep-cluster-name=sakip-test
    --wsrep-cluster-address="$(gcomm)" --wsrep-node-name="node$n" --wsrep-node-address="127.0.0.1:$g"
    --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$g;ist.recv_addr=127.0.0.1:$((g + 1));gcache.size=256M"
    --wsrep-sst-receive-address="127.0.0.1:$((g + 2))" --wsrep-sst-method=rsync
  )
  # After a crash the node does not know its last committed write set (grastate.dat: seqno -1):
  # recover it from InnoDB first, as the packaged service does, so the node can rejoin by IST
  # (only the missed write sets) instead of a full copy.
  if [ -f "$d/data/grastate.dat" ] && grep -q '^seqno: *-1' "$d/data/grastate.dat"; then
    mariadbd "${args[@]}" --wsrep-recover --log-error="$d/recover.log" >/dev/null 2>&1 || true
    local pos
    pos=$(grep -o 'Recovered position: .*' "$d/recover.log" | tail -1 | sed 's/Recovered position: *//')
    [ -n "$pos" ] && args+=(--wsrep-start-position="$pos")
  fi
  # shellcheck disable=SC2086
  mariadbd "${args[@]}" $bootstrap ${GALERA_ARGS:-} >>"$d/server.log" 2>&1 &
  # ready = answers on its socket and is Synced with the cluster
  for _ in $(seq 1 240); do
    if ping_node "$n" && [ "$(status_of "$n" wsrep_ready)" = "ON" ]; then return 0; fi
    sleep 0.5
  done
  echo "node $n did not become ready; last lines of $d/server.log:" >&2
  tail -25 "$d/server.log" >&2
  return 1
}

stop_node() {
  local n=$1 pidf="$DIR/node$1/mysqld.pid"
  [ -f "$pidf" ] || return 0
  kill "$(cat "$pidf")" 2>/dev/null || true
  for _ in $(seq 1 120); do
    ping_node "$n" || break
    sleep 0.25
  done
}

case "${1:-start}" in
  start)
    if ping_node 1 && ping_node 2 && ping_node 3; then url; exit 0; fi
    for n in "${NODES[@]}"; do stop_node "$n"; done
    rm -rf "$DIR"
    mkdir -p "$DIR"
    start_node 1 --wsrep-new-cluster
    mariadb --no-defaults --socket="$(sock 1)" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS ci CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'ci'@'127.0.0.1' IDENTIFIED BY 'ci';
GRANT ALL PRIVILEGES ON *.* TO 'ci'@'127.0.0.1' WITH GRANT OPTION;
SQL
    start_node 2
    start_node 3
    size=$(status_of 1 wsrep_cluster_size)
    [ "$size" = "3" ] || { echo "cluster size $size, expected 3" >&2; exit 1; }
    url
    ;;
  stop)
    for n in 3 2 1; do stop_node "$n"; done
    ;;
  kill)
    kill -KILL "$(cat "$DIR/node$2/mysqld.pid")"
    ;;
  start-node)
    start_node "$2"
    ;;
  size)
    for n in ${2:-${NODES[@]}}; do
      if ping_node "$n"; then status_of "$n" wsrep_cluster_size; exit 0; fi
    done
    echo 0
    ;;
  url)
    shift
    url "$@"
    ;;
  *)
    echo "usage: $0 start|stop|kill N|start-node N|size [N]|url [N…]" >&2
    exit 2
    ;;
esac
