#!/usr/bin/env bash
# Start the local Redis and Postgres when they are not answering (a dev box or CI host).
#
#   scripts/ensure-services.sh            Redis keeps nothing on disk (CI, `make test`)
#   scripts/ensure-services.sh --persist  Redis saves to ~/.harbor/redis (`make run`): the
#                                         cutover table, locks and queued tasks survive a
#                                         restart (RDB every minute with a change, plus AOF)
set -euo pipefail

persist=""
if [[ "${1:-}" == "--persist" ]]; then
    persist="${HARBOR_REDIS_DIR:-$HOME/.harbor/redis}"
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    if [[ -n "$persist" ]]; then
        echo "starting redis-server (persisting to $persist)"
        mkdir -p "$persist"
        redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save 60 1 \
            --appendonly yes --dir "$persist" --logfile "$persist/redis.log"
    else
        echo "starting redis-server"
        mkdir -p /var/lib/redis /var/log/redis
        redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
            --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
    fi
elif [[ -n "$persist" ]]; then
    save="$(redis-cli -h 127.0.0.1 -p 6379 config get save 2>/dev/null | sed -n 2p || true)"
    aof="$(redis-cli -h 127.0.0.1 -p 6379 config get appendonly 2>/dev/null | sed -n 2p || true)"
    if [[ -z "$save" && "$aof" != "yes" ]]; then
        echo "warning: the Redis already running on 127.0.0.1:6379 keeps nothing on disk;" \
             "a restart loses the cutover table and queued tasks (stop it and run make run" \
             "again to start one that persists, or: redis-cli config set appendonly yes)" >&2
    fi
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    echo "starting postgres"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
fi

for _ in $(seq 1 60); do
    if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q; then
        exit 0
    fi
    sleep 0.5
done
echo "Redis or Postgres did not come up on 127.0.0.1" >&2
exit 1
