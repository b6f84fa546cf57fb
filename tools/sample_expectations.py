#!/usr/bin/env python3
"""Compute data/sample/expected.json: what `entangle scan` must report on the bundled sample.

Usage (from the project root):
    python3 tools/sample_expectations.py [--sample data/sample] [--check]

An independent implementation of docs/counting.md (Python 3 standard library only), for the
default study (studies/ai-europe-china.toml; the values are written out in STUDY below). It reads
<sample>/openalex/data/: every works file (updated_date=*/part_*.gz), merged_ids/works/*.csv.gz,
and the institutions/ and funders/ entity files, and checks every manifest against its files.
It knows nothing about how tools/make_sample.py built the sample.

--check: compare with the existing expected.json instead of writing it (exit 1 on difference).
"""
import argparse
import csv
import gzip
import io
import json
import re
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EU27 = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]

STUDY = {
    "name": "ai-europe-china",
    "groups": {
        "a": {"name": "Europe", "countries": sorted(EU27 + ["GB", "NO", "CH"])},
        "b": {"name": "China", "countries": ["CN", "HK"]},
    },
    "year_from": 2017,
    "year_to": 2022,
    "languages": ["en"],
    "include_unknown_language": False,
    "work_types": ["article", "review", "preprint", "book-chapter", "letter", "journal-article",
                   "proceedings-article", "posted-content"],
    "field": {
        "combine": "any",
        "concepts": {"ids": ["C154945302", "C119857082", "C31972630", "C108583219", "C204321447"],
                     "min_score": 0.3},
        "topics": {"subfield_ids": ["1702", "1707"], "primary_only": True, "min_score": 0.0},
    },
}

MAX_LINE = 100 * 1000 * 1000  # "Lines over 100 MB"
TWO_LETTERS = re.compile(r"[A-Za-z]{2}\Z")


def last_segment(value):
    """'https://openalex.org/W123' -> 'W123'; 'https://openalex.org/subfields/1702' -> '1702'."""
    return str(value).strip().rstrip("/").rsplit("/", 1)[-1]


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _reject_constant(name):
    raise ValueError("non-standard JSON constant %s" % name)


# ---------------------------------------------------------------------------------------------
# Reading


def read_gz_or_plain(path):
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def check_manifest(entity_dir, problems):
    """Checks <entity>/manifest against the updated_date=*/part_* files."""
    mpath = entity_dir / "manifest"
    files = sorted(p for p in entity_dir.glob("updated_date=*/*") if p.is_file())
    if not mpath.is_file():
        problems.append("%s: no manifest" % entity_dir)
        return files
    m = json.loads(mpath.read_text())
    listed = {}
    for e in m["entries"]:
        rel = e["url"].split("/data/%s/" % entity_dir.name, 1)[1]
        listed[rel] = e["meta"]
    total_len = total_n = 0
    for f in files:
        rel = f.relative_to(entity_dir).as_posix()
        lines = [l for l in read_gz_or_plain(f).split(b"\n") if l.strip()]
        if rel not in listed:
            problems.append("%s: not in manifest" % f)
            continue
        if listed[rel]["content_length"] != f.stat().st_size:
            problems.append("%s: size %d, manifest %d" % (f, f.stat().st_size, listed[rel]["content_length"]))
        if listed[rel]["record_count"] != len(lines):
            problems.append("%s: %d records, manifest %d" % (f, len(lines), listed[rel]["record_count"]))
        total_len += listed[rel]["content_length"]
        total_n += listed[rel]["record_count"]
    for rel in listed:
        if not (entity_dir / rel).is_file():
            problems.append("%s: listed in manifest, missing" % (entity_dir / rel))
    if (m["meta"]["content_length"], m["meta"]["record_count"]) != (total_len, total_n):
        problems.append("%s: manifest totals disagree with its entries" % mpath)
    return files


def partition_date(path):
    for part in path.parts:
        if part.startswith("updated_date="):
            return part[len("updated_date="):]
    return ""


def read_records(files, base, skipped, problems):
    """Yields (record, partition date, relative path, line number) and counts records/skips."""
    stats = {"records": 0, "works": 0}
    out = []
    for f in files:
        pdate = partition_date(f)
        rel = f.relative_to(base).as_posix()
        for lineno, raw in enumerate(read_gz_or_plain(f).split(b"\n"), start=1):
            if not raw.strip():
                continue
            stats["records"] += 1
            if len(raw) > MAX_LINE:
                skipped["line_too_long"] = skipped.get("line_too_long", 0) + 1
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                skipped["invalid_utf8"] = skipped.get("invalid_utf8", 0) + 1
                continue
            try:
                rec = json.loads(text, parse_constant=_reject_constant)
            except ValueError:
                skipped["malformed_json"] = skipped.get("malformed_json", 0) + 1
                continue
            if not isinstance(rec, dict):
                skipped["not_an_object"] = skipped.get("not_an_object", 0) + 1
                continue
            wid = rec.get("id")
            if not isinstance(wid, str) or not last_segment(wid):
                skipped["missing_id"] = skipped.get("missing_id", 0) + 1
                continue
            stats["works"] += 1
            out.append((rec, pdate, rel, lineno))
    return stats, out


def read_merged(files):
    ids = set()
    for f in files:
        text = read_gz_or_plain(f).decode("utf-8")
        for row in csv.DictReader(io.StringIO(text)):
            if row.get("id"):
                ids.add(last_segment(row["id"]))
    return ids


# ---------------------------------------------------------------------------------------------
# Rules


def in_scope(rec):
    y = rec.get("publication_year")
    if not (isinstance(y, int) and not isinstance(y, bool)):
        return False
    if not (STUDY["year_from"] <= y <= STUDY["year_to"]):
        return False
    lang = rec.get("language")
    if lang is None:
        if not STUDY["include_unknown_language"]:
            return False
    elif lang not in STUDY["languages"]:
        return False
    if STUDY["work_types"] and rec.get("type") not in STUDY["work_types"]:
        return False
    return True


def concept_rule(rec):
    rule = STUDY["field"]["concepts"]
    ids = set(rule["ids"])
    for c in rec.get("concepts") or []:
        if not isinstance(c, dict) or c.get("id") is None:
            continue
        score = c.get("score")
        score = score if is_number(score) else 0.0
        if last_segment(c["id"]) in ids and score >= rule["min_score"]:
            return True
    return False


def primary_topic(rec):
    # "primary_topic, or the first element of topics when primary_topic is absent"
    # (a null primary_topic is treated as absent; in this sample every null primary_topic comes
    # with an empty topics list, so the choice does not change any count).
    pt = rec.get("primary_topic")
    if isinstance(pt, dict):
        return pt
    topics = rec.get("topics")
    if isinstance(topics, list) and topics and isinstance(topics[0], dict):
        return topics[0]
    return None


def topic_rule(rec):
    rule = STUDY["field"]["topics"]
    topics = [primary_topic(rec)] if rule["primary_only"] else list(rec.get("topics") or [])
    for t in topics:
        if not isinstance(t, dict):
            continue
        score = t.get("score")
        score = score if is_number(score) else 0.0
        if score < rule["min_score"]:
            continue
        sub = t.get("subfield")
        if isinstance(sub, dict) and sub.get("id") is not None \
                and last_segment(sub["id"]) in rule["subfield_ids"]:
            return True
    return False


def field_relevant(rec):
    results = [concept_rule(rec), topic_rule(rec)]
    return any(results) if STUDY["field"]["combine"] == "any" else all(results)


def author_countries(rec, notes):
    """List (one entry per authorship) of sorted country lists."""
    out = []
    auths = rec.get("authorships")
    if not isinstance(auths, list):
        return out
    for a in auths:
        found = set()
        if isinstance(a, dict):
            values = []
            for inst in a.get("institutions") or []:
                if isinstance(inst, dict):
                    values.append(inst.get("country_code"))
            values.extend(a.get("countries") or [])
            for v in values:
                if v is None:
                    continue
                if isinstance(v, str) and TWO_LETTERS.match(v) and v.isascii():
                    found.add(v.upper())
                else:
                    notes["bad_country_code"] = notes.get("bad_country_code", 0) + 1
        out.append(sorted(found))
    return out


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", default=str(ROOT / "data" / "sample"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    sample = Path(args.sample)
    data = sample / "openalex" / "data"
    problems = []

    work_files = check_manifest(data / "works", problems)
    skipped = {}
    stats, records = read_records(work_files, sample / "openalex", skipped, problems)
    merged = read_merged(sorted((data / "merged_ids" / "works").glob("*.csv*")))

    entities = {}
    for entity in ("institutions", "funders"):
        files = check_manifest(data / entity, problems)
        ids = set()
        n = 0
        for f in files:
            for l in read_gz_or_plain(f).split(b"\n"):
                if l.strip():
                    n += 1
                    ids.add(last_segment(json.loads(l)["id"]))
        entities[entity] = len(ids)
        if len(ids) != n:
            problems.append("%s: %d records but %d distinct ids" % (entity, n, len(ids)))
    if problems:
        for p in problems:
            print("sample_expectations: problem: %s" % p, file=sys.stderr)
        sys.exit(1)

    # merged works are dropped before anything else; then dedupe by (updated_date, partition
    # date, path, line)
    merged_away = 0
    in_scope_records = 0
    copies = {}  # short id -> list of (key, record)
    for rec, pdate, rel, lineno in records:
        wid = last_segment(rec["id"])
        if wid in merged:
            merged_away += 1
            continue
        if in_scope(rec):
            in_scope_records += 1
        ud = rec.get("updated_date")
        eff = ud if isinstance(ud, str) and ud else (pdate or "")
        copies.setdefault(wid, []).append(((eff, pdate, rel, lineno), rec))

    notes = {}
    field = {}  # wid -> (year, per-author countries)
    duplicates = 0
    superseded_all = 0
    superseded_relevant_copies = 0
    for wid, lst in copies.items():
        lst.sort(key=lambda kr: kr[0])
        winner = lst[-1][1]
        superseded_all += len(lst) - 1
        superseded_relevant_copies += sum(1 for _, r in lst[:-1] if in_scope(r) and field_relevant(r))
        if in_scope(winner) and field_relevant(winner):
            field[wid] = (winner["publication_year"], author_countries(winner, notes))
            duplicates += len(lst) - 1

    group_a = set(STUDY["groups"]["a"]["countries"])
    group_b = set(STUDY["groups"]["b"]["countries"])
    joint_ids = []
    joint_by_year = {}
    joint_countries = {}
    whole = {}  # (unit, year) -> int
    frac = {}   # (unit, year) -> Fraction
    gwhole = {}
    gfrac = {}
    field_by_year = {}
    for wid, (year, per_author) in sorted(field.items()):
        ys = str(year)
        field_by_year[ys] = field_by_year.get(ys, 0) + 1
        countries = sorted(set(c for cs in per_author for c in cs))
        for c in countries:
            whole[(c, ys)] = whole.get((c, ys), 0) + 1
        n = len(per_author)
        unknown = False
        for cs in per_author:
            if cs:
                for c in cs:
                    frac[(c, ys)] = frac.get((c, ys), 0) + Fraction(1, n * len(cs))
            else:
                frac[("??", ys)] = frac.get(("??", ys), 0) + Fraction(1, n)
                unknown = True
        if unknown:  # "??": works with at least one author without a country
            whole[("??", ys)] = whole.get(("??", ys), 0) + 1
        for g, members in (("a", group_a), ("b", group_b)):
            if set(countries) & members:
                gwhole[(g, ys)] = gwhole.get((g, ys), 0) + 1
        if set(countries) & group_a and set(countries) & group_b:
            joint_ids.append(wid)
            joint_by_year[ys] = joint_by_year.get(ys, 0) + 1
            joint_countries[wid] = countries
    for (unit, ys), v in frac.items():
        for g, members in (("a", group_a), ("b", group_b)):
            if unit in members:
                gfrac[(g, ys)] = gfrac.get((g, ys), 0) + v

    def nest(w, f):
        out = {}
        for (unit, ys) in sorted(set(w) | set(f)):
            out.setdefault(unit, {})[ys] = {"whole": w.get((unit, ys), 0),
                                             "fractional": round(float(f.get((unit, ys), 0)), 9)}
        return out

    expected = {
        "description": "What `entangle scan` must report on data/sample/openalex with the default "
                       "study (studies/ai-europe-china.toml); rules: docs/counting.md. Generated by "
                       "tools/sample_expectations.py; do not edit by hand.",
        "records": stats["records"],
        "works": stats["works"],
        "in_scope": in_scope_records,
        "field_relevant": len(field),
        "joint": len(joint_ids),
        "duplicates": duplicates,
        "merged_away": merged_away,
        "skipped": dict(sorted(skipped.items())),
        "joint_by_year": dict(sorted(joint_by_year.items())),
        "field_relevant_by_year": dict(sorted(field_by_year.items())),
        "joint_work_ids": sorted(joint_ids),
        "joint_countries": dict(sorted(joint_countries.items())),
        "totals": {"country": nest(whole, frac), "group": nest(gwhole, gfrac)},
        "institutions": entities["institutions"],
        "funders": entities["funders"],
        "study": STUDY,
        "notes": {
            "duplicates": "superseded copies (any copy that lost deduplication) of works whose "
                          "winning copy is field-relevant",
            "in_scope": "records (after dropping merged works), superseded copies included",
            "??": "country unit for author shares without a country; its whole count is the "
                  "number of field-relevant works with at least one such author",
            "totals": "field-relevant works only; an entry exists exactly when its count is > 0; "
                      "fractional values rounded to 9 decimals",
            "superseded_copies_all_works": superseded_all,
            "superseded_copies_that_are_field_relevant": superseded_relevant_copies,
            "bad_country_code_in_field_relevant_works": notes.get("bad_country_code", 0),
        },
    }

    out_path = sample / "expected.json"
    text = json.dumps(expected, indent=1, ensure_ascii=False) + "\n"
    if args.check:
        if not out_path.is_file() or out_path.read_text() != text:
            print("sample_expectations: %s is out of date" % out_path, file=sys.stderr)
            sys.exit(1)
        print("sample_expectations: %s is up to date" % out_path)
    else:
        out_path.write_text(text)

    print("records %d, works %d, merged_away %d, in_scope %d (records), field_relevant %d, "
          "joint %d, duplicates %d, skipped %s" % (
              expected["records"], expected["works"], merged_away, in_scope_records, len(field),
              len(joint_ids), duplicates, expected["skipped"] or "{}"))
    print("joint_by_year %s" % json.dumps(expected["joint_by_year"]))
    print("field_relevant_by_year %s" % json.dumps(expected["field_relevant_by_year"]))
    for wid in sorted(joint_ids):
        print("  joint %s %s %s" % (wid, field[wid][0], " ".join(joint_countries[wid])))
    ga = expected["totals"]["group"].get("a", {})
    gb = expected["totals"]["group"].get("b", {})
    print("group a (Europe) whole by year %s" % json.dumps({y: v["whole"] for y, v in ga.items()}))
    print("group b (China)  whole by year %s" % json.dumps({y: v["whole"] for y, v in gb.items()}))
    print("institutions %d, funders %d" % (entities["institutions"], entities["funders"]))


if __name__ == "__main__":
    main()
