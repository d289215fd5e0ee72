#!/usr/bin/env bash
# Backfill throughput, the CLI path (issue 12's target: at least 1,000 runs/s on SQLite): the published `orchestrator`
# backfills 10,000 instants of a trivial workflow (`schedule every 1m`, one job returning 1) with no host on the store,
# so the verb queues the 10,000 runs in one write and runs them itself. runs/s = 10,000 / the verb's wall time, from
# its start (process start included) to its end. Each trial starts from an empty store (synchronous=FULL, the default).
# Usage: bench/Symbol.Orchestrator.Cli.Benchmarks/bench-backfill.sh [TRIALS] [CONCURRENCY...]   (WORK=dir keeps the files)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
trials=${1:-5}
shift || true
concurrencies=("${@:-256}")
work=${WORK:-$(mktemp -d)}

dotnet publish "$root/src/Symbol.Orchestrator.Cli" -c Release -r linux-x64 --self-contained false -o "$work/cli" -v quiet -nologo >/dev/null
mkdir -p "$work/backfill/workflows"
cd "$work/backfill"
echo '{ "Orchestrator": { "Workflows": "workflows", "State": "state/state.db", "Data": "data" } }' >orchestrator.json

# 2026-01-01T00:00Z to 2026-01-07T22:39Z: 10,000 minutes, both ends included.
for concurrency in "${concurrencies[@]}"; do
  printf 'workflow tick {\n    schedule every 1m\n    concurrency %s\n    job one { run ``` return 1; ``` }\n}\n' "$concurrency" >workflows/tick.flow
  rates=()
  for ((i = 0; i < trials; i++)); do
    rm -rf state data
    /usr/bin/time -o .time -f "%e %U %S" "$work/cli/orchestrator" backfill tick --from 2026-01-01T00:00Z --to 2026-01-07T22:39Z >out.txt 2>err.txt
    read -r wall user sys <.time
    grep -q '^10,000 runs ended: 10000 succeeded$' out.txt || { echo "trial $i did not run 10,000 runs:"; tail -3 out.txt err.txt; exit 1; }
    rates+=("$(awk -v w="$wall" 'BEGIN { printf "%.0f", 10000 / w }')")
    echo "concurrency $concurrency trial $((i + 1)): wall $wall s, cpu $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') s, $(awk -v w="$wall" 'BEGIN { printf "%.0f", 10000 / w }') runs/s (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  mid=$((trials / 2 + 1))
  echo "concurrency $concurrency: median $(printf '%s\n' "${rates[@]}" | sort -n | sed -n "${mid}p") runs/s of ${trials} trials (${rates[*]})"
done
