#!/usr/bin/env bash
# Sums the <Counters .../> of TRX files and prints "N passed, N failed".
#   tools/trx-summary.sh DIR|FILE...   (directories are searched recursively for *.trx)
# "failed" also counts the error, timeout and aborted outcomes. No TRX file: "0 passed, 0 failed".
set -euo pipefail
{ find "${@:-.}" -name '*.trx' -type f -print0 2>/dev/null || true; } |
  xargs -0 -r cat |
  { grep -o '<Counters [^>]*>' || true; } |
  awk '
    function attr(name) { return match($0, " " name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4) + 0 : 0 }
    { p += attr("passed"); f += attr("failed") + attr("error") + attr("timeout") + attr("aborted") }
    END { printf "%d passed, %d failed\n", p, f }'
