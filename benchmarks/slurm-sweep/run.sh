#!/usr/bin/env bash
# Throughput of a 100,000-point sweep (sweep-100k.yaml) on one machine and as Slurm job arrays of
# several shard counts, in configurations per second per core. Needs the built jar and a Slurm
# cluster whose slurm.conf SLURM_CONF names (.ci/slurm-cluster start DIR starts one on localhost).
#   SLURM_CONF=DIR/slurm.conf benchmarks/slurm-sweep/run.sh [SHARDS...]   (default: default 4 20, where
#   "default" lets hetsched choose the shard count)
# Each line: how it ran, wall-clock seconds from start to merged results (charts and report
# included; for Slurm from writing the job, its default shard count's sample included, to the end
# of the merge job), cores it could use (threads; array tasks, at most the node's cores), and
# configurations/s/core. Note the machine's load beside the numbers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/cli/target/hetsched.jar"
config="$root/benchmarks/slurm-sweep/sweep-100k.yaml"
cores="$(nproc)"
work="$(mktemp -d "${TMPDIR:-/tmp}/hetsched-slurm-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
points=100000
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -B -DskipTests package" >&2; exit 2; }
: "${SLURM_CONF:?set SLURM_CONF to the slurm.conf of the cluster}"
shard_counts=("${@:-default 4 20}")
read -r -a shard_counts <<< "${shard_counts[*]}"

report() { # what start end cores
  awk -v w="$1" -v a="$2" -v b="$3" -v c="$4" -v n="$points" \
    'BEGIN { s = b - a; printf "%-34s %8.1f s  %d cores  %8.0f configs/s/core\n", w, s, c, n / s / c }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for threads in 1 "$cores"; do
  start=$(date +%s.%N)
  java -jar "$jar" sweep "$config" --threads "$threads" --out "$work/single-$threads" > /dev/null
  end=$(date +%s.%N)
  report "one machine, $threads thread(s)" "$start" "$end" "$threads"
done

for shards in "${shard_counts[@]}"; do
  job="$work/job-$shards"
  start=$(date +%s.%N)
  if [ "$shards" = default ]; then count=(); else count=(--shards "$shards"); fi
  java -jar "$jar" sweep "$config" --slurm "$job" "${count[@]}" --submit > "$work/submit-$shards.txt"
  label=""
  if [ "$shards" = default ]; then label=" (default)"; fi
  shards="$(sed -n 's/.*"shards" : \([0-9]*\).*/\1/p' "$job/job.json")$label"
  name="$(sed -n 's/.*"jobName" : "\([^"]*\)".*/\1/p' "$job/job.json")"
  while [ -n "$(squeue --noheader --name="$name,$name-merge")" ]; do sleep 0.2; done
  end=$(date +%s.%N)
  if [ ! -f "$job/results/results.csv" ]; then
    echo "$job: no merged results; the last lines of its logs:" >&2
    tail -n 2 "$job"/logs/* >&2
    exit 1
  fi
  cmp -s "$work/single-1/results.csv" "$job/results/results.csv" || { echo "$job: merged results differ from the single-machine sweep" >&2; exit 1; }
  n="${shards%% *}"
  report "Slurm array, $shards shards" "$start" "$end" "$(( n < cores ? n : cores ))"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); every merged results.csv equals the single-machine one"
