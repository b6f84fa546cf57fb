#!/usr/bin/env bash
# The scan-vs-decompression ratio on real OpenAlex records, compressed like the snapshot's files.
# Builds (once) a snapshot directory under bench/corpora/ from the 1,864 real works of
# ../shared/data/openalex/works-real.jsonl.gz, repeated with fresh work ids (W<id><copy>, so that
# nothing is a duplicate) and gzipped with GNU gzip -6 (the snapshot's files carry gzip's default
# header, not ISA-L's level 1 of the synthetic corpora), then runs bench/scan-vs-inflate.sh on it.
# Usage: bench/real-replica.sh [--files F] [--copies C] [--threads N] [--repeat R] [--build-only]
#   F files of C copies each (default 16 x 12: about 1 GB gzipped, 6 GB of JSON, 358k records).
#   --build-only: build the corpus (if missing), print its path, time nothing (bench/parquet-replica.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
files=16; copies=12; threads=$(nproc); repeat=3; build_only=0
while (($#)); do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --copies) copies=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --build-only) build_only=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source_file=${ENTANGLE_SHARED_DIR:-../shared}/data/openalex/works-real.jsonl.gz
[[ -f "$source_file" ]] || { echo "missing $source_file (the shared reference data)" >&2; exit 2; }
corpus="bench/corpora/real-replica-${files}x${copies}"
if [[ ! -f "$corpus/.complete" ]]; then
  echo "building $corpus ($files files of $copies copies of the real works)..." >&2
  rm -rf "$corpus"
  dir="$corpus/data/works/updated_date=2023-05-16"
  mkdir -p "$dir"
  write_part() {  # part index -> one gzipped part file of `copies` renamed copies of every record
    set -o pipefail
    python3 - "$source_file" "$1" "$copies" <<'PY' | gzip -6 > "$dir/part_$(printf %03d "$1").gz"
import gzip, json, re, sys
path, part, copies = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = gzip.open(path, "rt", encoding="utf-8", newline="\n").read().split("\n")  # not splitlines: U+2028 is text
lines = [line for line in lines if line]
head = re.compile(r'^\{"id": ?"https://openalex\.org/W(\d+)"')
out = sys.stdout
for c in range(copies):
    suffix = f"{part * copies + c:04d}"
    for line in lines:
        m = head.match(line)
        if m:
            out.write(line[:m.start(1)] + m.group(1) + suffix + line[m.end(1):] + "\n")
        else:  # the id is not the first key: rewrite it through the parser
            record = json.loads(line)
            record["id"] += suffix
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
PY
  }
  export -f write_part; export dir copies source_file
  seq 0 $((files - 1)) | xargs -P "$threads" -I{} bash -c 'write_part {}' || { echo "building $corpus failed" >&2; exit 1; }
  python3 - "$corpus" "$copies" <<'PY'  # the manifest, as in the snapshot: s3 urls, sizes, record counts
import glob, gzip, json, os, sys
corpus, copies = sys.argv[1], int(sys.argv[2])
entries = []
for path in sorted(glob.glob(f"{corpus}/data/works/*/part_*.gz")):
    with gzip.open(path, "rb") as f:
        records = sum(1 for _ in f)
    url = "s3://openalex/" + os.path.relpath(path, corpus)
    entries.append({"url": url, "meta": {"content_length": os.path.getsize(path), "record_count": records}})
meta = {k: sum(e["meta"][k] for e in entries) for k in ("content_length", "record_count")}
json.dump({"entries": entries, "meta": meta}, open(f"{corpus}/data/works/manifest", "w"), indent=1)
PY
  touch "$corpus/.complete"
fi
if ((build_only)); then echo "$corpus"; exit 0; fi
bench/scan-vs-inflate.sh --corpus "$corpus" --threads "$threads" --repeat "$repeat"
