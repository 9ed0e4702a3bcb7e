#!/usr/bin/env bash
# `pipeline bench` of two checkouts under the same conditions: for each one (in the order given) it stops whatever
# up.sh runs, starts that checkout's pipeline (deploy/local/up.sh, Release) on a fresh database and RabbitMQ vhost,
# waits until the embedding lane and every queue are idle, and runs the bench. Run as root, like up.sh.
#
#   tools/bench-compare.sh PAPERS DIR_A DIR_B      e.g. a `git worktree add ../base <commit>` beside this checkout
#
# Each side gets database and vhost bench_<n> (dropped and made again), so one side's migrations never meet the
# other's code. Prints each side's three runs and median; the spread between runs on two cores is about ±20%, so
# compare medians of pairs taken in both orders.
set -euo pipefail
papers="${1:?usage: $0 PAPERS DIR_A DIR_B}"
shift
[[ $# -ge 1 ]] || { echo "usage: $0 PAPERS DIR_A DIR_B" >&2; exit 2; }

stop_all() {
  local dir
  for dir in "$@"; do (cd "$dir" && bash deploy/local/stop.sh >/dev/null 2>&1) || true; done
}

side=0
for dir in "$@"; do
  side=$((side + 1))
  dir="$(cd "$dir" && pwd)"
  name="bench_${side}"
  stop_all "$@"
  PGPASSWORD=pipeline psql -h 127.0.0.1 -U pipeline -d postgres -qAtc "DROP DATABASE IF EXISTS $name WITH (FORCE)" 2>/dev/null
  PGPASSWORD=pipeline psql -h 127.0.0.1 -U pipeline -d postgres -qAtc "CREATE DATABASE $name OWNER pipeline"
  api=http://127.0.0.1:15672/api
  curl -sf -u pipeline:pipeline -X DELETE "$api/vhosts/$name" >/dev/null || true
  curl -sf -u pipeline:pipeline -X PUT -H 'content-type: application/json' -d '{}' "$api/vhosts/$name" >/dev/null
  curl -sf -u pipeline:pipeline -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
    "$api/permissions/$name/pipeline" >/dev/null

  export ConnectionStrings__Pipeline="Host=127.0.0.1;Port=5432;Database=$name;Username=pipeline;Password=pipeline" RabbitMq__VHost="$name"
  log="$(mktemp -t "bench-up-$name.XXXX.log")"
  (cd "$dir" && exec setsid bash deploy/local/up.sh >"$log" 2>&1) &
  up=$!
  for _ in $(seq 300); do grep -q "pipeline running" "$log" && break; kill -0 "$up" 2>/dev/null || { cat "$log" >&2; exit 1; }; sleep 1; done
  for _ in $(seq 120); do
    pending=$(PGPASSWORD=pipeline psql -h 127.0.0.1 -U pipeline -d "$name" -qAtc "SELECT count(*) FROM embed.pending" 2>/dev/null || echo 1)
    queued=$(curl -sf -u pipeline:pipeline "$api/queues/$name" | python3 -c "import json,sys; print(sum(q.get('messages') or 0 for q in json.load(sys.stdin)))" || echo 1)
    [[ $pending == 0 && $queued == 0 ]] && break
    sleep 5
  done

  echo "== $dir ($(git -C "$dir" rev-parse --short HEAD)), $papers papers, load $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$dir" && timeout 3600 dotnet services/Pipeline.Cli/bin/Release/net10.0/pipeline.dll bench --papers "$papers" --runs 3 | tail -n 4)
  stop_all "$dir"
  wait "$up" 2>/dev/null || true
done
