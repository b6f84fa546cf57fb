#!/usr/bin/env node
// Converts OpenAlex works from JSON Lines to Parquet with DuckDB, for the tests that compare a
// scan of the JSON Lines with a scan of the Parquet copy (tests/e2e/parquet_scan_test.cc).
//   node tests/parquet/convert-works.mjs [options] <in.jsonl[.gz]> <out.parquet> [<in> <out> ...]
// Options (for every pair): --compression snappy|zstd|gzip|uncompressed (default snappy),
// --version V1|V2 (default V1), --row-group-size N (default: DuckDB's).
// Every record is sampled (sample_size = -1), so DuckDB infers one schema for all records of a
// file: objects become STRUCTs, arrays LISTs, fields whose values conflict JSON text; a path
// holding "updated_date=…/" is not taken for a hive partition (which would replace the records'
// updated_date with the folder's date). Rows keep the
// order of the input lines (one thread). Prints one JSON line per file written.
import { DuckDBInstance, version } from '@duckdb/node-api';

const args = process.argv.slice(2);
const options = { compression: 'snappy', version: 'V1', rowGroupSize: 0 };
const pairs = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--compression') options.compression = args[++i];
  else if (args[i] === '--version') options.version = args[++i];
  else if (args[i] === '--row-group-size') options.rowGroupSize = Number(args[++i]);
  else pairs.push(args[i]);
}
if (pairs.length === 0 || pairs.length % 2 !== 0) {
  console.error('usage: node convert-works.mjs [--compression C] [--version V1|V2] [--row-group-size N] <in> <out> ...');
  process.exit(2);
}

const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run('SET threads = 1');
await db.run('SET preserve_insertion_order = true');
for (let i = 0; i < pairs.length; i += 2) {
  const [input, output] = [pairs[i], pairs[i + 1]];
  const copy = [`FORMAT parquet`, `COMPRESSION ${options.compression}`, `PARQUET_VERSION ${options.version}`];
  if (options.rowGroupSize > 0) copy.push(`ROW_GROUP_SIZE ${options.rowGroupSize}`);
  const select = `SELECT * FROM read_json(${lit(input)}, format = 'newline_delimited', records = true, sample_size = -1, hive_partitioning = false)`;
  let source = select;
  if (options.rowGroupSize > 0) {
    // DuckDB closes a row group only between its 2,048-row chunks: small ordered slices give small groups.
    await db.run(`CREATE OR REPLACE TABLE w AS SELECT row_number() OVER () - 1 AS ord, * FROM (${select})`);
    const rows = Number((await db.runAndReadAll('SELECT count(*) FROM w')).getRows()[0][0]);
    const parts = [];
    for (let r = 0; r < rows; r += options.rowGroupSize) {
      parts.push(`(SELECT * EXCLUDE (ord) FROM w WHERE ord >= ${r} AND ord < ${r + options.rowGroupSize} ORDER BY ord)`);
    }
    source = parts.length ? parts.join(' UNION ALL ') : 'SELECT * EXCLUDE (ord) FROM w';
  }
  await db.run(`COPY (${source}) TO ${lit(output)} (${copy.join(', ')})`);
  console.log(JSON.stringify({ duckdb: version(), input, output, ...options }));
}
