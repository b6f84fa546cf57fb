#!/usr/bin/env python3
"""Rebuilds data/registry/aspi-unitracker-2020.csv from the reference copies in ../shared.

Run from the project root (Python 3 standard library only, deterministic):

    python3 data/registry/tools/make_aspi_registry.py

Inputs (read-only, ../shared/data/reference and ../shared/data/openalex):
  - aspi-unitracker-2020-misp-galaxy.json: names, aliases, categories, supervising agencies,
    defence laboratories, page URLs. MISP galaxy, CC0-1.0 OR BSD-2-Clause; the content is
    ASPI's (China Defence Universities Tracker, scraped Aug 2020): cite ASPI.
  - aspi-unitracker-2020-with-ror.csv: ONLY its ror_ids column is used (ROR data, CC0). Its
    aspi_2019_rating_inferred column is an inference, not ASPI's assessment, and is NOT shipped.
  - OpenAlex institution records (CC0) in data/sample and ../shared: OpenAlex ids are joined to
    entries through their ROR id.

See data/registry/README.md for the column meanings and the review decisions encoded below.
"""
import csv
import glob
import gzip
import json
import os
import re
import sys
import unicodedata

SHARED = os.path.join('..', 'shared', 'data')
GALAXY = os.path.join(SHARED, 'reference', 'aspi-unitracker-2020-misp-galaxy.json')
ROR_CSV = os.path.join(SHARED, 'reference', 'aspi-unitracker-2020-with-ror.csv')
OUT = os.path.join('data', 'registry', 'aspi-unitracker-2020.csv')

COLUMNS = ['key', 'kind', 'category', 'name_en', 'name_zh', 'aliases', 'other_names', 'country',
           'ror_ids', 'openalex_ids', 'supervising_agencies', 'defence_labs', 'listed_on',
           'delisted_on', 'reason', 'source', 'source_date', 'source_url', 'licence']

SOURCE = 'ASPI China Defence Universities Tracker'
SOURCE_DATE = '2020-08'
LICENCE = ('content (c) ASPI ICPC, cite ASPI; transcription: MISP galaxy '
           'china-defence-universities @9434ace4, CC0-1.0 OR BSD-2-Clause; ROR ids: ROR, CC0-1.0')

# ROR ids from the derived CSV that are not used: the match is doubtful.
DROP_ROR = {
    # ROR record's English name (Heilongjiang University of Science and Technology) is another
    # institution than its zh label 黑龙江工程学院; the CSV itself marks it REVIEW.
    'heilongjiang-institute-of-technology': 'ROR match marked REVIEW in the derived CSV',
}

# ASPI aliases kept for display but never matched: generic, ambiguous or naming another body.
GENERIC_ALIASES = {
    'Naval Academy',                      # generic; the Naval Research Academy is not "the" naval academy
    'Special Police of China',            # not an institution name
    'Ninth Academy',                      # generic ordinal
    'Luoyang University',                 # a different (civilian) institution's name
    'China Electronics',                  # generic phrase
    'Institute of International Politics',  # generic, used by unrelated institutes
    '中国地质大学',                        # both CUG Wuhan and CUG Beijing
    'Aerospace Engineering University',   # generic; several universities translate so
}

# ASPI Chinese names replaced by the full official name (ASPI's form is kept in other_names):
# the short form is ambiguous or an abbreviation.
NAME_ZH_OVERRIDE = {
    'china-university-of-geosciences-wuhan': ('中国地质大学(武汉)', 'ASPI gives 中国地质大学, shared with CUG Beijing'),
    'renmin-university': ('中国人民大学', 'ASPI gives the abbreviation 人民大学'),
    'university-of-international-relations': (
        '', 'ASPI gives 国际关系学院, also the generic name of schools of international relations '
            'inside many universities'),
}

HAN = re.compile(r'[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]')


def is_abbreviation(name):
    """Mirrors IsAbbreviation() in src/risk/name_normalize.cc: acronyms and short Chinese forms."""
    n = unicodedata.normalize('NFKC', name).strip()
    if HAN.search(n):
        han = ''.join(HAN.findall(n))
        return len(han) <= 4 and len(han) == len(re.sub(r'[\s\W]', '', n))
    letters = [c for c in n if c.isalpha()]
    if not letters:
        return True
    if ' ' not in n and not any(c.islower() for c in n):
        return True
    token = re.sub(r'[^\w]', '', n)
    return ' ' not in n and len(token) <= 6 and sum(c.isupper() for c in n) >= 2


def split_value(value):
    """'Beihang University (北京航空航天大学)' -> ('Beihang University', '北京航空航天大学')."""
    m = re.match(r'^(.*)\s*\(([^()]*)\)\s*$', value)
    if m and HAN.search(m.group(2)):
        return m.group(1).strip(), m.group(2).strip()
    return value.strip(), ''


def category_of(aspi_category, agencies):
    if aspi_category == 'Seven sons of national defence':
        return 'seven_sons'
    if aspi_category == 'Defence industry conglomerate':
        return 'defence_industry'
    if aspi_category == 'Civilian':
        return 'defence_linked'
    if aspi_category == 'Military':
        if any("People's Armed Police" in a for a in agencies):
            return 'pap'
        return 'pla'
    if aspi_category == 'Security':
        if any('Ministry of Public Security' in a for a in agencies):
            return 'mps'
        if any('Ministry of State Security' in a for a in agencies):
            return 'mss'
        return 'security'
    sys.exit(f'unknown ASPI category {aspi_category!r}')


def first_sentence(text, limit=300):
    text = ' '.join(text.split())
    m = re.match(r'(.+?[.!?])(\s|$)', text)
    s = m.group(1) if m else text
    return s if len(s) <= limit else s[:limit - 1].rstrip() + '…'


def openalex_by_ror():
    """ROR id -> sorted OpenAlex ids, from every OpenAlex record available locally (CC0)."""
    found = {}

    def add(rec):
        if not isinstance(rec, dict):
            return
        oid, ror = rec.get('id') or '', rec.get('ror') or ''
        if oid and ror:
            found.setdefault(ror.rsplit('/', 1)[-1], set()).add(oid.rsplit('/', 1)[-1])

    paths = sorted(glob.glob('data/sample/openalex/data/institutions/*/part_*.gz') +
                   glob.glob(os.path.join(SHARED, 'openalex', 'snapshot-2023', 'data', 'institutions', '*', 'part_*.gz')))
    for p in paths:
        with gzip.open(p, 'rt', encoding='utf-8') as f:
            for line in f:
                add(json.loads(line))
    for p in sorted(glob.glob(os.path.join(SHARED, 'openalex', 'walden-2025', '*institutions*.jsonl'))):
        with open(p, encoding='utf-8') as f:
            for line in f:
                add(json.loads(line))
    works = os.path.join(SHARED, 'openalex', 'works-real.jsonl.gz')
    with gzip.open(works, 'rt', encoding='utf-8') as f:
        for line in f:
            for a in json.loads(line).get('authorships') or []:
                for inst in a.get('institutions') or []:
                    add(inst)
    return {k: sorted(v) for k, v in found.items()}


def main():
    galaxy = json.load(open(GALAXY, encoding='utf-8'))
    ror_rows = {r['aspi_url']: r for r in csv.DictReader(open(ROR_CSV, encoding='utf-8', newline=''))}
    oa = openalex_by_ror()
    rows = []
    for v in galaxy['values']:
        meta = v['meta']
        url = meta['refs'][0]
        slug = url.rstrip('/').rsplit('/', 1)[-1]
        name_en, name_zh = split_value(v['value'])
        review = []
        if slug in NAME_ZH_OVERRIDE:
            aspi_zh = name_zh
            name_zh, why = NAME_ZH_OVERRIDE[slug]
            review.append(f'name_zh {"set to " + name_zh if name_zh else "left empty"}: {why}')
        agencies = meta.get('supervising agencies') or []
        category = category_of(meta['categories'][0], agencies)
        aliases, others = [], []
        seen = {name_en, name_zh} - {''}
        if slug in NAME_ZH_OVERRIDE and aspi_zh not in seen:
            seen.add(aspi_zh)
            others.append(aspi_zh)
        for a in meta.get('aliases') or []:
            a = ' '.join(a.split())
            if not a or a in seen:
                continue
            seen.add(a)
            (others if a in GENERIC_ALIASES or is_abbreviation(a) else aliases).append(a)
        ror_ids = []
        ror_row = ror_rows.get(url)
        if ror_row and ror_row['ror_ids'] and slug not in DROP_ROR:
            ror_ids = [r.rsplit('/', 1)[-1] for r in ror_row['ror_ids'].split(';') if r]
        oa_ids = sorted({i for r in ror_ids for i in oa.get(r, [])})
        labs = [' '.join(l.split()) for l in meta.get('major defence laboratories') or []]
        reason = f"ASPI category: {meta['categories'][0]}"
        if agencies:
            reason += '; supervised by ' + ', '.join(agencies)
        if labs:
            reason += f'; ASPI lists {len(labs)} major defence laboratories'
        desc = first_sentence(v.get('description') or '')
        if desc:
            reason += f'. ASPI: "{desc}"'
        if slug in DROP_ROR:
            review.append(f'ROR id left out: {DROP_ROR[slug]}')
        if review:
            reason += ' [entangle review: ' + '; '.join(review) + ']'
        rows.append({
            'key': 'aspi:' + slug, 'kind': 'assessment', 'category': category,
            'name_en': name_en, 'name_zh': name_zh, 'aliases': '|'.join(aliases),
            'other_names': '|'.join(others), 'country': 'CN', 'ror_ids': '|'.join(ror_ids),
            'openalex_ids': '|'.join(oa_ids), 'supervising_agencies': '|'.join(agencies),
            'defence_labs': '|'.join(labs), 'listed_on': '', 'delisted_on': '', 'reason': reason,
            'source': SOURCE, 'source_date': SOURCE_DATE, 'source_url': url, 'licence': LICENCE,
        })
    rows.sort(key=lambda r: r['key'])
    with open(OUT, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator='\n')
        w.writeheader()
        w.writerows(rows)
    print(f'{OUT}: {len(rows)} rows', file=sys.stderr)


if __name__ == '__main__':
    main()
