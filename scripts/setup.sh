#!/usr/bin/env bash
# Installs the Debian 12 packages entangle needs to build, test and benchmark. Idempotent.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git python3 clang-format
  libsimdjson-dev libisal-dev isal libdeflate-dev zlib1g-dev
  libsqlite3-dev sqlite3 libssl-dev libcurl4-openssl-dev libcli11-dev libfmt-dev libtomlplusplus-dev nlohmann-json3-dev
  libvectorscan-dev libigraph-dev libutf8proc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsnappy-dev libzstd-dev  # the Parquet reader's page codecs (src/parquet/)
  chromium fonts-noto-cjk  # the browser tests and screenshots render the registry's Chinese names
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Parquet reader's tests write their fixtures with DuckDB from npm (tests/parquet/).
parquet_fixtures="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/parquet"
if [[ ! -d "$parquet_fixtures/node_modules" ]]; then
  echo "setup: npm ci --prefix tests/parquet" >&2
  npm ci --prefix "$parquet_fixtures" --no-audit --no-fund >&2
fi
echo "setup: all build dependencies present" >&2
