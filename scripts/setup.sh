#!/usr/bin/env bash
# Installs the Debian 12 packages vaxsim's build and tests need, and only those that are missing.
# Usage: scripts/setup.sh [--with-browser]
set -euo pipefail

packages=(
  build-essential g++ cmake ninja-build
  libboost-graph-dev libboost-random-dev libpcg-cpp-dev libeigen3-dev
  libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format
  libxml2-dev libpng-dev  # the report tests parse the HTML/SVG (libxml2) and screenshots (libpng)
  libnlopt-dev  # vaxsim calibrate: NLopt's derivative-free optimisers (BOBYQA, COBYLA)
  libopenmpi-dev openmpi-bin  # VAXSIM_WITH_MPI (on in the ci preset): MPI library and mpirun
  clang libclang-rt-14-dev  # the fuzz preset (scripts/run-fuzz.sh): clang, libFuzzer, sanitizers
  # The Python module vaxsim, for Debian's /usr/bin/python3 (the presets name it):
  python3-dev pybind11-dev  # Python's headers, and pybind11 (C++ to Python, header-only)
  python3-pandas            # results as DataFrames (the module's tables)
  python3-matplotlib        # examples/python/what_if.py draws its PNG
  python3-pytest            # the Python tests (tests/python) under ctest
  python3-jsonschema        # the test that checks summary.json against docs/schema/
)
browser_packages=(chromium)  # headless browser for the HTML report tests

for arg in "$@"; do
  case "$arg" in
    --with-browser) packages+=("${browser_packages[@]}") ;;
    -h|--help) echo "usage: $0 [--with-browser]"; exit 0 ;;
    *) echo "setup.sh: unknown argument '$arg' (usage: $0 [--with-browser])" >&2; exit 2 ;;
  esac
done

if ! command -v dpkg-query >/dev/null; then
  echo "setup.sh: dpkg-query not found; this script supports Debian 12 only." >&2
  echo "setup.sh: install these packages (or equivalents) by hand: ${packages[*]}" >&2
  exit 1
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "setup.sh: all ${#packages[@]} packages present"
  exit 0
fi

# Root and apt-get are needed only to install, so a developer with everything in place can build
# as any user.
if ! command -v apt-get >/dev/null; then
  echo "setup.sh: missing packages: ${missing[*]}; apt-get is not available to install them." >&2
  exit 1
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "setup.sh: missing packages: ${missing[*]}" >&2
  echo "setup.sh: run as root (e.g. sudo bash $0 $*) or: apt-get install ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "setup.sh: installing ${missing[*]}"
# The lock timeout rides out a concurrent apt run (unattended-upgrades on a fresh CI machine).
apt=(apt-get -q -o DPkg::Lock::Timeout=300)
"${apt[@]}" update
"${apt[@]}" install -y "${missing[@]}"
