#!/usr/bin/env bash
# Two builds of entangle on the same input in the same run: is a refactor speed-neutral?
# Times, for each build, a full `scan` and a `scan --dry-run` of one generated corpus and an
# `analyze` of one scanned database (each build analyses its own copy), alternating the builds
# round by round so that the machine's drift falls on both. Prints the best of R rounds per build
# and the ratio candidate / baseline (1.00 = same speed; below 1 the candidate is faster).
#
# Usage: bench/compare-builds.sh --baseline BIN [--candidate BIN] [--works N] [--rounds R]
#                                [--analyze-db DB]
#   --baseline   the build to compare against, e.g. one built from the commit before a refactor:
#                  git worktree add /tmp/base REV && cmake -S /tmp/base -B /tmp/base/build -G Ninja \
#                    -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/base/build --target entangle
#   --candidate  default build/entangle
#   --works      corpus size for the scans (default 400000, generated once under bench/corpora/)
#   --rounds     default 3
#   --analyze-db a scanned database to analyse (e.g. the 1 M-paper one `bench/analyze-1m.sh --keep`
#                leaves); default the candidate's scan of the corpus
# Results: bench/results/compare-<date>.json and a table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=""; candidate=${ENTANGLE_BUILD_DIR:-build}/entangle; works=400000; rounds=3; analyze_db=""
while (($#)); do
  case "$1" in
    --baseline) baseline=$2; shift 2 ;;
    --candidate) candidate=$2; shift 2 ;;
    --works) works=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --analyze-db) analyze_db=$2; shift 2 ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
[[ -x "$baseline" ]] || { echo "compare-builds: --baseline BIN is required and must be executable" >&2; exit 2; }
[[ -x "$candidate" ]] || { echo "compare-builds: candidate $candidate is not executable (scripts/build.sh)" >&2; exit 2; }

corpus=bench/corpora/bench-$works
if [[ ! -f "$corpus/ground_truth.json" ]]; then
  echo "generating $corpus ($works works)..." >&2
  mkdir -p bench/corpora
  "$candidate" synth --out "$corpus" --works "$works" --seed 11 --works-per-file 25000 --duplicate-rate 0 \
    --merged-rate 0 --malformed-rate 0 >&2
fi
work=$(mktemp -d /tmp/entangle-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT

# seconds of one command (wall), its output discarded
timed() {
  /usr/bin/time -f "%e" -o "$work/time" "$@" >/dev/null 2>&1 || { echo "compare-builds: failed: $*" >&2; exit 1; }
  cat "$work/time"
}

declare -A best
keep_best() {  # key seconds
  local old=${best[$1]:-}
  if [[ -z "$old" ]] || awk -v a="$2" -v b="$old" 'BEGIN { exit !(a < b) }'; then best[$1]=$2; fi
}

for ((r = 1; r <= rounds; r++)); do
  for who in baseline candidate; do
    bin=$baseline; [[ $who == candidate ]] && bin=$candidate
    keep_best "$who.dry" "$(timed "$bin" scan "$corpus" --dry-run)"
    rm -f "$work/$who.db"
    keep_best "$who.scan" "$(timed "$bin" scan "$corpus" --db "$work/$who.db")"
    db=${analyze_db:-$work/candidate.db}
    [[ -f "$db" ]] || db=$work/$who.db
    cp "$db" "$work/$who-analyze.db"
    keep_best "$who.analyze" "$(timed "$bin" analyze --db "$work/$who-analyze.db" --out "$work/$who-exhibits")"
    rm -f "$work/$who-analyze.db"
    echo "round $r $who: dry-run ${best[$who.dry]} s, scan ${best[$who.scan]} s, analyze ${best[$who.analyze]} s (best so far)" >&2
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
joint=$(sqlite3 "${analyze_db:-$work/candidate.db}" "SELECT count(*) FROM works")
printf '\n%-10s %10s %10s %8s\n' step baseline candidate ratio
for step in dry scan analyze; do
  printf '%-10s %9.2fs %9.2fs %8s\n' "$step" "${best[baseline.$step]}" "${best[candidate.$step]}" \
    "$(ratio "${best[candidate.$step]}" "${best[baseline.$step]}")"
done
echo "input: $corpus ($works works), analyze on $joint joint papers; best of $rounds alternating rounds; $machine"
mkdir -p bench/results
out=bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ).json
cat > "$out" <<EOF
{"baseline": "$baseline", "candidate": "$candidate", "corpus": "$corpus", "works": $works,
 "analyze_joint_papers": $joint, "rounds": $rounds, "machine": "$machine",
 "seconds": {"baseline": {"dry_run": ${best[baseline.dry]}, "scan": ${best[baseline.scan]}, "analyze": ${best[baseline.analyze]}},
             "candidate": {"dry_run": ${best[candidate.dry]}, "scan": ${best[candidate.scan]}, "analyze": ${best[candidate.analyze]}}},
 "ratio_candidate_to_baseline": {"dry_run": $(ratio "${best[candidate.dry]}" "${best[baseline.dry]}"),
   "scan": $(ratio "${best[candidate.scan]}" "${best[baseline.scan]}"), "analyze": $(ratio "${best[candidate.analyze]}" "${best[baseline.analyze]}")}}
EOF
echo "written: $out"
