#!/usr/bin/env bash
# DRAM bandwidth of one core alone and of two cores streaming at once (see triad.c).
# Usage: benchmarks/memory-contention/run.sh [CPU_A CPU_B]   (default 0 1; needs gcc and taskset)
set -euo pipefail
a=${1:-0}
b=${2:-1}
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
gcc -O2 -o "$bin" "$(dirname "$0")/triad.c"
uptime
taskset -c "$a" "$bin" "alone cpu$a"
taskset -c "$b" "$bin" "alone cpu$b"
taskset -c "$a" "$bin" "together cpu$a" &
taskset -c "$b" "$bin" "together cpu$b"
wait
