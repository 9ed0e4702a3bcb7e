#!/usr/bin/env bash
# Stops the services started by deploy/local/up.sh (PIDs in .run/pids).
#   deploy/local/stop.sh [--all]   --all also stops RabbitMQ and PostgreSQL
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ALL=0
case "${1:-}" in
  --all) ALL=1 ;;
  "") ;;
  *) die "usage: $0 [--all]" ;;
esac

if [[ -f $PID_FILE ]]; then stop_services; else say "no services running (no $PID_FILE)"; fi
((ALL)) || exit 0

if rabbit_running; then say "stopping RabbitMQ"; service rabbitmq-server stop >/dev/null; fi
if pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" && $4 == "online" { f = 1 } END { exit !f }'; then
  say "stopping PostgreSQL $PG_VERSION/main"; pg_ctlcluster "$PG_VERSION" main stop
fi
say "stopped"
