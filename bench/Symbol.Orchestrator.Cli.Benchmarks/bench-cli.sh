#!/usr/bin/env bash
# End-to-end timing of the published `orchestrator` on generated workflows (the README's targets):
#   orchestrator preview WF1K --count 100 --json    1,000 workflows x 100 fires, under 1 s
#   orchestrator validate WF10K                     10,000 workflows (one file each), under 2 s
# The CLI is published for linux-x64, so ReadyToRun precompiles it (see its .csproj).
# Each command runs once to warm the disk cache, then RUNS times; the median wall time is printed.
# Usage: bench/Symbol.Orchestrator.Cli.Benchmarks/bench-cli.sh [RUNS]   (WORK=dir keeps the files)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-10}
work=${WORK:-$(mktemp -d)}

dotnet publish "$root/src/Symbol.Orchestrator.Cli" -c Release -r linux-x64 --self-contained false -o "$work/cli" -v quiet -nologo >/dev/null
dotnet build "$root/bench/Symbol.Orchestrator.Cli.Benchmarks" -c Release -v quiet -nologo >/dev/null
corpus="$root/bench/Symbol.Orchestrator.Cli.Benchmarks/bin/Release/net10.0/Symbol.Orchestrator.Cli.Benchmarks"
[ -d "$work/wf1k" ] || "$corpus" generate "$work/wf1k" 1000
[ -d "$work/wf10k" ] || "$corpus" generate "$work/wf10k" 10000

# Wall time depends on what else the two cores are doing; CPU time (user + sys) much less, so both are shown.
median() {
  "$@" >/dev/null 2>&1 || true
  local walls=() cpus=() wall user sys
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -o "$work/.time" -f "%e %U %S" "$@" >/dev/null 2>&1 || true
    read -r wall user sys <"$work/.time"
    walls+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
  done
  local mid=$((runs / 2 + 1))
  echo "median wall $(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p") s, cpu $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p") s (load $(cut -d' ' -f1 /proc/loadavg); walls: ${walls[*]}): ${*#"$work/"}"
}

cd "$work"
median cli/orchestrator preview wf1k --count 100 --json
median cli/orchestrator validate wf10k
