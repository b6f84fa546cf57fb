#!/usr/bin/env python3
"""Samples the works a study's field definition matches, for a person to judge (issue 21).

Usage (from the project root, after the build):
    python3 tools/field_precision.py STUDY.toml [--input WORKS.jsonl.gz] [--sample 30] [--seed 1]

The field is the point, not the pair: the study's groups are replaced by every country on both
sides and its scope by all years, languages and types, so that every work the field matches is
kept. entangle needs a country to place a work, and a third of the real records name none (old
and single-author works): such a work is given the placeholder country AQ in a temporary copy of
the input, which the field rules never read (--countries-only leaves them out instead). The inputs
(--input, repeatable) default to every file of real OpenAlex works in ../shared/data/openalex
(works-real.jsonl.gz, the 2023 snapshot slice, the Walden works, the API pages), and --extra-input
(repeatable) adds files to those; a work in several files is taken once, in its newest copy
(updated_date). `entangle scan` applies the definition (the
same code as any study), then up to --sample matched works are drawn with a fixed seed and printed
as a Markdown table (id, year, primary topic, title, what matched it) with an empty "judged" column
to fill in. "What matched it" names each of the field's rules that matches the work on its own
(topics, concepts, work_ids, and the keyword rule split by place: title, abstract, keywords, each
with the terms looked for there), each found by a scan of its own with entangle.

    python3 tools/field_precision.py --topics-seen > studies/critical-tech/topics-seen.tsv

lists every OpenAlex topic named in those records (the list the study files' topic ids must come
from; select's CriticalTech test checks them against it). Python 3 standard library only.
"""
import argparse
import glob
import gzip
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def all_countries():
    with open(os.path.join(ROOT, "src/select/countries.cc"), encoding="utf-8") as f:
        return sorted(set(re.findall(r'\{"([A-Z]{2})", ', f.read())))


def field_text(study_path):
    with open(study_path, encoding="utf-8") as f:
        text = f.read()
    at = re.search(r"^\[field\]", text, re.M)
    if not at:
        sys.exit(f"{study_path}: no [field] section")
    return text[at.start():]


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    sys.exit(f"cannot write {value!r} back as TOML")


def rule_fields(study_path):
    """Each rule of the study's field alone, as [field] text: {label: text}. The keyword rule is
    split by place, each part with the terms looked for there (a term's own `in`, else the rule's)."""
    with open(study_path, "rb") as f:
        field = tomllib.load(f).get("field", {})
    rules = {}
    for name in ("topics", "concepts", "work_ids"):
        if name in field:
            body = "".join(f"{k} = {toml_value(v)}\n" for k, v in field[name].items())
            rules[name] = f"[field]\n[field.{name}]\n{body}"
    keywords = field.get("keywords")
    if keywords:
        rule_in = keywords.get("in", ["title", "abstract"])
        for place in ("title", "abstract", "keywords"):
            terms = [t if isinstance(t, str) else t["term"] for t in keywords["terms"]
                     if place in (rule_in if isinstance(t, str) else t.get("in", rule_in))]
            if terms:
                rules[place] = f"[field]\n[field.keywords]\nterms = {toml_value(terms)}\nin = [\"{place}\"]\n"
    return rules


SHARED = os.path.join(ROOT, "..", "shared", "data", "openalex")
PLACEHOLDER = "AQ"  # Antarctica: a valid country, so both sides' lists hold it


def default_inputs():
    return ([os.path.join(SHARED, "works-real.jsonl.gz")]
            + sorted(glob.glob(os.path.join(SHARED, "snapshot-2023", "data", "works", "*", "*.gz")))
            + sorted(glob.glob(os.path.join(SHARED, "walden-2025", "works*.jsonl")))
            + sorted(glob.glob(os.path.join(SHARED, "api-pages", "works-*.json"))))


def read_works(path):
    """Yields (line number or index, record) of a JSON Lines file (gzipped or not) or an API page."""
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            for i, work in enumerate(json.load(f)["results"], 1):
                yield i, work
        return
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if line.strip():
                yield i, json.loads(line)


def short_id(work):
    return str(work.get("id") or "").rsplit("/", 1)[-1]


def merged_works(paths):
    """Every distinct work of the inputs, its newest copy; counts per input for the report."""
    works, per_input = {}, []
    for path in paths:
        n = 0
        for where, work in read_works(path):
            key = short_id(work)
            if not key:
                sys.exit(f"{path}:{where}: a work without an id")
            n += 1
            old = works.get(key)
            if old is None or str(work.get("updated_date") or "") > str(old.get("updated_date") or ""):
                works[key] = work
        per_input.append((path, n))
    return works, per_input


def has_country(work):
    for a in work.get("authorships") or []:
        if a.get("countries") or any(i.get("country_code") for i in a.get("institutions") or []):
            return True
    return False


def with_placeholder_country(work):
    work = dict(work)
    authorships = [dict(a) for a in work.get("authorships") or []]
    if not authorships:
        authorships = [{"author_position": "first", "author": {"id": None, "display_name": ""}, "institutions": []}]
    authorships[0]["countries"] = [PLACEHOLDER]
    work["authorships"] = authorships
    return work


def topics_seen(works):
    seen = {}
    for key, work in sorted(works.items()):
        primary = short_id(work.get("primary_topic") or {})
        for t in work.get("topics") or []:
            tid = short_id(t)
            row = seen.setdefault(tid, {"name": t.get("display_name", ""), "subfield": short_id(t.get("subfield") or {}),
                                        "primary": 0, "any": 0, "example": key})
            row["any"] += 1
            row["primary"] += tid == primary
    print("# OpenAlex topics named in the project's real works (tools/field_precision.py --topics-seen):")
    print("# topic id, display name, subfield id, works with it as primary topic, works with it at all, one such work.")
    print("topic\tname\tsubfield\tprimary\tany\texample")
    for tid in sorted(seen, key=lambda t: int(t[1:])):
        r = seen[tid]
        print(f"{tid}\t{r['name']}\t{r['subfield']}\t{r['primary']}\t{r['any']}\t{r['example']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("study", nargs="?")
    parser.add_argument("--input", action="append", help="works file (repeatable); default: every real one in ../shared")
    parser.add_argument("--extra-input", action="append", default=[],
                        help="works file read after the --input files or the defaults (repeatable)")
    parser.add_argument("--countries-only", action="store_true", help="leave out works that name no country")
    parser.add_argument("--topics-seen", action="store_true", help="print the topics the inputs name, and stop")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--entangle", default=os.path.join(ROOT, "build", "entangle"))
    args = parser.parse_args()
    works, per_input = merged_works((args.input or default_inputs()) + args.extra_input)
    if args.topics_seen:
        topics_seen(works)
        return
    if not args.study:
        parser.error("a study file is needed (or --topics-seen)")
    countryless = {k for k, w in works.items() if not has_country(w)}

    countries = ", ".join(f'"{c}"' for c in all_countries())
    header = (f'name = "Field check: {os.path.basename(args.study)}"\n'
              f"[groups.a]\nname = \"Everywhere\"\ncountries = [{countries}]\n"
              f"[groups.b]\nname = \"Everywhere too\"\ncountries = [{countries}]\n"
              "[scope]\nyears = [1900, 2100]\ninclude_unknown_language = true\n\n")
    with tempfile.TemporaryDirectory() as tmp:
        input_path = os.path.join(tmp, "works.jsonl.gz")
        with gzip.open(input_path, "wt", encoding="utf-8") as f:
            for key, work in sorted(works.items()):
                if key in countryless:
                    if args.countries_only:
                        continue
                    work = with_placeholder_country(work)
                f.write(json.dumps(work, ensure_ascii=False) + "\n")

        def scan(name, field):  # -> the study database of the field's matches
            study_path = os.path.join(tmp, name + ".toml")
            with open(study_path, "w", encoding="utf-8") as f:
                f.write(header + field)
            db = os.path.join(tmp, name + ".db")
            run = subprocess.run([args.entangle, "scan", input_path, "--study", study_path, "--db", db,
                                  "--progress", "none"], capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"entangle scan failed ({run.returncode}):\n{run.stderr}{run.stdout}")
            return sqlite3.connect(db)

        rows = scan("field", field_text(args.study)).execute(
            "SELECT w.id, w.publication_year, w.title, "
            "(SELECT t.display_name FROM work_topics t WHERE t.work_id = w.id AND t.is_primary = 1) "
            "FROM works w ORDER BY w.id").fetchall()
        matched_by = {}
        for label, field in rule_fields(args.study).items():
            for (work_id,) in scan("rule-" + label, field).execute("SELECT id FROM works"):
                matched_by.setdefault(work_id, []).append(label)
    picked = random.Random(args.seed).sample(rows, min(args.sample, len(rows)))
    inputs = ", ".join(f"{os.path.basename(p)} ({n})" for p, n in per_input)
    no_country = sum(1 for r in rows if r[0] in countryless)
    kept = "left out" if args.countries_only else "given the placeholder country"
    print(f"{os.path.relpath(os.path.abspath(args.study), ROOT)}: {len(rows)} matched of {len(works)} distinct works "
          f"({no_country} of them name no country; {len(countryless)} such works {kept}); "
          f"{len(picked)} drawn (seed {args.seed}). Inputs (records): {inputs}\n")
    print("| work | year | primary topic | title | matched by | judged |")
    print("|---|---|---|---|---|---|")
    for work_id, year, title, topic in sorted(picked):
        clean = (title or "").replace("|", "/").replace("\n", " ")
        print(f"| {work_id} | {year} | {topic or ''} | {clean} | {', '.join(matched_by.get(work_id, []))} | |")


if __name__ == "__main__":
    main()
