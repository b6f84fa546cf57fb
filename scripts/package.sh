#!/usr/bin/env bash
# Builds the Debian package of entangle into build-package/ (entangle_<version>_<arch>.deb):
# a Release build for any x86-64-v2 machine (not -march=native: the package runs elsewhere), the
# binary stripped, the shipped data in /usr/share/entangle and the docs in /usr/share/doc/entangle
# (cmake/install.cmake). Install it with `sudo apt install ./build-package/entangle_*.deb`; then
# `entangle` is on the PATH and finds its studies and data from any directory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
march=${ENTANGLE_PACKAGE_MARCH:-x86-64-v2}
cmake -S . -B build-package -G Ninja -DCMAKE_BUILD_TYPE=Release -DENTANGLE_MARCH="$march" \
  -DENTANGLE_BUILD_BENCH=OFF >/dev/null
cmake --build build-package -j"$(nproc)" --target entangle
(cd build-package && cpack -G DEB)
ls -1 build-package/*.deb
