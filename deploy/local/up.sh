#!/usr/bin/env bash
# Local run without Docker: RabbitMQ + PostgreSQL from Debian packages (loopback only), then build,
# migrate and run the four services and the operators' API/dashboard in the foreground (Ctrl-C stops them).
#   deploy/local/up.sh              everything
#   deploy/local/up.sh --deps-only  only make sure RabbitMQ and PostgreSQL run (used by test.sh)
# Idempotent: re-running while everything runs is cheap and changes nothing.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEPS_ONLY=0
case "${1:-}" in
  --deps-only) DEPS_ONLY=1 ;;
  "") ;;
  *) die "usage: $0 [--deps-only]" ;;
esac
[[ $EUID -eq 0 ]] || die "run as root (installs packages and starts system services): sudo $0 $*"
export DEBIAN_FRONTEND=noninteractive

ensure_packages() {
  local missing=()
  command -v rabbitmqctl >/dev/null || missing+=(rabbitmq-server)
  [[ -x /usr/lib/postgresql/$PG_VERSION/bin/postgres ]] || missing+=(postgresql)
  command -v curl >/dev/null || missing+=(curl)
  ((${#missing[@]})) || return 0
  say "installing ${missing[*]} (Debian packages)"
  apt-get update -qq
  # --force-confold keeps config we may already have put into /etc/rabbitmq.
  apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null
}

# The node name is rabbit@<short hostname>: it has to resolve or the node cannot start.
ensure_hostname() {
  local h; h="$(hostname -s 2>/dev/null || hostname)"
  getent hosts "$h" >/dev/null || { say "adding $h to /etc/hosts"; echo "127.0.0.1 $h" >>/etc/hosts; }
}

pipeline_user_ok() {
  curl -sf -m 3 -u pipeline:pipeline http://127.0.0.1:15672/api/whoami | grep -q administrator &&
    curl -sf -m 3 -o /dev/null -u pipeline:pipeline http://127.0.0.1:15672/api/permissions/%2F/pipeline
}

ensure_rabbitmq() {
  local changed=0 f src=$REPO_ROOT/deploy/local/rabbitmq
  install -d /etc/rabbitmq
  for f in rabbitmq.conf rabbitmq-env.conf; do
    cmp -s "$src/$f" "/etc/rabbitmq/$f" || { install -m 644 "$src/$f" "/etc/rabbitmq/$f"; changed=1; }
  done
  if ! grep -qs rabbitmq_management /etc/rabbitmq/enabled_plugins; then
    rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
    changed=1
  fi
  if ((changed == 0)) && rabbit_running && pipeline_user_ok; then
    say "RabbitMQ already running (127.0.0.1:5672, management 127.0.0.1:15672)"; return 0
  fi
  ensure_hostname
  if ((changed)) && rabbit_running; then
    say "RabbitMQ configuration changed: restarting"
    service rabbitmq-server stop >/dev/null
  fi
  # An epmd left over from before the loopback config (e.g. started by a CLI call) listens on all
  # interfaces; it refuses to die while a node is registered, so this only affects a stopped broker.
  if ! rabbit_running && awk '$4 == "0A" && $2 ~ /^0+:1111$/ { f = 1 } END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null; then
    epmd -kill >/dev/null 2>&1 || true
  fi
  rabbit_running || say "starting RabbitMQ"
  service rabbitmq-server start >/dev/null
  rabbitmqctl -q await_startup
  say "waiting for the management API"
  for _ in $(seq 60); do curl -s -m 2 -o /dev/null http://127.0.0.1:15672/api/overview && break; sleep 0.5; done
  if ! pipeline_user_ok; then   # the user survives restarts: only the first start creates it
    if ! rabbitmqctl -q list_users | awk '{print $1}' | grep -qx pipeline; then
      say "creating RabbitMQ user pipeline"
      rabbitmqctl -q add_user pipeline pipeline >/dev/null
    fi
    rabbitmqctl -q change_password pipeline pipeline >/dev/null
    rabbitmqctl -q set_user_tags pipeline administrator >/dev/null
    rabbitmqctl -q set_permissions -p / pipeline '.*' '.*' '.*' >/dev/null
  fi
  pipeline_user_ok || die "RabbitMQ management API does not answer as user pipeline on http://127.0.0.1:15672 (see /var/log/rabbitmq)"
  say "RabbitMQ running (127.0.0.1:5672, management 127.0.0.1:15672)"
}

psql_admin() { (cd / && su postgres -c "psql -qAt -v ON_ERROR_STOP=1"); }   # SQL on stdin

ensure_postgres() {
  if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" { f = 1 } END { exit !f }'; then
    say "creating PostgreSQL cluster $PG_VERSION/main"
    pg_createcluster -p 5432 "$PG_VERSION" main >/dev/null
  fi
  if [[ $(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" { print $4 }') != online ]]; then
    say "starting PostgreSQL $PG_VERSION/main"
    pg_ctlcluster "$PG_VERSION" main start
  fi
  for _ in $(seq 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not answer on 127.0.0.1:5432"
  # Fast path: the role logs in with its password, may create databases, and the database exists.
  if [[ $(PGPASSWORD=pipeline psql -h 127.0.0.1 -U pipeline -d pipeline -qAtc \
          "select rolcreatedb from pg_roles where rolname = current_user" 2>/dev/null) == t ]]; then
    say "PostgreSQL running (127.0.0.1:5432, database pipeline)"; return 0
  fi
  say "creating PostgreSQL role and database pipeline"
  psql_admin <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pipeline') THEN
    CREATE ROLE pipeline LOGIN CREATEDB PASSWORD 'pipeline';
  ELSE
    ALTER ROLE pipeline LOGIN CREATEDB PASSWORD 'pipeline';
  END IF;
END $$;
SELECT 'CREATE DATABASE pipeline OWNER pipeline' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'pipeline')
\gexec
SQL
  say "PostgreSQL running (127.0.0.1:5432, database pipeline)"
}

ensure_packages
ensure_rabbitmq
ensure_postgres
# pgvector for related papers (Embed); without it Embed falls back to cosine similarity in C#.
timeout 900 bash "$REPO_ROOT/deploy/local/pgvector.sh" || say "WARNING: pgvector unavailable; Embed uses its fallback"
((DEPS_ONLY)) && { say "dependencies ready"; exit 0; }

# ---- build, migrate, run ----------------------------------------------------------------------
cd "$REPO_ROOT"
command -v dotnet >/dev/null || die "dotnet SDK not found"
say "building Pipeline.sln (Release)"
dotnet build Pipeline.sln -c Release -nologo -v quiet -nodeReuse:false
export_pipeline_env
CLI=services/Pipeline.Cli/bin/Release/net10.0/pipeline.dll
if [[ -f $CLI ]]; then
  say "applying database migrations (pipeline migrate)"
  dotnet "$CLI" migrate
else
  say "WARNING: $CLI not built: skipping pipeline migrate"
fi

mkdir -p "$RUN_DIR/logs"
if [[ -f $PID_FILE ]]; then say "services from an earlier run found: stopping them"; stop_services; fi

# The operators' key (pause/resume/run sources, replay failures): Api__Key if set, else one generated on the
# first run and kept in .run/api-key.
API_KEY_FILE="$RUN_DIR/api-key"
if [[ -z ${Api__Key:-} ]]; then
  if [[ ! -s $API_KEY_FILE ]]; then
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$API_KEY_FILE")
  fi
  Api__Key="$(cat "$API_KEY_FILE")"
fi
export Api__Key

declare -a PIDS=() TAILS=()
cleanup() {
  trap - INT TERM EXIT
  echo; stop_services
  if ((${#TAILS[@]})); then kill "${TAILS[@]}" 2>/dev/null || true; fi   # their sed readers end on EOF
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # exit runs the EXIT trap

# The API and dashboard (services/Pipeline.Api) start last, beside the four services.
for entry in "${SERVICES[@]}" api:5080; do
  name=${entry%%:*} port=${entry##*:}
  dir="$(service_dir "$name")/bin/Release/net10.0"
  dll="Pipeline.${name^}.dll"
  [[ -f $dir/$dll ]] || die "$dir/$dll not built"
  log="$RUN_DIR/logs/$name.log"
  : >"$log"
  # Run from the output folder so the content root finds appsettings*.json; exec keeps the PID dotnet's.
  (cd "$dir" && exec dotnet "$dll" --urls "http://127.0.0.1:$port") >>"$log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  echo "$name $pid" >>"$PID_FILE"
  tail -n +1 -F "$log" 2>/dev/null > >(sed -u "s/^/[$name] /") &
  TAILS+=($!)
  printf '==> started %s (pid %s), waiting for http://127.0.0.1:%s/health/ready\n' "$name" "$pid" "$port"
  for _ in $(seq 120); do
    curl -sf -m 2 -o /dev/null "http://127.0.0.1:$port/health/ready" && break
    kill -0 "$pid" 2>/dev/null || die "$name exited during startup (log: $log)"
    sleep 0.5
  done
  curl -sf -m 2 -o /dev/null "http://127.0.0.1:$port/health/ready" || say "WARNING: $name not ready after 60 s (log: $log)"
done

cat <<EOF

==> pipeline running (logs: .run/logs/*.log, PIDs: .run/pids; Ctrl-C or deploy/local/stop.sh stops it)
    fetch     http://127.0.0.1:5101/health/ready
    parse     http://127.0.0.1:5102/health/ready
    classify  http://127.0.0.1:5103/health/ready
    publish   http://127.0.0.1:5104/health/ready
    embed     http://127.0.0.1:5105/health/ready   (related papers: /embed/status)
    deliver   http://127.0.0.1:5106/health/ready   (webhooks; digests only with Deliver__Smtp__Host set)
    dashboard http://127.0.0.1:5080/            (operators' dashboard: overview, sources, failures, papers)
    API       http://127.0.0.1:5080/api/papers  (docs: http://127.0.0.1:5080/scalar, OpenAPI: /openapi/v1.json)
    API key   $(if [[ -s $API_KEY_FILE && $Api__Key == "$(cat "$API_KEY_FILE")" ]]; then echo "in $API_KEY_FILE"; else echo "from Api__Key"; fi) (header X-Api-Key; dashboard: sign in)
    RabbitMQ  http://127.0.0.1:15672/  (user pipeline / pipeline)
    Postgres  psql "host=127.0.0.1 user=pipeline password=pipeline dbname=pipeline"
    samples   $Fetch__Sources__samples__Path

EOF
# Returns when any service exits (or on Ctrl-C via the trap); the EXIT trap stops the rest.
wait -n "${PIDS[@]}" || true
say "a service exited (or was stopped): stopping the others"
