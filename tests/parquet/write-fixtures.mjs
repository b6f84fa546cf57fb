#!/usr/bin/env node
// Writes the Parquet fixtures of src/parquet/'s tests with DuckDB: the same OpenAlex works, read
// from JSON Lines with their nested structs and lists kept, as several Parquet files that differ in
// codec, page version, dictionary use and row-group size.
//   node tests/parquet/write-fixtures.mjs <works.jsonl[.gz]> <output-folder>
//   node tests/parquet/write-fixtures.mjs --check     (is @duckdb/node-api installed? exit 0 if so)
// Writes <output-folder>/<variant>.parquet and <output-folder>/fixtures.json (the variants, their
// options and the DuckDB version). Rows keep the order of the input lines.
import { DuckDBInstance, version } from '@duckdb/node-api';

const args = process.argv.slice(2);
if (args[0] === '--check') {
  console.log(JSON.stringify({ duckdb: version() }));
  process.exit(0);
}
if (args.length !== 2) {
  console.error('usage: node write-fixtures.mjs <works.jsonl[.gz]> <output-folder> | --check');
  process.exit(2);
}
const [input, outDir] = args;

// Each variant: codec, Parquet version (V2 gives data pages v2 and the DELTA encodings and
// BYTE_STREAM_SPLIT), dictionary on or off, rows per row group (small: many row groups).
const VARIANTS = [
  { name: 'snappy-v1', compression: 'snappy', version: 'V1', dictionary: true, rowGroupSize: 7 },
  { name: 'zstd-v2', compression: 'zstd', version: 'V2', dictionary: true, rowGroupSize: 7 },
  { name: 'gzip-v1', compression: 'gzip', version: 'V1', dictionary: true, rowGroupSize: 50 },
  { name: 'uncompressed-v2', compression: 'uncompressed', version: 'V2', dictionary: true, rowGroupSize: 50 },
  { name: 'snappy-v2-nodict', compression: 'snappy', version: 'V2', dictionary: false, rowGroupSize: 50 },
  { name: 'zstd-v1-nodict', compression: 'zstd', version: 'V1', dictionary: false, rowGroupSize: 50 },
  { name: 'uncompressed-v1-nodict', compression: 'uncompressed', version: 'V1', dictionary: false, rowGroupSize: 50 },
  { name: 'gzip-v2-onegroup', compression: 'gzip', version: 'V2', dictionary: true, rowGroupSize: 0 },
  { name: 'snappy-v1-onegroup', compression: 'snappy', version: 'V1', dictionary: true, rowGroupSize: 0 },
];

const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
// One thread keeps the input order and makes the files the same from run to run.
await db.run('SET threads = 1');
await db.run('SET preserve_insertion_order = true');
// Every record is sampled, so the inferred types hold for all of them: objects become STRUCTs,
// arrays LISTs (OpenAlex's layout), the abstract's inverted index a MAP.
await db.run(`CREATE TABLE works AS
  SELECT row_number() OVER () - 1 AS ord, id, title, display_name, publication_year, publication_date,
         cited_by_count, fwci, CAST(fwci AS DECIMAL(38, 6)) AS fwci_decimal, language, type, is_retracted,
         authorships, topics, primary_topic, concepts, referenced_works, counts_by_year, abstract_inverted_index
  FROM read_json(${lit(input)}, format = 'newline_delimited', records = true, sample_size = -1)`);
const rows = Number((await db.runAndReadAll('SELECT count(*) FROM works')).getRows()[0][0]);

// DuckDB closes a row group once it holds ROW_GROUP_SIZE rows, but only between the chunks its
// pipeline produces (2,048 rows): a UNION ALL of small ordered slices gives small chunks.
function source(rowGroupSize) {
  if (rowGroupSize === 0) return 'SELECT * EXCLUDE (ord) FROM works ORDER BY ord';
  const parts = [];
  for (let i = 0; i < rows; i += rowGroupSize) {
    parts.push(`(SELECT * EXCLUDE (ord) FROM works WHERE ord >= ${i} AND ord < ${i + rowGroupSize} ORDER BY ord)`);
  }
  return parts.join(' UNION ALL ');
}

const written = [];
for (const v of VARIANTS) {
  const options = [`FORMAT parquet`, `COMPRESSION ${v.compression}`, `PARQUET_VERSION ${v.version}`];
  if (v.rowGroupSize > 0) options.push(`ROW_GROUP_SIZE ${v.rowGroupSize}`);
  if (!v.dictionary) options.push('DICTIONARY_SIZE_LIMIT 0');
  const file = `${v.name}.parquet`;
  await db.run(`COPY (${source(v.rowGroupSize)}) TO ${lit(`${outDir}/${file}`)} (${options.join(', ')})`);
  written.push({ ...v, file });
}

const manifest = { duckdb: version(), input, rows, variants: written };
const { writeFileSync } = await import('node:fs');
writeFileSync(`${outDir}/fixtures.json`, JSON.stringify(manifest, null, 2) + '\n');
console.log(JSON.stringify({ rows, files: written.length }));
