#!/usr/bin/env bash
# How topic F1 on one split grows with the number of training papers: trains the topic model (same recipe and options
# as `pipeline train-topics`) on growing unions of tuning splits and evaluates each weights file on EVAL_SPLIT with
# `pipeline eval --model`; the embedded model is not touched. Several minutes per point (train-topics cross-validates).
#
#   tools/topic-learning-curve.sh [EVAL_SPLIT [SPLIT ...]]
#   default: heldout7, trained on train+train2+heldout, then + heldout2, … + heldout6 (the order they were added)
set -euo pipefail
cd "$(dirname "$0")/.."
eval_split="${1:-heldout7}"
shift || true
splits=("$@")
[ ${#splits[@]} -gt 0 ] || splits=(train+train2+heldout heldout2 heldout3 heldout4 heldout5 heldout6)
case "+${splits[*]}+" in *"+$eval_split+"* | *" $eval_split "* | *"+$eval_split "* | *" $eval_split+"*)
  echo "error: $eval_split is among the training splits" >&2; exit 2 ;;
esac

dotnet build services/Pipeline.Cli -nodeReuse:false -v:q -nologo >/dev/null
cli=(dotnet services/Pipeline.Cli/bin/Debug/net10.0/pipeline.dll)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

train=""
printf '%-70s %8s %14s %14s\n' "trained on" "papers" "micro F1" "macro F1"
for s in "${splits[@]}"; do
  train="${train:+$train+}$s"
  "${cli[@]}" train-topics --split "$train" --out "$work/model.json" >"$work/train.log"
  report="$("${cli[@]}" eval --split "$eval_split" --model "$work/model.json")"
  papers="$("${cli[@]}" eval --split "$train" | sed -n 1p | grep -o '[0-9,]* papers$' | tr -dc '0-9')"
  micro="$(awk '/^topics micro/ { print $5 }' <<<"$report")"
  macro="$(awk '/^topics macro/ { print $5 }' <<<"$report")"
  printf '%-70s %8s %14s %14s\n' "$train" "${papers:-?}" "$micro" "$macro"
done
echo "(evaluated on $eval_split with pipeline eval --model; the keyword rules are the same at every point)"
