#!/usr/bin/env python3
"""Samples the works a study's field definition matches, for a person to judge (issue 21).

Usage (from the project root, after the build):
    python3 tools/field_precision.py STUDY.toml [--input WORKS.jsonl.gz] [--sample 30] [--seed 1]

The field is the point, not the pair: the study's groups are replaced by every country on both
sides and its scope by all years, languages and types, so that every work the field matches and
that names at least one country is kept (a work with no country at all is not: entangle needs a
country to place a work). `entangle scan` applies the definition (the same code as any study),
then up to --sample matched works are drawn with a fixed seed and printed as a Markdown table
(id, year, primary topic, title) with an empty "judged" column to fill in. Python 3 standard
library only; the input defaults to the project's real OpenAlex records in ../shared.
"""
import argparse
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("study")
    parser.add_argument("--input", default=os.path.join(ROOT, "..", "shared", "data", "openalex", "works-real.jsonl.gz"))
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--entangle", default=os.path.join(ROOT, "build", "entangle"))
    args = parser.parse_args()

    countries = ", ".join(f'"{c}"' for c in all_countries())
    study = (f'name = "Field check: {os.path.basename(args.study)}"\n'
             f"[groups.a]\nname = \"Everywhere\"\ncountries = [{countries}]\n"
             f"[groups.b]\nname = \"Everywhere too\"\ncountries = [{countries}]\n"
             "[scope]\nyears = [1900, 2100]\ninclude_unknown_language = true\n\n" + field_text(args.study))
    with tempfile.TemporaryDirectory() as tmp:
        study_path = os.path.join(tmp, "study.toml")
        with open(study_path, "w", encoding="utf-8") as f:
            f.write(study)
        db = os.path.join(tmp, "field.db")
        run = subprocess.run([args.entangle, "scan", args.input, "--study", study_path, "--db", db, "--progress", "none"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"entangle scan failed ({run.returncode}):\n{run.stderr}{run.stdout}")
        con = sqlite3.connect(db)
        rows = con.execute(
            "SELECT w.id, w.publication_year, w.title, "
            "(SELECT t.display_name FROM work_topics t WHERE t.work_id = w.id AND t.is_primary = 1) "
            "FROM works w ORDER BY w.id").fetchall()
    picked = random.Random(args.seed).sample(rows, min(args.sample, len(rows)))
    print(f"{os.path.relpath(args.study, ROOT)}: {len(rows)} matched works with a country in "
          f"{os.path.basename(args.input)}; {len(picked)} drawn (seed {args.seed})\n")
    print("| work | year | primary topic | title | judged |")
    print("|---|---|---|---|---|")
    for work_id, year, title, topic in sorted(picked):
        clean = (title or "").replace("|", "/").replace("\n", " ")
        print(f"| {work_id} | {year} | {topic or ''} | {clean} | |")


if __name__ == "__main__":
    main()
