#!/usr/bin/env bash
# Configures and builds entangle into build/ (Release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
[[ "${CI:-}" == "true" ]] && werror=ON
cmake -S . -B build -G Ninja -DENTANGLE_WERROR="$werror" >/dev/null
cmake --build build -j"$(nproc)"
