#!/usr/bin/env bash
# Times `entangle scan` against the decompression-only baseline (ISA-L `igzip -dc` inflating every
# works file to /dev/null, files spread over the same number of parallel workers) on the same
# files, in one run, and prints the ratio. Usage:
#   bench/scan-vs-inflate.sh [--threads N] [--repeat R] [--corpus DIR | --works N --seed S]
# Without --corpus it generates a synthetic corpus with `entangle synth` under bench/corpora/.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=$(nproc); repeat=3; corpus=""; works=200000; seed=1
while (($#)); do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --works) works=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v igzip >/dev/null || { echo "igzip missing: run scripts/setup.sh" >&2; exit 2; }
bin=${ENTANGLE_BUILD_DIR:-build}/entangle
[[ -x "$bin" ]] || scripts/build.sh >&2
if [[ -z "$corpus" ]]; then
  corpus="bench/corpora/synth-$works-$seed"
  [[ -f "$corpus/ground_truth.json" ]] || "$bin" synth --works "$works" --seed "$seed" --out "$corpus" >&2
fi
mapfile -t files < <(find "$corpus" -path '*/data/works/*' -name '*.gz' | sort)
((${#files[@]})) || { echo "no works files under $corpus" >&2; exit 2; }
compressed=$(du -cb "${files[@]}" | tail -1 | cut -f1)
db=$(mktemp -u /tmp/entangle-bench.XXXXXX.db)

best() { sort -n | head -1; }
time_cmd() {  # prints "seconds peak_rss_kb"
  /usr/bin/time -f "%e %M" -o /tmp/entangle-bench.time "$@" >/dev/null 2>/tmp/entangle-bench.err || {
    cat /tmp/entangle-bench.err >&2; exit 1; }
  cat /tmp/entangle-bench.time
}
inflate_s=(); scan_s=(); scan_rss=0
for ((r = 0; r < repeat; r++)); do
  read -r s _ < <(time_cmd sh -c "printf '%s\n' \"\$@\" | xargs -P $threads -n 1 sh -c 'igzip -dc \"\$0\" > /dev/null'" _ "${files[@]}")
  inflate_s+=("$s")
  rm -f "$db"  # each timed scan starts without an old database to replace
  read -r s rss < <(time_cmd "$bin" scan "$corpus" --db "$db" --threads "$threads" --progress none)
  scan_s+=("$s"); ((rss > scan_rss)) && scan_rss=$rss
done
"$bin" scan "$corpus" --db "$db" --threads "$threads" --progress none --json > /tmp/entangle-bench.json
rm -f "$db"
inflate=$(printf '%s\n' "${inflate_s[@]}" | best)
scan=$(printf '%s\n' "${scan_s[@]}" | best)
python3 - "$inflate" "$scan" "$compressed" "$threads" "$scan_rss" "$corpus" <<'PY'
import json, platform, subprocess, sys
inflate, scan, compressed, threads, rss, corpus = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
summary = json.load(open("/tmp/entangle-bench.json"))
uncompressed, records = summary["uncompressed_bytes"], summary["records"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(json.dumps({
  "machine": f"{cpu}, {subprocess.getoutput('nproc')} cores",
  "corpus": corpus, "files": summary["files"], "compressed_mb": round(compressed / 1e6, 1),
  "uncompressed_mb": round(uncompressed / 1e6, 1), "records": records, "threads": threads,
  "inflate_s": inflate, "scan_s": scan, "ratio_scan_over_inflate": round(scan / inflate, 2),
  "scan_mb_per_s_per_core_uncompressed": round(uncompressed / 1e6 / scan / threads, 1),
  "scan_records_per_s": round(records / scan), "scan_peak_rss_mb": round(rss / 1024, 1),
}, indent=1))
PY
