#!/usr/bin/env bash
# Makes the pgvector extension ("vector") available to the local PostgreSQL and creates it in the databases
# the pipeline uses. Debian 12 ships no pgvector binary for PostgreSQL 15, but Debian 13's pgvector source
# package builds against postgresql-server-dev-15, so this script:
#   1. returns at once when "vector" is available and created in the pipeline database and template1;
#   2. otherwise (root only) installs postgresql-server-dev-15, fetches Debian 13's pgvector source through a
#      private apt state (a deb-src line for trixie on the configured mirror; the system's apt sources are not
#      touched), builds it with `make OPTFLAGS="" with_llvm=no` and installs it; restarts the cluster when the
#      dev package upgraded the server;
#   3. runs CREATE EXTENSION IF NOT EXISTS vector as postgres in the pipeline database and in template1 (test
#      databases are created from template1, so they get it too).
# It never fails its caller: when the build is impossible it prints a WARNING and exits 0, and the Embed service
# falls back to real[] vectors with similarity computed in C#.
#   bash deploy/local/pgvector.sh      (called by up.sh after PostgreSQL runs; idempotent)
# Environment: PGVECTOR_DATABASE (default pipeline), PGVECTOR_MIRROR (Debian mirror; default: the configured one),
# PGVECTOR_FORCE_BUILD=1 (rebuild and reinstall even when the extension is available).
set -uo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_DATABASE=${PGVECTOR_DATABASE:-pipeline}
STATE_DIR=${PGVECTOR_STATE_DIR:-/var/cache/pipeline-pgvector}
FORCE_BUILD=${PGVECTOR_FORCE_BUILD:-0}
SOURCE_SUITE=trixie
LOG="$STATE_DIR/build.log"

warn() { printf '==> WARNING: pgvector: %s; the Embed service falls back to similarity in C# (real[] vectors)\n' "$*" >&2; exit 0; }

psql_su() { (cd / && su postgres -c "psql -X -qAt -v ON_ERROR_STOP=1 $*"); }   # args: psql options, e.g. -d db -c 'sql'

server_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

# The extension's control file is what pg_available_extensions lists; this also works with the server down.
control_file() {
  local sharedir
  sharedir=$("/usr/lib/postgresql/$PG_VERSION/bin/pg_config" --sharedir 2>/dev/null) || sharedir=/usr/share/postgresql/$PG_VERSION
  echo "$sharedir/extension/vector.control"
}

available() {
  if server_up; then
    [[ $(psql_su "-d template1 -c \"SELECT 1 FROM pg_available_extensions WHERE name = 'vector'\"" 2>/dev/null) == 1 ]]
  else
    [[ -f $(control_file) ]]
  fi
}

database_exists() { [[ $(psql_su "-d template1 -c \"SELECT 1 FROM pg_database WHERE datname = '$1'\"" 2>/dev/null) == 1 ]]; }

created_in() { [[ $(psql_su "-d '$1' -c \"SELECT 1 FROM pg_extension WHERE extname = 'vector'\"" 2>/dev/null) == 1 ]]; }

# Databases that should have the extension and exist.
target_databases() {
  echo template1
  if [[ $PG_DATABASE != template1 ]] && database_exists "$PG_DATABASE"; then echo "$PG_DATABASE"; fi
}

all_created() {
  local db
  while read -r db; do created_in "$db" || return 1; done < <(target_databases)
}

# Mirror of the configured Debian sources (deb822 or one-line format); deb.debian.org when none is found.
debian_mirror() {
  local uri=${PGVECTOR_MIRROR:-}
  [[ -n $uri ]] && { echo "$uri"; return; }
  uri=$(awk 'tolower($1) == "uris:" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
  if [[ -z $uri ]]; then
    uri=$(awk '$1 == "deb" && $0 ~ / bookworm / { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
      /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n 1)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

server_version() { dpkg-query -W -f='${Version}' "postgresql-$PG_VERSION" 2>/dev/null; }

cluster_online() { pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" && $4 == "online" { f = 1 } END { exit !f }'; }

install_dev_package() {
  [[ -x /usr/lib/postgresql/$PG_VERSION/bin/pg_config && -f /usr/include/postgresql/$PG_VERSION/server/postgres.h ]] && return 0
  say "pgvector: installing postgresql-server-dev-$PG_VERSION"
  export DEBIAN_FRONTEND=noninteractive
  local opts=(-y -qq --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  # The dev package pins the server version; an outdated package list cannot find it, so update and retry once.
  apt-get install "${opts[@]}" "postgresql-server-dev-$PG_VERSION" make gcc >>"$LOG" 2>&1 || {
    apt-get update -qq >>"$LOG" 2>&1 &&
      apt-get install "${opts[@]}" "postgresql-server-dev-$PG_VERSION" make gcc >>"$LOG" 2>&1
  }
}

# Downloads Debian 13's pgvector source package into $STATE_DIR/src with apt state of its own.
fetch_source() {
  local mirror apt_dir
  mirror=$(debian_mirror)
  apt_dir="$STATE_DIR/apt"
  rm -rf "$apt_dir" "$STATE_DIR/src"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/sources.list.d" "$STATE_DIR/src"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $SOURCE_SUITE main" >"$apt_dir/sources.list"
  local apt=(apt-get -q
    -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
    -o Acquire::Retries=2 -o Acquire::http::Timeout=30 -o APT::Sandbox::User=root)
  say "pgvector: fetching the $SOURCE_SUITE source package from $mirror"
  "${apt[@]}" update >>"$LOG" 2>&1 || return 1
  (cd "$STATE_DIR/src" && "${apt[@]}" source --download-only pgvector >>"$LOG" 2>&1) || return 1
  local orig
  orig=$(find "$STATE_DIR/src" -maxdepth 1 -name 'pgvector_*.orig.tar.*' | head -n 1)
  [[ -n $orig ]] || return 1
  # The upstream tarball is all the build needs (Debian's packaging only adds its own build glue).
  mkdir -p "$STATE_DIR/src/pgvector"
  tar -xf "$orig" -C "$STATE_DIR/src/pgvector" --strip-components=1
}

build_and_install() {
  local pg_config=/usr/lib/postgresql/$PG_VERSION/bin/pg_config
  say "pgvector: building $(sed -n 's/^default_version = .\(.*\).$/\1/p' "$STATE_DIR/src/pgvector/vector.control" 2>/dev/null) for PostgreSQL $PG_VERSION"
  # OPTFLAGS="": no -march=native, so the library runs on any x86-64; with_llvm=no: no JIT bitcode (no clang needed).
  make -C "$STATE_DIR/src/pgvector" -j2 PG_CONFIG="$pg_config" OPTFLAGS="" with_llvm=no >>"$LOG" 2>&1 &&
    make -C "$STATE_DIR/src/pgvector" PG_CONFIG="$pg_config" OPTFLAGS="" with_llvm=no install >>"$LOG" 2>&1
}

create_extension() {
  local db
  while read -r db; do
    created_in "$db" && continue
    if psql_su "-d '$db' -c 'CREATE EXTENSION IF NOT EXISTS vector'" >>"$LOG" 2>&1; then
      say "pgvector: extension vector created in database $db"
    else
      warn "CREATE EXTENSION vector failed in database $db (see $LOG)"
    fi
  done < <(target_databases)
}

report() { say "pgvector available (extension vector in: $(target_databases | paste -sd ' '))"; }

main() {
  if [[ $FORCE_BUILD != 1 ]] && available && server_up && all_created; then report; return 0; fi
  [[ $EUID -eq 0 ]] || warn "not root: cannot build or create the extension (run: sudo $0)"
  mkdir -p "$STATE_DIR" || warn "cannot create $STATE_DIR"
  : >"$LOG"
  if [[ $FORCE_BUILD == 1 ]] || ! available; then
    local before after was_online=0
    before=$(server_version)
    cluster_online && was_online=1
    install_dev_package || warn "could not install postgresql-server-dev-$PG_VERSION (see $LOG)"
    after=$(server_version)
    if ((was_online)) && [[ $before != "$after" ]]; then
      # The dev package upgraded the server binaries under the running cluster (policy-rc.d keeps packages from
      # restarting services here): restart so the running server and the installed files match.
      say "pgvector: PostgreSQL upgraded ($before -> $after): restarting cluster $PG_VERSION/main"
      if cluster_online; then
        pg_ctlcluster "$PG_VERSION" main restart >>"$LOG" 2>&1 || warn "cluster restart failed (see $LOG)"
      else
        pg_ctlcluster "$PG_VERSION" main start >>"$LOG" 2>&1 || warn "cluster start failed (see $LOG)"
      fi
      for _ in $(seq 60); do server_up && break; sleep 0.5; done
    fi
    fetch_source || warn "could not download the pgvector source package (see $LOG)"
    build_and_install || warn "the pgvector build failed (see $LOG)"
    [[ -f $(control_file) ]] || warn "the build installed no vector.control (see $LOG)"
  fi
  server_up || warn "PostgreSQL is not running: extension built but not created (run this script again once it runs)"
  available || warn "PostgreSQL does not list the vector extension after the install (see $LOG)"
  create_extension
  report
}

main "$@"
exit 0
