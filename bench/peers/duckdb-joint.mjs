#!/usr/bin/env node
// Peer for `entangle scan`: answers the default study's questions (studies/ai-europe-china.toml,
// rules in docs/counting.md) with DuckDB over the same gzipped OpenAlex works files, or with
// --parquet over the same works as Parquet files (read_parquet: the schema comes from the files).
//   node bench/peers/duckdb-joint.mjs --threads N [--parquet] <works-glob-or-files...>
// Prints one JSON object: joint works per publication year and per primary-topic subfield.
//
// Differences from entangle (by design, see README.md): no deduplication of work ids across
// partitions and no merged-id removal (the benchmark corpora have neither), no skip accounting.
import { DuckDBInstance, version } from '@duckdb/node-api';

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node duckdb-joint.mjs --threads N [--memory-limit SIZE] [--ids] [--parquet] <works-glob-or-files...>');
  process.exit(2);
}

let threads = 0;
let memoryLimit = '';
let listIds = false;
let parquet = false;
const inputs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--threads') threads = Number(argv[++i]);
  else if (a.startsWith('--threads=')) threads = Number(a.slice('--threads='.length));
  else if (a === '--memory-limit') memoryLimit = argv[++i];
  else if (a === '--ids') listIds = true;
  else if (a === '--parquet') parquet = true;
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else inputs.push(a);
}
if (!Number.isInteger(threads) || threads < 1) usage('--threads N (N >= 1) is required');
if (inputs.length === 0) usage('no input files');

// ---- The study (studies/ai-europe-china.toml), spelled out. ----
const YEAR_FROM = 2017;
const YEAR_TO = 2022;
const LANGUAGES = ['en'];
const WORK_TYPES = ['article', 'review', 'preprint', 'book-chapter', 'letter',
  'journal-article', 'proceedings-article', 'posted-content'];
const CONCEPT_IDS = ['C154945302', 'C119857082', 'C31972630', 'C108583219', 'C204321447'];
const CONCEPT_MIN_SCORE = 0.3;
const SUBFIELD_IDS = ['1702', '1707'];
const EUROPE = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'GB', 'NO', 'CH'];
const CHINA = ['CN', 'HK'];

const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
const list = (xs) => `[${xs.map(lit).join(', ')}]`;
// "The last path segment of x is one of ids" without splitting strings: x = id or x ends in '/id'.
const lastSegmentIn = (x, ids) =>
  '(' + ids.map((id) => `${x} = ${lit(id)} OR ends_with(${x}, ${lit('/' + id)})`).join(' OR ') + ')';

// Only the fields the questions need, typed explicitly, so DuckDB neither samples nor infers a
// schema (records come from several OpenAlex format generations: missing keys become NULL).
const COLUMNS = `{
  id: 'VARCHAR',
  publication_year: 'BIGINT',
  language: 'VARCHAR',
  type: 'VARCHAR',
  concepts: 'STRUCT(id VARCHAR, score DOUBLE)[]',
  primary_topic: 'STRUCT(subfield STRUCT(id VARCHAR))',
  topics: 'STRUCT(subfield STRUCT(id VARCHAR))[]',
  authorships: 'STRUCT(countries VARCHAR[], institutions STRUCT(country_code VARCHAR)[])[]'
}`;

// One pass over the files: in-scope, field-relevant works with their countries; then the joint
// flag and both groupings (year, subfield) plus the total in one aggregation.
const fileList = `[${inputs.map(lit).join(', ')}]`;
// From Parquet the columns and their types are the files' own; primary_topic and topics[1] are
// structs of different fields there, hence the CASE where the JSON reader's coalesce suffices.
const SOURCE = parquet
  ? `read_parquet(${fileList}, hive_partitioning = false)`
  : `read_json(${fileList},
                 format = 'newline_delimited', compression = 'gzip', ignore_errors = true,
                 maximum_object_size = 104857600, columns = ${COLUMNS})`;
const SUBFIELD = parquet
  ? 'CASE WHEN primary_topic IS NOT NULL THEN primary_topic.subfield.id ELSE topics[1].subfield.id END'
  : 'coalesce(primary_topic, topics[1]).subfield.id';
const SQL = `
WITH works AS (
  SELECT id, publication_year AS year,
         ${SUBFIELD} AS subfield,   -- primary topic, else topics[1]
         concepts, authorships
  FROM ${SOURCE}
  WHERE id IS NOT NULL                             -- entangle skips records without an id
    AND publication_year BETWEEN ${YEAR_FROM} AND ${YEAR_TO}
    AND language IN (${LANGUAGES.map(lit).join(', ')})
    AND type IN (${WORK_TYPES.map(lit).join(', ')})
),
relevant AS (
  SELECT id, year, subfield,
         list_transform(
           flatten(list_transform(coalesce(authorships, []),
             a -> list_concat(coalesce(a.countries, []),
                              list_transform(coalesce(a.institutions, []), i -> i.country_code)))),
           c -> upper(c)) AS countries
  FROM works
  WHERE len(list_filter(concepts, c -> c.score >= ${CONCEPT_MIN_SCORE}
                                       AND ${lastSegmentIn('c.id', CONCEPT_IDS)})) > 0
     OR coalesce(${lastSegmentIn('subfield', SUBFIELD_IDS)}, false)
),
joint AS (
  SELECT regexp_extract(id, '[^/]*$') AS id, year, coalesce(regexp_extract(subfield, '[^/]*$'), '') AS subfield
  FROM relevant
  WHERE list_has_any(countries, ${list(EUROPE)}) AND list_has_any(countries, ${list(CHINA)})
)
SELECT year, subfield, grouping(year) AS gy, grouping(subfield) AS gs, count(*) AS n,
       ${listIds ? 'list(id ORDER BY id)' : 'NULL::VARCHAR[]'} AS ids
FROM joint
GROUP BY GROUPING SETS ((year), (subfield), ())
`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`SET threads = ${threads}`);
if (memoryLimit) await connection.run(`SET memory_limit = ${lit(memoryLimit)}`);
await connection.run('SET preserve_insertion_order = false');
// Expand globs the way read_json would, to report the file count (not timed).
const files = (await connection.runAndReadAll(`SELECT file FROM glob(${fileList})`)).getRows().length;

const t0 = process.hrtime.bigint();
const rows = (await connection.runAndReadAll(SQL)).getRowObjectsJS();
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

const byYear = {};
const bySubfield = {};
let total = 0;
let ids = null;
for (const r of rows) {
  const n = Number(r.n);
  if (r.gy === 0 || r.gy === 0n) byYear[String(r.year)] = n;
  else if (r.gs === 0 || r.gs === 0n) bySubfield[r.subfield] = n;
  else {
    total = n;
    ids = r.ids;
  }
}
const sortedKeys = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));

console.log(JSON.stringify({
  engine: 'duckdb',
  input: parquet ? 'parquet' : 'jsonl.gz',
  version: version(),
  threads,
  files,
  seconds: Number(seconds.toFixed(3)),
  joint_by_year: sortedKeys(byYear),
  joint_by_subfield: sortedKeys(bySubfield),
  joint: total,
  ...(listIds ? { joint_ids: ids } : {}),
  dedup: 'none: every record counts (no duplicate-id or merged-id handling); exact only on corpora without duplicates',
}));
