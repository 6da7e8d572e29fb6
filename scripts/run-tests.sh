#!/usr/bin/env bash
# Sets up, configures, builds and runs the whole test suite under one CMake preset.
# Usage: scripts/run-tests.sh [preset]   (preset: ci [default], dev, release, sanitize)
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${1:-ci}

# --with-browser: the report tests open report.html in headless Chromium.
bash scripts/setup.sh --with-browser
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset" --output-on-failure -j2
