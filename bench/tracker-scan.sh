#!/usr/bin/env bash
# Times a 20-study tracker scan (bench/tracker-20.toml: 4 areas × 5 pairs, one pass) against a
# one-study scan (the AI study) and against decompression alone (`igzip -dc`, else `gzip -dc`,
# every works file to /dev/null, files spread over the same number of parallel workers), on the
# same files with the same threads; the three alternate, R rounds, best of each kept. Prints the
# ratios tracker/one-study and tracker/inflate and each one's peak memory (/usr/bin/time's max RSS).
# Usage: bench/tracker-scan.sh [--threads N] [--repeat R] [--corpus DIR] [--tracker FILE]
# Issue 21's targets: tracker ≤ 1.3 × one-study, ≤ 1.5 × inflate.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=$(nproc); repeat=3; corpus=bench/corpora/bench-20000; tracker=bench/tracker-20.toml
while (($#)); do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --tracker) tracker=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
inflater=igzip
command -v igzip >/dev/null || inflater=gzip
bin=${ENTANGLE_BUILD_DIR:-build}/entangle
[[ -x "$bin" ]] || { echo "no $bin: build first (or set ENTANGLE_BUILD_DIR)" >&2; exit 2; }
mapfile -t files < <(find "$corpus" -path '*/data/works/*' -name '*.gz' | sort)
((${#files[@]})) || { echo "no works files under $corpus" >&2; exit 2; }
work=$(mktemp -d /tmp/entangle-tracker-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

time_cmd() {  # prints "seconds peak_rss_kb"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}
inflate_s=(); one_s=(); tracker_s=(); inflate_rss=0; one_rss=0; tracker_rss=0
for ((r = 0; r < repeat; r++)); do
  read -r s rss < <(time_cmd sh -c "printf '%s\n' \"\$@\" | xargs -P $threads -n 1 sh -c '$inflater -dc \"\$0\" > /dev/null'" _ "${files[@]}")
  inflate_s+=("$s"); ((rss > inflate_rss)) && inflate_rss=$rss
  rm -f "$work/one.db"  # each timed scan starts without an old database to replace
  read -r s rss < <(time_cmd "$bin" scan "$corpus" --study studies/critical-tech/ai.toml --db "$work/one.db" \
                      --threads "$threads" --progress none)
  one_s+=("$s"); ((rss > one_rss)) && one_rss=$rss
  rm -rf "$work/tracker"
  read -r s rss < <(time_cmd "$bin" scan "$corpus" --tracker "$tracker" --out "$work/tracker" \
                      --threads "$threads" --progress none)
  tracker_s+=("$s"); ((rss > tracker_rss)) && tracker_rss=$rss
done
best() { printf '%s\n' "$@" | sort -n | head -1; }
python3 - "$(best "${inflate_s[@]}")" "$(best "${one_s[@]}")" "$(best "${tracker_s[@]}")" \
  "$inflate_rss" "$one_rss" "$tracker_rss" "$inflater" "$threads" "$corpus" "$work/tracker/tracker.json" \
  "${inflate_s[*]}" "${one_s[*]}" "${tracker_s[*]}" <<'PY'
import json, subprocess, sys
inflate, one, tracker = map(float, sys.argv[1:4])
inflate_rss, one_rss, tracker_rss = map(int, sys.argv[4:7])
inflater, threads, corpus, listing = sys.argv[7], int(sys.argv[8]), sys.argv[9], sys.argv[10]
runs = {"inflate_s": sys.argv[11], "one_study_s": sys.argv[12], "tracker_s": sys.argv[13]}
summary = json.load(open(listing))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(json.dumps({
  "machine": f"{cpu}, {subprocess.getoutput('nproc')} cores", "corpus": corpus, "threads": threads,
  "files": summary["files"], "records": summary["records"], "studies": len(summary["studies"]),
  "compressed_mb": round(summary["compressed_bytes"] / 1e6, 1),
  "uncompressed_mb": round(summary["uncompressed_bytes"] / 1e6, 1),
  "inflater": f"{inflater} -dc", "inflate_s": inflate, "one_study_s": one, "tracker_s": tracker,
  "ratio_tracker_over_one_study": round(tracker / one, 2), "ratio_tracker_over_inflate": round(tracker / inflate, 2),
  "peak_rss_mb": {"inflate": round(inflate_rss / 1024, 1), "one_study": round(one_rss / 1024, 1),
                  "tracker": round(tracker_rss / 1024, 1)},
  "tracker_steps_s": summary["step_seconds"], "all_runs_s": runs,
  "targets": "tracker <= 1.3 x one study, <= 1.5 x inflate (issue 21)",
}, indent=1))
PY
