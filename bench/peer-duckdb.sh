#!/usr/bin/env bash
# Times `entangle scan` against DuckDB (bench/peers/duckdb-joint.mjs) answering the same question
# (Europe–China joint AI works per year, default study) over the same works files with the same
# number of threads, best of R runs each, checks that both give the same joint_by_year, and prints
# one JSON object with both times and the ratio duckdb_seconds / entangle_seconds. Usage:
#   bench/peer-duckdb.sh --corpus DIR [--threads N] [--repeat R]
# DIR is an OpenAlex snapshot root (works files: DIR/data/works/*/*.gz). Needs Node.js >= 20 and
# `cd bench/peers && npm ci`. The binary is ${ENTANGLE_BUILD_DIR:-build}/entangle.
# Times: entangle_seconds is the whole `entangle scan` process (start-up, scan, database write);
# duckdb_seconds is the query alone, as timed inside the Node process (DuckDB start-up and Node
# start-up excluded). Both choices favour DuckDB, so the ratio is a lower bound. CPU times (user +
# system, best run; DuckDB's includes Node and DuckDB start-up) are printed too: on a shared
# machine they move less than wall times. The runs alternate (entangle, DuckDB, entangle, ...), and
# the ratio of each such pair is printed with their median: a slow spell of the machine then slows
# both sides of a pair, where the best-of-R figures may come from different spells.
# The DuckDB peer does no deduplication: on corpora with duplicate work ids or merged ids (e.g.
# data/sample/openalex) its counts can exceed entangle's and the check fails (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
threads=$(nproc); repeat=3; corpus=""
while (($#)); do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$corpus" ]] || { echo "usage: bench/peer-duckdb.sh --corpus DIR [--threads N] [--repeat R]" >&2; exit 2; }
[[ "$threads" =~ ^[1-9][0-9]*$ && "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "--threads and --repeat must be >= 1" >&2; exit 2; }
command -v node >/dev/null || { echo "node missing (Node.js >= 20 needed)" >&2; exit 2; }
[[ -d bench/peers/node_modules/@duckdb/node-api ]] || { echo "DuckDB missing: cd bench/peers && npm ci" >&2; exit 2; }
bin=${ENTANGLE_BUILD_DIR:-build}/entangle
if [[ ! -x "$bin" ]]; then
  [[ -z "${ENTANGLE_BUILD_DIR:-}" ]] || { echo "$bin missing" >&2; exit 2; }
  scripts/build.sh >&2
fi
shopt -s nullglob
files=("$corpus"/data/works/*/*.gz)
shopt -u nullglob
((${#files[@]})) || { echo "no works files under $corpus/data/works/*/*.gz" >&2; exit 2; }

tmp=$(mktemp -d /tmp/entangle-peer.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/scan.db

entangle_s=(); duckdb_s=(); duckdb_wall_s=(); entangle_cpu=(); duckdb_cpu=()
cpu() { awk '{ print $2 + $3 }' "$tmp/time"; }  # user + system seconds of the last timed process
for ((r = 0; r < repeat; r++)); do
  # entangle: wall time of the whole process, starting without an old database to replace.
  rm -f "$db"
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" \
    "$bin" scan "$corpus" --db "$db" --threads "$threads" --progress none --json >"$tmp/entangle.json" \
    2>"$tmp/entangle.err" || { cat "$tmp/entangle.err" >&2; exit 1; }
  entangle_s+=("$(awk '{ print $1 }' "$tmp/time")"); entangle_cpu+=("$(cpu)")
  # DuckDB: the query time it reports (and the process wall time, for reference).
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" \
    node bench/peers/duckdb-joint.mjs --threads "$threads" "${files[@]}" >"$tmp/duckdb.json" \
    2>"$tmp/duckdb.err" || { cat "$tmp/duckdb.err" >&2; exit 1; }
  duckdb_wall_s+=("$(awk '{ print $1 }' "$tmp/time")"); duckdb_cpu+=("$(cpu)")
  duckdb_s+=("$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$tmp/duckdb.json")")
done
best() { printf '%s\n' "$@" | sort -g | head -1; }

python3 - "$tmp/entangle.json" "$tmp/duckdb.json" "$corpus" "$threads" "$repeat" \
  "$(best "${entangle_s[@]}")" "$(best "${duckdb_s[@]}")" "$(best "${duckdb_wall_s[@]}")" \
  "${entangle_s[*]}" "${duckdb_s[*]}" "$(best "${entangle_cpu[@]}")" "$(best "${duckdb_cpu[@]}")" <<'PY'
import json, os, sys
(ent_path, duck_path, corpus, threads, repeat, ent_best, duck_best, duck_wall_best,
 ent_all, duck_all, ent_cpu, duck_cpu) = sys.argv[1:]
ent_cpu, duck_cpu = float(ent_cpu), float(duck_cpu)
ent, duck = json.load(open(ent_path)), json.load(open(duck_path))
ent_best, duck_best, duck_wall_best = float(ent_best), float(duck_best), float(duck_wall_best)
ent_runs, duck_runs = [float(x) for x in ent_all.split()], [float(x) for x in duck_all.split()]
paired = sorted(d / e for e, d in zip(ent_runs, duck_runs))
median_paired = (paired[len(paired) // 2] + paired[(len(paired) - 1) // 2]) / 2
agree = {str(k): v for k, v in ent["joint_by_year"].items()} == duck["joint_by_year"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(json.dumps({
  "machine": f"{cpu}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at end",
  "corpus": corpus, "files": ent["files"], "compressed_mb": round(ent["compressed_bytes"] / 1e6, 1),
  "uncompressed_mb": round(ent["uncompressed_bytes"] / 1e6, 1), "records": ent["records"],
  "threads": int(threads), "repeat": int(repeat),
  "entangle_seconds": ent_best, "entangle_runs": ent_runs,
  "duckdb_seconds": duck_best, "duckdb_runs": duck_runs,
  "duckdb_process_seconds": duck_wall_best, "duckdb_version": duck["version"],
  "ratio_duckdb_over_entangle": round(duck_best / ent_best, 2),
  "paired_ratios": [round(r, 2) for r in paired], "median_paired_ratio": round(median_paired, 2),
  "entangle_cpu_seconds": round(ent_cpu, 2), "duckdb_process_cpu_seconds": round(duck_cpu, 2),
  "cpu_ratio_duckdb_over_entangle": round(duck_cpu / ent_cpu, 2) if ent_cpu > 0 else None,
  "target_ratio": 3.0,
  "entangle_joint_by_year": ent["joint_by_year"], "duckdb_joint_by_year": duck["joint_by_year"],
  "entangle_joint": ent["joint"], "duckdb_joint": duck["joint"],
  "duplicates_seen_by_entangle": ent["duplicates"], "merged_away_by_entangle": ent["merged_away"],
  "joint_by_year_agree": agree,
  **({} if agree or not (ent["duplicates"] or ent["merged_away"]) else {"note":
      "entangle dropped duplicate/merged copies; the DuckDB peer counts every record, so a mismatch is expected here"}),
}, indent=1))
sys.exit(0 if agree else 1)
PY
