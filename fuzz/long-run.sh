#!/usr/bin/env bash
# The long fuzzing run whose figures are in the README: each target in turn, one libFuzzer process
# at a time (no -fork or -jobs), niced, on the stable toolchain as in .ci/run. New inputs go to a
# scratch corpus (FUZZ_SCRATCH, a fresh temporary folder by default) seeded read-only from seeds/;
# each target's log is kept there, and its final stats are printed. Seconds per target can be set
# as FUZZ_SECONDS="config=600 edits=360 analysis=480 transport=480".
set -euo pipefail
cd "$(dirname "$0")"
scratch="${FUZZ_SCRATCH:-$(mktemp -d)}"
seconds="${FUZZ_SECONDS:-config=600 edits=360 analysis=480 transport=480}"
echo "scratch corpus and logs: $scratch; commit $(git rev-parse --short HEAD); $(date -u +%FT%TZ)"
for spec in $seconds; do
  target="${spec%%=*}"
  mkdir -p "$scratch/$target"
  nice -n 10 cargo +stable fuzz run --sanitizer none "$target" "$scratch/$target" "seeds/$target" -- \
    -max_total_time="${spec##*=}" -timeout=10 -report_slow_units=1 -print_final_stats=1 >"$scratch/$target.log" 2>&1 || {
    echo "$target: CRASH (see $scratch/$target.log and fuzz/artifacts/$target/)"
    exit 1
  }
  echo "$target: $(grep -E '^Done [0-9]+ runs' "$scratch/$target.log") $(grep -E '^stat::(average_exec_per_sec|slowest_unit_time_sec|peak_rss_mb)' "$scratch/$target.log" | tr '\n' ' ')"
done
