#!/usr/bin/env bash
# Sets up, builds the release preset and runs the main job: the Shanxi 2021 vaccination plan.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build/release

bash scripts/setup.sh
cmake --preset release
cmake --build --preset release

exec build/release/bin/vaxsim run scenarios/shanxi-2021-plan.yaml --out out/shanxi-2021-plan "$@"
