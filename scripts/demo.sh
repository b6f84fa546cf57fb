#!/usr/bin/env bash
# Sets up, builds, and runs the main job on the bundled sample: `entangle run` scans
# data/sample/openalex with the default study (studies/ai-europe-china.toml), computes every
# exhibit, the institution network and the HTML report into out/sample/, and prints the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build/entangle run studies/ai-europe-china.toml --snapshot data/sample/openalex --out out/sample
echo
echo "Report: out/sample/report.html   Study database: out/sample/study.db (schema: docs/schema.md)"
