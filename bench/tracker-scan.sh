#!/usr/bin/env bash
# Times a 20-study tracker scan (bench/tracker-20.toml: 4 areas × 5 pairs, one pass) against a
# one-study scan (the AI study) and against decompression alone (`igzip -dc`, else `gzip -dc`,
# every works file to /dev/null, files spread over the same number of parallel workers), on the
# same files with the same threads. The three alternate, R rounds. Prints, for tracker/one-study
# and tracker/inflate, the median of the per-round ratios of wall time and of CPU time (user+sys,
# /usr/bin/time: on a machine shared with other work, CPU time is the steadier of the two), the
# ratio of the best wall times, each one's peak memory (max RSS) and the load average before and
# after. Usage: bench/tracker-scan.sh [--threads N] [--repeat R] [--corpus DIR] [--tracker FILE]
#   [--study FILE] (the one study: by default the AI study, which has no keyword rules and so never
#   reads titles and abstracts; the tracker's other areas do)
# Issue 21's targets: tracker ≤ 1.3 × one-study, ≤ 1.5 × inflate.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=$(nproc); repeat=3; corpus=bench/corpora/bench-20000; tracker=bench/tracker-20.toml
study=studies/critical-tech/ai.toml
while (($#)); do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --tracker) tracker=$2; shift 2 ;;
    --study) study=$2; shift 2 ;;
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

time_cmd() {  # prints "wall_seconds peak_rss_kb cpu_seconds"
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r e m u s < "$work/time"
  echo "$e $m $(python3 -c "print(round($u + $s, 2))")"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
inflate_s=(); one_s=(); tracker_s=(); inflate_cpu=(); one_cpu=(); tracker_cpu=()
inflate_rss=0; one_rss=0; tracker_rss=0
for ((r = 0; r < repeat; r++)); do
  read -r s rss cpu < <(time_cmd sh -c "printf '%s\n' \"\$@\" | xargs -P $threads -n 1 sh -c '$inflater -dc \"\$0\" > /dev/null'" _ "${files[@]}")
  inflate_s+=("$s"); inflate_cpu+=("$cpu"); ((rss > inflate_rss)) && inflate_rss=$rss
  rm -f "$work/one.db"  # each timed scan starts without an old database to replace
  read -r s rss cpu < <(time_cmd "$bin" scan "$corpus" --study "$study" --db "$work/one.db" \
                      --threads "$threads" --progress none)
  one_s+=("$s"); one_cpu+=("$cpu"); ((rss > one_rss)) && one_rss=$rss
  rm -rf "$work/tracker"
  read -r s rss cpu < <(time_cmd "$bin" scan "$corpus" --tracker "$tracker" --out "$work/tracker" \
                      --threads "$threads" --progress none)
  tracker_s+=("$s"); tracker_cpu+=("$cpu"); ((rss > tracker_rss)) && tracker_rss=$rss
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$inflate_rss" "$one_rss" "$tracker_rss" "$inflater" "$threads" "$corpus" "$work/tracker/tracker.json" \
  "${inflate_s[*]}" "${one_s[*]}" "${tracker_s[*]}" "${inflate_cpu[*]}" "${one_cpu[*]}" "${tracker_cpu[*]}" \
  "$load_before" "$load_after" "$study" <<'PY'
import json, statistics, subprocess, sys
inflate_rss, one_rss, tracker_rss = map(int, sys.argv[1:4])
inflater, threads, corpus, listing = sys.argv[4], int(sys.argv[5]), sys.argv[6], sys.argv[7]
wall = {k: list(map(float, v.split())) for k, v in zip(("inflate", "one_study", "tracker"), sys.argv[8:11])}
cpu = {k: list(map(float, v.split())) for k, v in zip(("inflate", "one_study", "tracker"), sys.argv[11:14])}
load_before, load_after, study = sys.argv[14], sys.argv[15], sys.argv[16]
summary = json.load(open(listing))
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
def ratios(times, over):  # per round, tracker / the other
  return [round(t / o, 2) for t, o in zip(times["tracker"], times[over])]
def median(xs): return round(statistics.median(xs), 2)
out = {
  "machine": f"{model}, {subprocess.getoutput('nproc')} cores", "corpus": corpus, "threads": threads,
  "files": summary["files"], "records": summary["records"], "studies": len(summary["studies"]), "one_study": study,
  "compressed_mb": round(summary["compressed_bytes"] / 1e6, 1),
  "uncompressed_mb": round(summary["uncompressed_bytes"] / 1e6, 1),
  "inflater": f"{inflater} -dc", "rounds": len(wall["tracker"]),
  "load_average_before_after": [load_before, load_after],
  "median_ratio_tracker_over_one_study": {"wall": median(ratios(wall, "one_study")),
                                          "cpu": median(ratios(cpu, "one_study"))},
  "median_ratio_tracker_over_inflate": {"wall": median(ratios(wall, "inflate")), "cpu": median(ratios(cpu, "inflate"))},
  "best_wall_s": {k: min(v) for k, v in wall.items()},
  "ratio_of_best_walls": {"tracker_over_one_study": round(min(wall["tracker"]) / min(wall["one_study"]), 2),
                          "tracker_over_inflate": round(min(wall["tracker"]) / min(wall["inflate"]), 2)},
  "peak_rss_mb": {"inflate": round(inflate_rss / 1024, 1), "one_study": round(one_rss / 1024, 1),
                  "tracker": round(tracker_rss / 1024, 1)},
  "tracker_steps_s_last_round": summary["step_seconds"],
  "wall_s": wall, "cpu_s": cpu,
  "per_round_ratios": {"wall_tracker_over_one_study": ratios(wall, "one_study"),
                       "cpu_tracker_over_one_study": ratios(cpu, "one_study"),
                       "wall_tracker_over_inflate": ratios(wall, "inflate"),
                       "cpu_tracker_over_inflate": ratios(cpu, "inflate")},
  "targets": "tracker <= 1.3 x one study, <= 1.5 x inflate (issue 21)",
}
print(json.dumps(out, indent=1))
PY
