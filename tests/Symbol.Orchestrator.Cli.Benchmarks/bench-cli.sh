#!/usr/bin/env bash
# End-to-end timing of the published `orchestrator` on generated workflows (SPEC targets):
#   orchestrator preview WF1K --count 100 --json    1,000 workflows x 100 fires, under 1 s
#   orchestrator validate WF10K                     10,000 workflows (one file each), under 2 s
# The CLI is published for linux-x64, so ReadyToRun precompiles it (see its .csproj).
# Each command runs once to warm the disk cache, then RUNS times; the median wall time is printed.
# Usage: tests/Symbol.Orchestrator.Cli.Benchmarks/bench-cli.sh [RUNS]   (WORK=dir keeps the files)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-10}
work=${WORK:-$(mktemp -d)}

dotnet publish "$root/src/Symbol.Orchestrator.Cli" -c Release -r linux-x64 --self-contained false -o "$work/cli" -v quiet -nologo >/dev/null
dotnet build "$root/tests/Symbol.Orchestrator.Cli.Benchmarks" -c Release -v quiet -nologo >/dev/null
corpus="$root/tests/Symbol.Orchestrator.Cli.Benchmarks/bin/Release/net10.0/Symbol.Orchestrator.Cli.Benchmarks"
[ -d "$work/wf1k" ] || "$corpus" generate "$work/wf1k" 1000
[ -d "$work/wf10k" ] || "$corpus" generate "$work/wf10k" 10000

median() {
  "$@" >/dev/null 2>&1 || true
  local times=() start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "median $((sorted[runs / 2])) ms (runs: ${times[*]}): ${*#"$work/"}"
}

cd "$work"
median cli/orchestrator preview wf1k --count 100 --json
median cli/orchestrator validate wf10k
