#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, the fuzz preset: clang with ASan + UBSan) and runs each
# for a bounded time from the seeds: the shipped scenarios, the test scenarios and the corpus of
# bad ones for the loader and the overrides; the observed-progress files for their reader.
# Usage: scripts/run-fuzz.sh [seconds per target, default 45]
# A crash, an uncaught exception, a sanitizer report or a hang (-timeout) fails the script; the
# input that did it is left in build/fuzz/finds/ to become a regression test in tests/.
# Long fuzzing campaigns are not tests: run this with a larger number by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-45}
if ! command -v clang++ >/dev/null; then
  echo "run-fuzz.sh: clang++ not found (scripts/setup.sh installs it); not fuzzing" >&2
  exit 1
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target vaxsim_fuzz_scenario vaxsim_fuzz_overrides vaxsim_fuzz_observed

bin=build/fuzz/fuzz
work=build/fuzz/corpus
finds=build/fuzz/finds
rm -rf "$work"
mkdir -p "$work"/{scenario,overrides,observed} "$finds"

# Seeds: copies, so that what the fuzzer adds never lands in the repository.
cp scenarios/*.yaml tests/support/*.yaml tests/io/bad_scenarios/*.yaml "$work/scenario/"
i=0
for vary in 'sites[*].hours[-1].close=18:00,20:00,24:00' 'sites[*].desks=+0%,+25%,x0' \
            'supply.deliveries[0].doses=x1e300,-100%' 'targets.coverage_levels=[0.4, 0.5],[0.6]' \
            'sites[clinic].service_minutes={lognormal: {mean: 4, sd: 20}}' \
            'uncertainty.service_time_factor=200' 'demand.walk_in_rate=0.02'; do
  printf '%s\n' "$vary" > "$work/overrides/seed-$((i++))"
done
cp data/*.csv "$work/observed/"

status=0
for target in scenario overrides observed; do
  echo "+ fuzzing $target for ${seconds}s"
  # -rss_limit_mb: the loader of a hostile file must not need more; -timeout: a hang is a find.
  if ! "$bin/vaxsim_fuzz_$target" "$work/$target" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$finds/$target-" \
       2> "build/fuzz/$target.log"; then
    status=1
    echo "run-fuzz.sh: $target found a problem; see build/fuzz/$target.log and $finds/" >&2
    tail -40 "build/fuzz/$target.log" >&2
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build/fuzz/$target.log" || true
done
exit $status
