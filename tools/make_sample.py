#!/usr/bin/env python3
"""Build the bundled sample corpus data/sample/openalex/ from the reference data in ../shared.

Usage (from the project root):
    python3 tools/make_sample.py [--shared ../shared] [--out data/sample]

Python 3 standard library only; no network; deterministic (the same input gives the same bytes:
gzip members are written with mtime=0 and no file name).

Layout written (the official OpenAlex snapshot layout):
    <out>/openalex/data/works/updated_date=<date>/part_000.gz      (3 partitions) + manifest
    <out>/openalex/data/merged_ids/works/<date>.csv.gz               (merge_date,id,merge_into_id)
    <out>/openalex/data/institutions/updated_date=<date>/part_000.gz + manifest
    <out>/openalex/data/funders/updated_date=<date>/part_000.gz      + manifest

Works: every distinct work (by short id) of works-real.jsonl.gz, the 2023 snapshot slice and the
Walden 2025 works, each written once with its original line bytes, into the partition given by
its own updated_date (the first partition whose date is >= the record's date, else the newest);
a Walden work without updated_date goes to 2025-11-11 (its file's date), any other work without
updated_date to a partition chosen by SHA-256 of its short id.

Then, for the works listed in OLDER_COPIES, an OLDER, deliberately modified copy is written into
an older partition, with an older updated_date (or none, so that the older partition date
applies). The newer copy must win (docs/counting.md); if the old copy won, the counts would
change. MERGED lists work ids written to merged_ids (these merges are synthetic: the ids are real
works of the corpus, the merges are not real OpenAlex merges).

The script does not compute the expected counts: tools/sample_expectations.py does, independently.
"""
import argparse
import copy
import gzip
import hashlib
import io
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PARTITIONS = ["2023-05-16", "2024-06-01", "2025-11-11"]  # works partitions, oldest first

SOURCES = {
    "slice_works": "data/openalex/snapshot-2023/data/works/updated_date=2023-05-16/part_000.gz",
    "walden_works": "data/openalex/walden-2025/works_schema_2025-11-11.jsonl",
    "real_works": "data/openalex/works-real.jsonl.gz",
    "slice_institutions": "data/openalex/snapshot-2023/data/institutions/updated_date=2023-09-04/part_000.gz",
    "walden_institutions": "data/openalex/walden-2025/schema_institutions_2025-11-11.jsonl",
    "slice_funders": "data/openalex/snapshot-2023/data/funders/updated_date=2023-09-15/part_000.gz",
    "walden_funders": "data/openalex/walden-2025/funders_schema_2023-02-13.jsonl",
}


def short_id(value):
    return str(value).rstrip("/").rsplit("/", 1)[-1]


# ---------------------------------------------------------------------------------------------
# Deliberate modifications of the OLDER copies (the newer, unmodified copy must win).
# Each function receives a deep copy of the real record and changes it in place.


def _set_year(year):
    def change(rec):
        rec["publication_year"] = year
        if isinstance(rec.get("publication_date"), str):
            rec["publication_date"] = "%d%s" % (year, rec["publication_date"][4:])
    return change


def _drop_country(code):
    """Remove every institution with this country code, and the code from countries[]."""
    def change(rec):
        removed = 0
        for a in rec.get("authorships") or []:
            insts = a.get("institutions")
            if isinstance(insts, list):
                keep = [i for i in insts if not (isinstance(i, dict) and i.get("country_code") == code)]
                removed += len(insts) - len(keep)
                a["institutions"] = keep
            if isinstance(a.get("countries"), list):
                a["countries"] = [c for c in a["countries"] if c != code]
        assert removed, "no %s institution to remove" % code
    return change


def _set_language(lang):
    def change(rec):
        rec["language"] = lang
    return change


def _author_country(index, code):
    """Set the country of every institution of authorship `index` (and its countries[])."""
    def change(rec):
        a = rec["authorships"][index]
        assert a.get("institutions"), "authorship has no institution"
        for i in a["institutions"]:
            i["country_code"] = code
        a["countries"] = [code]
    return change


def _primary_subfield(sub_id, sub_name):
    def change(rec):
        pt = rec["primary_topic"]
        assert isinstance(pt, dict)
        pt["subfield"] = {"id": "https://openalex.org/subfields/%s" % sub_id, "display_name": sub_name}
    return change


# id, partition of the old copy, updated_date of the old copy (None: key removed), change, why
OLDER_COPIES = [
    ("W3212386989", "2024-06-01", "2024-05-28T09:12:44.118311", _set_year(2016),
     "in-scope AI joint work (CN+GB, 2022); the old copy says publication_year 2016 "
     "(out of 2017-2022): if it won, joint and field_relevant would drop by 1. The newer copy has "
     "no updated_date, so its partition date 2025-11-11 applies."),
    ("W3170841864", "2023-05-16", None, _drop_country("GB"),
     "in-scope AI joint work (CN+GB+IL, 2021); the old copy lost its GB (University of Oxford, "
     "University of Surrey) affiliations: if it won, the work would be AI but not joint. Neither "
     "copy has updated_date: the partition dates (2023-05-16 < 2024-06-01) decide."),
    ("W2560647685", "2024-06-01", "2024-02-19T17:03:55.480123", _set_language(None),
     "in-scope AI work (GB only, 2017); the old copy has language null: if it won, the work "
     "would be out of scope (GB 2017 totals would drop)."),
    ("W3081770016", "2023-05-16", "2023-05-16", _author_country(2, "CN"),
     "in-scope AI work (DE+GB, 2020, not joint); in the old copy the third author's institution "
     "(Helmholtz-Zentrum Berlin) carries country_code CN: if it won, the work would be joint "
     "and DE would lose it. The old updated_date is a bare date."),
    ("W1614298861", "2024-06-01", "2024-01-10", _set_year(2019),
     "AI work with CN+CZ authors published 2013 (out of scope); the old copy says 2019: if it "
     "won, joint would rise by 1. Tests that a newer copy that is NOT field-relevant still "
     "supersedes a field-relevant older copy."),
    ("W4281630983", "2023-05-16", "2022-12-01T08:00:00.000000",
     _primary_subfield("1702", "Artificial Intelligence"),
     "in-scope non-AI joint-country work (BE+NO+CN, 2022, primary topic in Statistics); the old "
     "copy's primary topic is in subfield 1702: if it won, field_relevant and joint would rise "
     "by 1."),
]

# merged works (synthetic merges of real ids): (merge_date file, id, merge_into_id, why)
MERGED = [
    ("2024-06-01", "W2600702321", "W2552383788", "in-scope AI work (GB+NL, 2017)"),
    ("2024-06-01", "W3035022492", "W2996899616", "in-scope AI work (CN, 2020)"),
    ("2025-11-11", "W2023155726", "W2168201538", "out-of-scope non-AI work (US, 2009)"),
]


# ---------------------------------------------------------------------------------------------


def read_lines(path):
    """Non-empty lines (bytes, without the newline) of a plain or gzipped JSON Lines file."""
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return [line for line in data.split(b"\n") if line.strip()]


def gzip_bytes(payload):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as f:
        f.write(payload)
    return buf.getvalue()


def write_entity(out_data, entity, parts):
    """parts: list of (partition date, file bytes (gz), record count). Writes files + manifest."""
    folder = out_data / entity
    entries = []
    for date, gz, count in sorted(parts):
        p = folder / ("updated_date=%s" % date) / "part_000.gz"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(gz)
        entries.append({
            "url": "s3://openalex/data/%s/updated_date=%s/part_000.gz" % (entity, date),
            "meta": {"content_length": len(gz), "record_count": count},
        })
    manifest = {
        "entries": entries,
        "meta": {
            "content_length": sum(e["meta"]["content_length"] for e in entries),
            "record_count": sum(e["meta"]["record_count"] for e in entries),
        },
    }
    (folder / "manifest").write_text(json.dumps(manifest, indent=1) + "\n")
    return entries


def partition_for(rec, sid, source):
    ud = rec.get("updated_date")
    if source == "walden_works" and not (isinstance(ud, str) and ud):
        return "2025-11-11"  # the date of the Walden works file
    if isinstance(ud, str) and ud:
        day = ud[:10]
        for p in PARTITIONS:
            if day <= p:
                return p
        return PARTITIONS[-1]
    h = int(hashlib.sha256(sid.encode("ascii")).hexdigest(), 16)
    return PARTITIONS[h % len(PARTITIONS)]


def effective_date(rec, partition):
    ud = rec.get("updated_date")
    return ud if isinstance(ud, str) and ud else partition


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"),
                    help="the shared reference folder (default: ../shared from the project root)")
    ap.add_argument("--out", default=str(ROOT / "data" / "sample"), help="output folder")
    args = ap.parse_args()
    shared = Path(args.shared)
    out = Path(args.out)
    out_data = out / "openalex" / "data"
    for key, rel in SOURCES.items():
        if not (shared / rel).is_file():
            sys.exit("make_sample: missing source %s" % (shared / rel))

    # ---- works: dedupe by short id (snapshot slice first, then Walden, then works-real) -------
    works = {}  # short id -> (line bytes, parsed record, source)
    order = []
    differing = []
    for key in ("slice_works", "walden_works", "real_works"):
        for line in read_lines(shared / SOURCES[key]):
            rec = json.loads(line)
            sid = short_id(rec["id"])
            if sid in works:
                if works[sid][1] != rec:
                    differing.append(sid)
                continue
            works[sid] = (line, rec, key)
            order.append(sid)
    if differing:
        print("make_sample: note: %d ids with differing copies in the sources; the first kept: %s"
              % (len(differing), ", ".join(differing[:10])), file=sys.stderr)

    by_part = {p: [] for p in PARTITIONS}
    placed = {}
    for sid in order:
        line, rec, source = works[sid]
        p = partition_for(rec, sid, source)
        placed[sid] = p
        by_part[p].append(line)

    merged_ids = {m[1] for m in MERGED}
    for sid, old_part, old_ud, change, _ in OLDER_COPIES:
        assert sid in works, "%s not in the corpus" % sid
        assert sid not in merged_ids
        line, rec, _ = works[sid]
        new_part = placed[sid]
        assert old_part < new_part, "%s: old partition %s not older than %s" % (sid, old_part, new_part)
        old = copy.deepcopy(rec)
        change(old)
        if old_ud is None:
            old.pop("updated_date", None)
        else:
            old["updated_date"] = old_ud
        assert old != rec
        assert effective_date(old, old_part) < effective_date(rec, new_part), sid
        by_part[old_part].append(json.dumps(old, ensure_ascii=False).encode("utf-8"))
    for _, sid, into, _ in MERGED:
        assert sid in works and into in works and sid != into, sid

    if (out / "openalex").exists():
        shutil.rmtree(out / "openalex")
    out_data.mkdir(parents=True)

    work_parts = []
    for p in PARTITIONS:
        payload = b"".join(l + b"\n" for l in by_part[p])
        work_parts.append((p, gzip_bytes(payload), len(by_part[p])))
    write_entity(out_data, "works", work_parts)

    # ---- merged ids ---------------------------------------------------------------------------
    mdir = out_data / "merged_ids" / "works"
    mdir.mkdir(parents=True)
    for date in sorted({m[0] for m in MERGED}):
        rows = ["merge_date,id,merge_into_id"] + [
            "%s,%s,%s" % (d, sid, into) for d, sid, into, _ in MERGED if d == date]
        (mdir / ("%s.csv.gz" % date)).write_bytes(gzip_bytes(("\n".join(rows) + "\n").encode()))

    # ---- institutions and funders --------------------------------------------------------------
    def entity_parts(slice_key, slice_date, walden_key, walden_date):
        slice_gz = (shared / SOURCES[slice_key]).read_bytes()  # copied byte for byte
        slice_n = len(read_lines(shared / SOURCES[slice_key]))
        walden_raw = (shared / SOURCES[walden_key]).read_bytes()  # as given (no final newline)
        walden_n = len(read_lines(shared / SOURCES[walden_key]))
        ids_a = {short_id(json.loads(l)["id"]) for l in read_lines(shared / SOURCES[slice_key])}
        ids_b = {short_id(json.loads(l)["id"]) for l in read_lines(shared / SOURCES[walden_key])}
        assert not ids_a & ids_b
        return [(slice_date, slice_gz, slice_n), (walden_date, gzip_bytes(walden_raw), walden_n)]

    inst = write_entity(out_data, "institutions",
                        entity_parts("slice_institutions", "2023-09-04", "walden_institutions", "2025-11-11"))
    fund = write_entity(out_data, "funders",
                        entity_parts("slice_funders", "2023-09-15", "walden_funders", "2023-02-13"))

    total = sum(os.path.getsize(p) for p in out.joinpath("openalex").rglob("*") if p.is_file())
    print("make_sample: %d distinct works (%s), %d older copies, %d merged ids -> %s (%.1f MB)" % (
        len(order), ", ".join("%s: %d" % (p, len(by_part[p])) for p in PARTITIONS),
        len(OLDER_COPIES), len(MERGED), out / "openalex", total / 1e6))
    print("make_sample: institutions %d, funders %d" % (
        sum(e["meta"]["record_count"] for e in inst), sum(e["meta"]["record_count"] for e in fund)))


if __name__ == "__main__":
    main()
