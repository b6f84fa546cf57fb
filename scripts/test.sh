#!/usr/bin/env bash
# Sets up, checks the formatting of the changed C++ lines, builds and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The format check (docs/style.md) runs first but fails the run only after the tests have run.
format_status=0
scripts/check-format.sh || format_status=$?
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
if ((format_status)); then
  echo "test: the tests passed, but scripts/check-format.sh failed (see above)" >&2
  exit "$format_status"
fi
