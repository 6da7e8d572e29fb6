#!/usr/bin/env bash
# Wall time of R replications of the Shanxi plan on 2 cores, three ways: 1 process on 1 thread,
# 1 process on 2 threads, 2 MPI ranks on 1 thread each; and a check that all three wrote the
# same files. Needs a build with MPI, Release for real timings:
#
#   cmake -B build/release-mpi -G Ninja -DCMAKE_BUILD_TYPE=Release -DVAXSIM_WITH_MPI=ON
#   cmake --build build/release-mpi
#   bash bench/mpi_replications.sh build/release-mpi/bin/vaxsim 4     # short: about 30 s a line
#   bash bench/mpi_replications.sh build/release-mpi/bin/vaxsim 100   # the issue's: minutes a line
#
# --bind-to none: OpenMPI would otherwise pin each of 2 ranks to one core (harmless here with one
# thread a rank, but it is what a run with more threads per rank needs).
set -euo pipefail
cd "$(dirname "$0")/.."

vaxsim=${1:?usage: $0 VAXSIM [REPLICATIONS] [SCENARIO]}
replications=${2:-100}
scenario=${3:-scenarios/shanxi-2021-plan.yaml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mpirun=(mpirun --bind-to none -np 2)
[[ $(id -u) -eq 0 ]] && mpirun+=(--allow-run-as-root)

time_it() {  # name, command...
  local name=$1 start ms
  shift
  start=$(date +%s%N)
  "$@" --replications "$replications" --quiet --out "$work/$name" >/dev/null
  ms=$((($(date +%s%N) - start) / 1000000))
  printf '%-28s %6d.%d s\n' "$name" $((ms / 1000)) $((ms % 1000 / 100))
}

echo "$replications replications of $scenario"
time_it "1 process, 1 thread" "$vaxsim" run "$scenario" --threads 1
time_it "1 process, 2 threads" "$vaxsim" run "$scenario" --threads 2
time_it "2 MPI ranks, 1 thread each" "${mpirun[@]}" "$vaxsim" run "$scenario" --threads 1
for other in "1 process, 2 threads" "2 MPI ranks, 1 thread each"; do
  diff -r "$work/1 process, 1 thread" "$work/$other" >/dev/null ||
    { echo "different files: 1 process, 1 thread vs $other" >&2; exit 1; }
done
echo "same files all three ways"
