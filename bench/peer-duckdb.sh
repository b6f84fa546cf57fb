#!/usr/bin/env bash
# Times entangle against DuckDB (bench/peers/duckdb-joint.mjs) answering the same question
# (Europe–China joint AI works per year and per AI subfield, default study) over the same works
# files with the same number of threads, R runs each, checks that the answers agree, and prints one
# JSON object with the times and the ratios duckdb_seconds / entangle_seconds. Usage:
#   bench/peer-duckdb.sh --corpus DIR [--threads N] [--repeat R]
# DIR is an OpenAlex snapshot root (works files: DIR/data/works/*/*.gz). Needs Node.js >= 20 and
# `cd bench/peers && npm ci`. The binary is ${ENTANGLE_BUILD_DIR:-build}/entangle.
# Two entangle commands are timed, each as a whole process (start-up included):
#   - `entangle scan --dry-run`: the same question and output as the DuckDB query (counts per year
#     and per subfield, nothing stored). This is the like-for-like comparison (the target's ratio).
#   - `entangle scan --db`: the same counts plus the whole study database (joint works extracted
#     with all their fields, indexes, fsync). DuckDB stores nothing, so this ratio is a lower bound.
# duckdb_seconds is the query alone, as timed inside the Node process (Node and DuckDB start-up
# excluded, which favours DuckDB). CPU times (user + system, best run; DuckDB's includes Node and
# DuckDB start-up) are printed too: on a shared machine they move less than wall times. The runs
# alternate (scan, dry run, DuckDB, scan, ...), and the ratio of each such triple is printed with
# their median: a slow spell of the machine then slows all sides, where the best-of-R figures may
# come from different spells.
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
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

entangle_s=(); dry_s=(); duckdb_s=(); duckdb_wall_s=(); entangle_cpu=(); dry_cpu=(); duckdb_cpu=()
cpu() { awk '{ print $2 + $3 }' "$tmp/time"; }  # user + system seconds of the last timed process
for ((r = 0; r < repeat; r++)); do
  # entangle: wall time of the whole process, starting without an old database to replace.
  rm -f "$db"
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" \
    "$bin" scan "$corpus" --db "$db" --threads "$threads" --progress none --json >"$tmp/entangle.json" \
    2>"$tmp/entangle.err" || { cat "$tmp/entangle.err" >&2; exit 1; }
  entangle_s+=("$(awk '{ print $1 }' "$tmp/time")"); entangle_cpu+=("$(cpu)")
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" \
    "$bin" scan "$corpus" --dry-run --threads "$threads" --progress none --json >"$tmp/dry.json" \
    2>"$tmp/dry.err" || { cat "$tmp/dry.err" >&2; exit 1; }
  dry_s+=("$(awk '{ print $1 }' "$tmp/time")"); dry_cpu+=("$(cpu)")
  # DuckDB: the query time it reports (and the process wall time, for reference).
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" \
    node bench/peers/duckdb-joint.mjs --threads "$threads" "${files[@]}" >"$tmp/duckdb.json" \
    2>"$tmp/duckdb.err" || { cat "$tmp/duckdb.err" >&2; exit 1; }
  duckdb_wall_s+=("$(awk '{ print $1 }' "$tmp/time")"); duckdb_cpu+=("$(cpu)")
  duckdb_s+=("$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$tmp/duckdb.json")")
done
best() { printf '%s\n' "$@" | sort -g | head -1; }

python3 - "$tmp" "$corpus" "$threads" "$repeat" "${entangle_s[*]}" "${dry_s[*]}" "${duckdb_s[*]}" \
  "$(best "${duckdb_wall_s[@]}")" "$(best "${entangle_cpu[@]}")" "$(best "${dry_cpu[@]}")" \
  "$(best "${duckdb_cpu[@]}")" <<'PY'
import json, os, sys
(tmp, corpus, threads, repeat, ent_all, dry_all, duck_all, duck_wall_best,
 ent_cpu, dry_cpu, duck_cpu) = sys.argv[1:]
load = lambda name: json.load(open(os.path.join(tmp, name)))
ent, dry, duck = load("entangle.json"), load("dry.json"), load("duckdb.json")
runs = lambda text: [float(x) for x in text.split()]
ent_runs, dry_runs, duck_runs = runs(ent_all), runs(dry_all), runs(duck_all)
ent_cpu, dry_cpu, duck_cpu = float(ent_cpu), float(dry_cpu), float(duck_cpu)

def compare(runs_of_entangle, cpu_of_entangle):
  paired = sorted(d / e for e, d in zip(runs_of_entangle, duck_runs))
  return {
    "entangle_seconds": min(runs_of_entangle), "entangle_runs": runs_of_entangle,
    "ratio_duckdb_over_entangle": round(min(duck_runs) / min(runs_of_entangle), 2),
    "paired_ratios": [round(r, 2) for r in paired],
    "median_paired_ratio": round((paired[len(paired) // 2] + paired[(len(paired) - 1) // 2]) / 2, 2),
    "entangle_cpu_seconds": round(cpu_of_entangle, 2),
    "cpu_ratio_duckdb_over_entangle": round(duck_cpu / cpu_of_entangle, 2) if cpu_of_entangle > 0 else None,
  }

by_year = lambda summary: {str(k): v for k, v in summary["joint_by_year"].items()}
checks = {
  "scan_joint_by_year_agree": by_year(ent) == duck["joint_by_year"],
  "dry_run_joint_by_year_agree": by_year(dry) == duck["joint_by_year"],
  "dry_run_joint_by_subfield_agree": dry["joint_by_subfield"] == duck["joint_by_subfield"],
  "dry_run_counts_equal_scan": all(dry[k] == ent[k] for k in
                                   ("records", "in_scope", "field_relevant", "joint", "joint_by_year", "joint_by_subfield")),
}
agree = all(checks.values())
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
dry_cmp, ent_cmp = compare(dry_runs, dry_cpu), compare(ent_runs, ent_cpu)
print(json.dumps({
  "machine": f"{cpu}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at end",
  "corpus": corpus, "files": ent["files"], "compressed_mb": round(ent["compressed_bytes"] / 1e6, 1),
  "uncompressed_mb": round(ent["uncompressed_bytes"] / 1e6, 1), "records": ent["records"],
  "threads": int(threads), "repeat": int(repeat),
  "duckdb_seconds": min(duck_runs), "duckdb_runs": duck_runs,
  "duckdb_process_seconds": float(duck_wall_best), "duckdb_version": duck["version"],
  "duckdb_process_cpu_seconds": round(duck_cpu, 2), "target_ratio": 3.0,
  # The like-for-like comparison: same question, same output, nothing stored.
  "dry_run": dry_cmp,
  # The full scan also writes the study database: a lower bound.
  "scan_with_database": ent_cmp,
  # Kept at the top level for older readers of these files: the full scan's figures.
  "entangle_seconds": ent_cmp["entangle_seconds"], "ratio_duckdb_over_entangle": ent_cmp["ratio_duckdb_over_entangle"],
  "median_paired_ratio": ent_cmp["median_paired_ratio"],
  "cpu_ratio_duckdb_over_entangle": ent_cmp["cpu_ratio_duckdb_over_entangle"],
  "entangle_joint_by_year": ent["joint_by_year"], "duckdb_joint_by_year": duck["joint_by_year"],
  "entangle_joint_by_subfield": dry["joint_by_subfield"], "duckdb_joint_by_subfield": duck["joint_by_subfield"],
  "entangle_joint": ent["joint"], "duckdb_joint": duck["joint"],
  "duplicates_seen_by_entangle": ent["duplicates"], "merged_away_by_entangle": ent["merged_away"],
  "checks": checks, "joint_by_year_agree": checks["scan_joint_by_year_agree"],
  **({} if agree or not (ent["duplicates"] or ent["merged_away"]) else {"note":
      "entangle dropped duplicate/merged copies; the DuckDB peer counts every record, so a mismatch is expected here"}),
}, indent=1))
sys.exit(0 if agree else 1)
PY
