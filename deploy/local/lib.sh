# Shared by deploy/local/*.sh (sourced, not executed).
# shellcheck shell=bash disable=SC2034

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="$REPO_ROOT/.run"
PID_FILE="$RUN_DIR/pids"
PG_VERSION=15
RABBIT_PIDFILE=/var/run/rabbitmq/pid

# No SDK telemetry or first-run banner: nothing leaves loopback.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# name:port of the four services in start order: downstream first, so each consumer's queue is
# bound before anything publishes to it (MassTransit drops messages published to unbound exchanges).
# Consumers before producers: deliver, embed and publish bind their queues before anything publishes to them.
SERVICES=(deliver:5106 embed:5105 publish:5104 classify:5103 parse:5102 fetch:5101)

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Project directory of a service name (fetch -> services/Pipeline.Fetch).
service_dir() { echo "$REPO_ROOT/services/Pipeline.${1^}"; }

# Runtime configuration of the services and the CLI (values already set in the environment win).
export_pipeline_env() {
  export ConnectionStrings__Pipeline="${ConnectionStrings__Pipeline:-Host=127.0.0.1;Port=5432;Database=pipeline;Username=pipeline;Password=pipeline}"
  export RabbitMq__Host="${RabbitMq__Host:-127.0.0.1}" RabbitMq__Port="${RabbitMq__Port:-5672}" \
         RabbitMq__VHost="${RabbitMq__VHost:-/}" RabbitMq__User="${RabbitMq__User:-pipeline}" \
         RabbitMq__Pass="${RabbitMq__Pass:-pipeline}"
  export Fetch__Sources__samples__Kind="${Fetch__Sources__samples__Kind:-directory}" \
         Fetch__Sources__samples__Path="${Fetch__Sources__samples__Path:-$REPO_ROOT/deploy/local/samples/inbox}" \
         Fetch__Sources__samples__Format="${Fetch__Sources__samples__Format:-auto}" \
         Fetch__Sources__samples__Enabled="${Fetch__Sources__samples__Enabled:-true}"
}

# True when the PID is alive and is a dotnet process (guards against PID reuse).
is_our_dotnet() { [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q dotnet; }

# Stops the services listed in .run/pids (TERM, then KILL after 15 s) and removes the file.
stop_services() {
  [[ -f $PID_FILE ]] || return 0
  local name pid pids=()
  while read -r name pid; do
    if [[ -n ${pid:-} ]] && is_our_dotnet "$pid"; then
      say "stopping $name (pid $pid)"; kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid")
    fi
  done <"$PID_FILE"
  for _ in $(seq 30); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; done
  rm -f "$PID_FILE"
}

rabbit_running() { [[ -s $RABBIT_PIDFILE ]] && kill -0 "$(cat "$RABBIT_PIDFILE")" 2>/dev/null; }
