#!/usr/bin/env bash
# The demo, in one command: sets up, builds (the compiler's output goes to out/build.log, with a
# one-line progress on a terminal), then runs the main job twice:
#   1. on the bundled REAL sample (data/sample/openalex: real OpenAlex records, only 6 joint works,
#      too few to show the exhibits) into out/sample/;
#   2. on a clearly labelled SYNTHETIC corpus (about 20,000 works and a synthetic Crunchbase
#      export, written in seconds by `entangle synth`, with known ground truth) into
#      out/demo-synthetic/, so every exhibit, the network and the investment tables have data.
# Each `entangle run` scans into a study database, computes every exhibit, the institution network
# and the HTML report, and prints its summary. The last lines say which report is which.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
build_log=out/build.log
echo "demo: building entangle (compiler output: $build_log)" >&2
progress() {  # ninja's "[12/262] ..." lines as one line that updates, only on a terminal
  local line
  while IFS= read -r line; do
    [[ -t 2 && $line =~ ^\[([0-9]+)/([0-9]+)\] ]] && printf '\rdemo: build step %s of %s ' "${BASH_REMATCH[1]}" \
      "${BASH_REMATCH[2]}" >&2
  done
  [[ -t 2 ]] && printf '\n' >&2
  return 0
}
if ! scripts/build.sh 2>&1 | tee "$build_log" | progress; then
  echo "demo: the build failed; the end of $build_log:" >&2
  tail -n 30 "$build_log" >&2
  exit 1
fi
echo "demo: build done" >&2

study=studies/ai-europe-china.toml
echo
echo "=== 1. The bundled REAL sample (data/sample/openalex: real OpenAlex records) ==="
build/entangle run "$study" --snapshot data/sample/openalex --out out/sample

synthetic=out/demo-synthetic
echo
echo "=== 2. A SYNTHETIC corpus (20,000 made-up works and a made-up Crunchbase export; not real data) ==="
rm -rf "$synthetic"
build/entangle synth --out "$synthetic/openalex" --works 20000 --seed 7 --crunchbase 1
build/entangle run "$study" --snapshot "$synthetic/openalex" --crunchbase "$synthetic/openalex/crunchbase" \
  --out "$synthetic"

echo
echo "Reports:"
echo "  REAL sample (6 joint works):        out/sample/report.html   (database out/sample/study.db)"
echo "  SYNTHETIC corpus (every exhibit):   $synthetic/report.html   (database $synthetic/study.db;"
echo "                                      its ground truth: $synthetic/openalex/ground_truth.json)"
echo "Schema of the databases: docs/schema.md. The build's log: $build_log."
