#!/usr/bin/env bash
# The Parquet benchmark of issue 22: on the same works as Parquet and as gzipped JSON Lines, times
# alternately, with the same thread count, R rounds of
#   (a) `entangle scan --dry-run --format parquet` of the Parquet copy,
#   (b) DuckDB answering the same question (joint works per year and per subfield, default study)
#       from the same Parquet files (bench/peers/duckdb-joint.mjs --parquet; the query time inside
#       Node, as bench/peer-duckdb.sh takes it: Node and DuckDB start-up excluded, which favours DuckDB),
#   (c) `entangle scan --dry-run` of the gzipped JSON Lines,
# checks that the answers agree (a = b, a = c on every count), and prints per thread count one JSON
# object: times, CPU times (user + system), peak RSS, the per-round ratios duckdb/(a) (target >= 1.5)
# and (c)/(a) (target >= 3) and their medians. Entangle's times are whole processes (start-up included).
# Usage: bench/peer-duckdb-parquet.sh [--threads "1 2"] [--repeat R] [--files F --copies C]
#   The corpus is built by bench/parquet-replica.sh (default 8 x 5: 74,560 real works, 1.26 GB of JSON).
# Needs Node.js >= 20, `npm ci --prefix bench/peers` and `npm ci --prefix tests/parquet`. The binary
# is ${ENTANGLE_BUILD_DIR:-build}/entangle. Results are also written to bench/results/parquet-<time>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
thread_counts="1 2"; repeat=3; files=8; copies=5
while (($#)); do
  case "$1" in
    --threads) thread_counts=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --copies) copies=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "--repeat must be >= 1" >&2; exit 2; }
[[ -d bench/peers/node_modules/@duckdb/node-api ]] || { echo "DuckDB missing: npm ci --prefix bench/peers" >&2; exit 2; }
bin=${ENTANGLE_BUILD_DIR:-build}/entangle
[[ -x "$bin" ]] || { echo "$bin missing (set ENTANGLE_BUILD_DIR or run scripts/build.sh)" >&2; exit 2; }
mapfile -t roots < <(bench/parquet-replica.sh --files "$files" --copies "$copies")
json_root=${roots[0]}; parquet_root=${roots[1]}
shopt -s nullglob
parquet_files=("$parquet_root"/data/parquet/works/*/*.parquet)
shopt -u nullglob
((${#parquet_files[@]})) || { echo "no Parquet files under $parquet_root" >&2; exit 2; }

tmp=$(mktemp -d /tmp/entangle-peer-parquet.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p bench/results
result_file=bench/results/parquet-$(date -u +%Y%m%dT%H%M%SZ).json
timed() {  # name, command...: runs it, appends "wall user+sys peak_kb" to $tmp/<name>.times
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >"$tmp/$name.json" 2>"$tmp/$name.err" ||
    { cat "$tmp/$name.err" >&2; exit 1; }
  awk '{ print $1, $2 + $3, $4 }' "$tmp/time" >>"$tmp/$name.times"
}
for threads in $thread_counts; do
  rm -f "$tmp"/*.times "$tmp/duckdb.query"
  for ((r = 0; r < repeat; r++)); do
    timed parquet "$bin" scan "$parquet_root" --format parquet --dry-run --threads "$threads" --progress none --json
    timed duckdb node bench/peers/duckdb-joint.mjs --parquet --threads "$threads" "${parquet_files[@]}"
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$tmp/duckdb.json" >>"$tmp/duckdb.query"
    timed jsonl "$bin" scan "$json_root" --dry-run --threads "$threads" --progress none --json
  done
  python3 - "$tmp" "$json_root" "$parquet_root" "$threads" "$repeat" <<'PY' | tee -a "$result_file"
import json, os, statistics, sys
tmp, json_root, parquet_root, threads, repeat = sys.argv[1:]
def times(name):
  return [tuple(float(x) for x in line.split()) for line in open(os.path.join(tmp, name + ".times"))]
load = lambda name: json.load(open(os.path.join(tmp, name + ".json")))
pq, duck, js = load("parquet"), load("duckdb"), load("jsonl")
pq_t, duck_t, js_t = times("parquet"), times("duckdb"), times("jsonl")
duck_query = [float(x) for x in open(os.path.join(tmp, "duckdb.query"))]
keys = ("records", "in_scope", "field_relevant", "joint", "joint_by_year", "joint_by_subfield")
checks = {
  "parquet_equals_duckdb_by_year": {str(k): v for k, v in pq["joint_by_year"].items()} == duck["joint_by_year"],
  "parquet_equals_duckdb_by_subfield": pq["joint_by_subfield"] == duck["joint_by_subfield"],
  "parquet_equals_jsonl_counts": all(pq[k] == js[k] for k in keys),
}
median = lambda xs: round(statistics.median(xs), 2)
duck_ratios = [d / p[0] for d, p in zip(duck_query, pq_t)]
json_ratios = [j[0] / p[0] for j, p in zip(js_t, pq_t)]
side = lambda t: {"wall_seconds": [x[0] for x in t], "cpu_seconds": [round(x[1], 2) for x in t],
                  "peak_rss_mb": max(round(x[2] / 1024, 1) for x in t)}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(json.dumps({
  "machine": f"{cpu}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at end (shared)",
  "json_corpus": json_root, "parquet_corpus": parquet_root, "threads": int(threads), "rounds": int(repeat),
  "records": pq["records"], "parquet_files": pq["files"],
  "parquet_mb": round(sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(parquet_root)
                          for f in fs if f.endswith(".parquet")) / 1e6, 1),
  "jsonl_gz_mb": round(js["compressed_bytes"] / 1e6, 1), "json_mb": round(js["uncompressed_bytes"] / 1e6, 1),
  "duckdb_version": duck["version"],
  "entangle_parquet": side(pq_t),
  "duckdb_parquet": {"query_seconds": duck_query, **side(duck_t)},
  "entangle_jsonl_gz": side(js_t),
  "ratio_duckdb_over_parquet": {"per_round": [round(x, 2) for x in duck_ratios], "median": median(duck_ratios),
                                "target": 1.5},
  "ratio_jsonl_over_parquet": {"per_round": [round(x, 2) for x in json_ratios], "median": median(json_ratios),
                               "target": 3.0},
  "cpu_ratio_duckdb_process_over_parquet": median([d[1] / p[1] for d, p in zip(duck_t, pq_t)]),
  "cpu_ratio_jsonl_over_parquet": median([j[1] / p[1] for j, p in zip(js_t, pq_t)]),
  "joint": pq["joint"], "joint_by_year": pq["joint_by_year"], "checks": checks,
}, indent=1))
sys.exit(0 if all(checks.values()) else 1)
PY
done
echo "written to $result_file" >&2
