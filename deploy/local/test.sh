#!/usr/bin/env bash
# Runs every test project against local RabbitMQ/PostgreSQL (started by up.sh --deps-only).
# Its LAST output line is always exactly "N passed, N failed" (summed from the TRX files).
# Exit status non-zero when a test failed, the build failed, a test project wrote no results, or no test ran.
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

# Build once, then run each xUnit v3 test project's own executable (the in-process runner), two at a time.
# Not `dotnet test`: its VSTest adapter once lost a whole project's results ("Test process crashed with exit
# code 0") after every test had passed; the executables write their TRX themselves, and a project that ends
# without one is counted as a failure below, never skipped.
# -nodeReuse:false: no MSBuild worker processes outlive the run.
if ! dotnet build Pipeline.sln -nodeReuse:false -v:q -nologo </dev/null; then
  echo "error: the build failed" >&2; summary 0 1; exit 1
fi
run_project() {  # $1 = tests/NAME/NAME.csproj: runs its executable, records "NAME exit-code", shows the summary
  local name dir rc
  name="$(basename "$1" .csproj)"; dir="$(dirname "$1")/bin/Debug/net10.0"
  # A hung project is stopped (no TRX then: counted as a failure below) so the run always ends with its summary.
  ( cd "$dir" && timeout -k 60s "${PIPELINE_TEST_TIMEOUT:-40m}" "./$name" -noLogo -noColor -trx "$RESULTS/$name.trx" </dev/null ) >"$RESULTS/$name.log" 2>&1
  rc=$?
  tail -n 3 "$RESULTS/$name.log" | sed "s/^/[$name] /"
  echo "$name $rc" >>"$RESULTS/exit-codes"
}
export -f run_project; export RESULTS; export PIPELINE_TEST_TIMEOUT="${PIPELINE_TEST_TIMEOUT:-40m}"
mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*Tests.csproj' | sort)
# The embedding tests run MiniLM on every core: they run alone, after the rest, so the timing-sensitive browser and
# broker tests never compete with them for the CPU.
alone='Pipeline.Embed.Tests.csproj'
printf '%s\n' "${projects[@]}" | grep -v "/$alone\$" | xargs -r -P 2 -I{} bash -c 'run_project "$1"' _ {}
printf '%s\n' "${projects[@]}" | grep "/$alone\$" | xargs -r -I{} bash -c 'run_project "$1"' _ {}
rc=0; missing=0
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  code="$(awk -v n="$name" '$1 == n { print $2 }' "$RESULTS/exit-codes" 2>/dev/null)"; code="${code:-none}"
  if [[ ! -s "$RESULTS/$name.trx" ]]; then
    echo "error: $name wrote no results (exit code $code; 124 = timed out); the end of its log ($RESULTS/$name.log):" >&2
    tail -n 60 "$RESULTS/$name.log" | sed "s/^/[$name] /" >&2; missing=$((missing + 1))
  elif [[ "$code" != 0 ]]; then
    # Each failure with its message and stack trace, up to the next test's line.
    rc=1; awk '/\[FAIL\][[:space:]]*$/ { p = 1; print; next } p && /(Finished:|^=== )/ { p = 0 } p' "$RESULTS/$name.log" | sed "s/^/[$name] /" >&2
  fi
done

read -r passed _ failed _ < <(bash tools/trx-summary.sh "$RESULTS")
failed=$((failed + missing))
if ((rc != 0 && failed == 0)); then
  echo "error: a test executable exited non-zero without a failed test" >&2
  failed=1
fi
if ((passed + failed == 0)); then
  echo "error: no test ran" >&2
  summary 0 0; exit 1
fi
summary "$passed" "$failed"
((rc == 0 && failed == 0 && missing == 0))
