#!/usr/bin/env bash
# Sets up, builds, and runs the main job on the bundled sample: scans data/sample/openalex with the
# default study (studies/ai-europe-china.toml) into out/sample/study.db and prints the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
mkdir -p out/sample
build/entangle scan data/sample/openalex --study studies/ai-europe-china.toml --db out/sample/study.db
echo
echo "Study database: out/sample/study.db  (schema: docs/schema.md; try: sqlite3 out/sample/study.db 'SELECT * FROM totals LIMIT 5')"
