#!/usr/bin/env bash
# Runs every test project against local RabbitMQ/PostgreSQL (started by up.sh --deps-only).
# Its LAST output line is always exactly "N passed, N failed" (summed from the TRX files).
# Exit status non-zero when a test failed, when dotnet test failed (e.g. build error) or no test ran.
set -uo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT" || exit 1

summary() { echo; echo "$1 passed, $2 failed"; }

if ! bash deploy/local/up.sh --deps-only </dev/null; then
  echo "error: could not start RabbitMQ/PostgreSQL" >&2; summary 0 1; exit 1
fi

export PIPELINE_TEST_POSTGRES="${PIPELINE_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Database=postgres;Username=pipeline;Password=pipeline}"
export PIPELINE_TEST_RABBITMQ="${PIPELINE_TEST_RABBITMQ:-amqp://pipeline:pipeline@127.0.0.1:5672/}"
export PIPELINE_TEST_RABBITMQ_MANAGEMENT="${PIPELINE_TEST_RABBITMQ_MANAGEMENT:-http://127.0.0.1:15672}"

# The dashboard's browser tests drive Debian's headless Chromium (never a downloaded browser).
if [[ ! -x /usr/bin/chromium ]]; then
  echo "==> installing chromium (Debian package) for the dashboard's browser tests"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; } </dev/null; then
    echo "error: could not install chromium (run as root); the browser tests need /usr/bin/chromium" >&2
  fi
fi
# Screenshots of the browser tests land beside the TRX files.
export PIPELINE_TEST_ARTIFACTS="${PIPELINE_TEST_ARTIFACTS:-$REPO_ROOT/artifacts/test-artifacts}"

RESULTS="$REPO_ROOT/artifacts/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

# -nodeReuse:false: no MSBuild worker processes outlive the run.
dotnet test Pipeline.sln -nodeReuse:false --logger trx --results-directory "$RESULTS" </dev/null
rc=$?

read -r passed _ failed _ < <(bash tools/trx-summary.sh "$RESULTS")
if ((rc != 0 && failed == 0)); then
  echo "error: dotnet test exited with $rc without a failed test (build error or crashed test host?)" >&2
  failed=1
fi
if ((passed + failed == 0)); then
  echo "error: no test ran" >&2
  summary 0 0; exit 1
fi
summary "$passed" "$failed"
((rc == 0 && failed == 0))
