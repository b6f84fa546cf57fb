#!/usr/bin/env bash
# Builds (once) the corpus of the Parquet benchmark (issue 22): the real works of ../shared
# repeated with fresh ids and gzipped like the snapshot (bench/real-replica.sh --build-only), and
# the same part files converted to Parquet by DuckDB as OpenAlex ships its Parquet copy: snappy,
# data pages v1, row groups of at most 100,000 rows (tests/parquet/convert-works.mjs, npm
# `@duckdb/node-api`, `npm ci --prefix tests/parquet`). Prints the two snapshot roots, one a line:
#   bench/corpora/real-replica-FxC                  data/works/updated_date=2023-05-16/part_NNN.gz
#   bench/corpora/real-replica-FxC-parquet          data/parquet/works/updated_date=2023-05-16/part_NNN.parquet
# Usage: bench/parquet-replica.sh [--files F] [--copies C] [--row-group-size N]
#   default 8 files x 5 copies: 74,560 works, 1.26 GB of JSON, 215 MB gzipped, 244 MB of Parquet.
set -euo pipefail
cd "$(dirname "$0")/.."
files=8; copies=5; row_group_size=100000
while (($#)); do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --copies) copies=$2; shift 2 ;;
    --row-group-size) row_group_size=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v node >/dev/null || { echo "node missing (Node.js >= 20 needed)" >&2; exit 2; }
[[ -d tests/parquet/node_modules/@duckdb/node-api ]] || { echo "DuckDB missing: npm ci --prefix tests/parquet" >&2; exit 2; }
json_root=$(bench/real-replica.sh --files "$files" --copies "$copies" --build-only)
parquet_root="$json_root-parquet"
if [[ ! -f "$parquet_root/.complete" ]]; then
  echo "converting $json_root to Parquet under $parquet_root..." >&2
  rm -rf "$parquet_root"
  pairs=()
  for gz in "$json_root"/data/works/*/part_*.gz; do
    partition=$(basename "$(dirname "$gz")")
    mkdir -p "$parquet_root/data/parquet/works/$partition"
    pairs+=("$gz" "$parquet_root/data/parquet/works/$partition/$(basename "$gz" .gz).parquet")
  done
  node tests/parquet/convert-works.mjs --compression snappy --version V1 --row-group-size "$row_group_size" \
    "${pairs[@]}" >&2
  touch "$parquet_root/.complete"
fi
echo "$json_root"
echo "$parquet_root"
