#!/usr/bin/env bash
# Times `entangle analyze` (every exhibit) on a study database of ~1 million joint papers.
# The database is a real scan of a generated corpus whose joint works are replicated under new
# ids (SQL, every work_* table), so exhibits see realistic structure at the target size.
# Usage: bench/analyze-1m.sh --db SCANNED.db [--copies K] [--keep OUT.db]
#   --copies: default enough for >= 1,000,000 joint papers; --keep: keep the replicated database
#   at OUT.db (and reuse it when it already exists) instead of rebuilding it every run.
set -euo pipefail
cd "$(dirname "$0")/.."
src=""; copies=0; keep=""
while (($#)); do
  case "$1" in
    --db) src=$2; shift 2 ;;
    --copies) copies=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -f "$src" ]] || { echo "usage: bench/analyze-1m.sh --db SCANNED.db [--copies K]" >&2; exit 2; }
bin=${ENTANGLE_BUILD_DIR:-build}/entangle
joint=$(sqlite3 "$src" "SELECT count(*) FROM works")
((copies > 0)) || copies=$(( (1000000 + joint - 1) / joint ))
db=${keep:-$(mktemp -u /tmp/entangle-analyze-1m.XXXXXX.db)}
if [[ -n "$keep" && -f "$keep" ]]; then
  reuse=1
else
  reuse=0
  cp "$src" "$db"
fi
tables=$(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'work\_%' ESCAPE '\\'")
if ((reuse == 0)); then
declare -A columns  # read before the writing session below locks the file
for t in $tables; do
  columns[$t]=$(sqlite3 "$db" "SELECT group_concat(CASE name WHEN 'work_id' THEN 'work_id || ''xKK''' ELSE name END, ', ') FROM pragma_table_info('$t')")
done
{
  echo "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
  for ((k = 1; k < copies; k++)); do
    echo "INSERT INTO works SELECT id || 'x$k', doi, title, abstract, publication_year, publication_date, language, type, updated_date, cited_by_count, fwci, countries, source_file, source_line FROM works WHERE id NOT LIKE '%x%';"
    for t in $tables; do
      cols=${columns[$t]//xKK/x$k}
      echo "INSERT INTO $t SELECT $cols FROM $t WHERE work_id NOT LIKE '%x%';"
    done
  done
  echo "COMMIT;"
} | sqlite3 "$db" >/dev/null
fi
n=$(sqlite3 "$db" "SELECT count(*) FROM works")
/usr/bin/time -f "%e %M" -o /tmp/entangle-analyze-1m.time "$bin" analyze --db "$db" --out "$(mktemp -d)" >/dev/null
read -r seconds rss < /tmp/entangle-analyze-1m.time
[[ -n "$keep" ]] || rm -f "$db"
printf '{"joint_papers": %s, "copies": %s, "analyze_seconds": %s, "peak_rss_mb": %s}\n' "$n" "$copies" "$seconds" "$((rss / 1024))"
