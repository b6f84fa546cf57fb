#!/usr/bin/env node
// Writes OpenAlex works from JSON Lines to Parquet in the list layouts and types other writers use,
// for the tests of the reader's backward compatibility (tests/e2e/parquet_layouts_test.cc).
//   node tests/parquet/write-layouts.mjs --layout L [--timestamps T] [--wrong-type COLUMN]
//        [--row-group-size N] <in.jsonl[.gz]> <out.parquet> [<expected.jsonl>]
//
// DuckDB writes one layout only (three-level lists named list/element, STRING annotations, DATE and
// text timestamps). OpenAlex publishes no schema for its Parquet copy, which is most likely written
// by Spark or parquet-mr, so the reader must take every layout the format's LogicalTypes.md
// ("Lists", backward-compatibility rules) allows. hyparquet-writer (npm) encodes pages, but its
// record shredding only knows the standard list form, so this script computes the repetition and
// definition levels itself and hands each leaf's levels and values to hyparquet-writer's column
// writer (data pages v2, snappy):
//   three-level   optional group x (LIST) { repeated group list { optional <e> element } } (Spark)
//   hive          the same three levels named bag / array, maps as map (MAP_KEY_VALUE) (Hive, old Spark)
//   two-level     optional group x (LIST) { repeated <e> array } (parquet-avro's old default)
//   tuple         optional group x (LIST) { repeated <e> x_tuple } (parquet-thrift)
//   unannotated   repeated <e> x, without a LIST annotation (protobuf-style)
// Every layout but three-level also stores text as BYTE_ARRAY without a STRING annotation. Columns
// are in another order than the JSON's, and two columns entangle does not know are added.
// --timestamps: updated_date as text (default), micros or millis (INT64 TIMESTAMP) or int96 (Spark's
// legacy INT96, written as 12-byte FIXED_LEN_BYTE_ARRAY and relabelled INT96 in the footer, which
// hyparquet-writer cannot write directly); publication_date as DATE, or as the same timestamp type.
// The expected JSON Lines (third path) are the input records with updated_date as a timestamp
// column gives it back ("2021-11-03" → "2021-11-03T00:00:00.000000", cut to milliseconds with
// millis), the records the Parquet file holds.
// --wrong-type COLUMN: that column (publication_year or a country code) is written as DOUBLE or
// INT32, which a scan must report as a located error.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { writeColumn } from 'hyparquet-writer/src/column.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';

const args = process.argv.slice(2);
const options = { layout: 'three-level', timestamps: 'text', wrongType: '', rowGroupSize: 50 };
const paths = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--layout') options.layout = args[++i];
  else if (args[i] === '--timestamps') options.timestamps = args[++i];
  else if (args[i] === '--wrong-type') options.wrongType = args[++i];
  else if (args[i] === '--row-group-size') options.rowGroupSize = Number(args[++i]);
  else paths.push(args[i]);
}
const layouts = ['three-level', 'hive', 'two-level', 'tuple', 'unannotated'];
if (paths.length < 2 || !layouts.includes(options.layout) ||
    !['text', 'micros', 'millis', 'int96'].includes(options.timestamps)) {
  console.error(`usage: node write-layouts.mjs --layout ${layouts.join('|')} [--timestamps text|micros|millis|int96] ` +
                '[--wrong-type COLUMN] [--row-group-size N] <in.jsonl[.gz]> <out.parquet> [<expected.jsonl>]');
  process.exit(2);
}
const [input, output, expectedOut] = paths;

// The logical shape of the columns entangle reads (and two it does not), in a column order unlike
// the JSON's.
const S = { kind: 'prim', type: 'S' }, I = { kind: 'prim', type: 'I64' }, D = { kind: 'prim', type: 'D' };
const B = { kind: 'prim', type: 'B' };
const struct = (fields) => ({ kind: 'struct', fields });
const list = (elem) => ({ kind: 'list', elem });
const named = struct([['id', S], ['display_name', S]]);
const topic = struct([['id', S], ['display_name', S], ['score', D], ['subfield', named], ['field', named],
                      ['domain', named]]);
const works = [
  ['extra_unknown', list(struct([['year', I], ['note', S]]))],
  ['authorships', list(struct([
    ['author_position', S], ['author', named], ['raw_author_name', S], ['is_corresponding', B],
    ['institutions', list(struct([['id', S], ['ror', S], ['display_name', S], ['type', S], ['country_code', S],
                                  ['lineage', list(S)]]))],
    ['countries', list(S)], ['raw_affiliation_strings', list(S)],
    ['affiliations', list(struct([['raw_affiliation_string', S]]))],
  ]))],
  ['topics', list(topic)],
  ['counts_by_year', list(struct([['year', I], ['cited_by_count', I]]))],
  ['primary_topic', topic],
  ['concepts', list(struct([['id', S], ['display_name', S], ['level', I], ['score', D]]))],
  ['abstract_inverted_index', { kind: 'map', value: list(I) }],
  ['keywords', list(struct([['id', S], ['display_name', S], ['score', D]]))],
  ['grants', list(struct([['funder', S], ['funder_display_name', S], ['award_id', S]]))],
  ['awards', list(struct([['funder_id', S], ['funder_display_name', S], ['funder_award_id', S]]))],
  ['funders', list(named)],
  ['title', S], ['display_name', S], ['doi', S],
  ['publication_date', { kind: 'prim', type: 'DATE' }], ['updated_date', { kind: 'prim', type: 'TS' }],
  ['type', S], ['language', S], ['publication_year', I], ['cited_by_count', I], ['fwci', D], ['is_xpac', B],
  ['id', S], ['mystery_blob', S],
];

// Physical schema nodes: { name, repetition, type?, converted?, children, role, key }. `role` says
// where a node's value comes from: 'field' (its parent's value[key]), 'same' (its parent's value: the
// repeated child of a LIST group), 'item' (one item of its repeated parent: a three-level element).
const annotateText = options.layout === 'three-level';
const threeLevel = options.layout === 'three-level' || options.layout === 'hive';

function leafType(type, path) {
  if (options.wrongType && path === options.wrongType) return type === 'S' ? { type: 'INT32' } : { type: 'DOUBLE' };
  switch (type) {
    case 'S': return annotateText ? { type: 'BYTE_ARRAY', converted: 'UTF8' } : { type: 'BYTE_ARRAY' };
    case 'I64': return { type: 'INT64' };
    case 'D': return { type: 'DOUBLE' };
    case 'B': return { type: 'BOOLEAN' };
    case 'DATE':
      if (options.timestamps === 'text') return { type: 'INT32', converted: 'DATE' };
      return leafType('TS', path);
    case 'TS':
      if (options.timestamps === 'micros') return { type: 'INT64', converted: 'TIMESTAMP_MICROS' };
      if (options.timestamps === 'millis') return { type: 'INT64', converted: 'TIMESTAMP_MILLIS' };
      if (options.timestamps === 'int96') return { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 12, int96: true };
      return leafType('S', path);
  }
  throw new Error('unknown type ' + type);
}

// The physical node for logical `spec` named `name`, with `repetition` (OPTIONAL unless a list).
function build(name, spec, role, path) {
  const node = { name, role, key: name, repetition: 'OPTIONAL', children: [] };
  if (spec.kind === 'prim') {
    Object.assign(node, leafType(spec.type, path), { prim: spec.type });
    return node;
  }
  if (spec.kind === 'struct') {
    node.children = spec.fields.map(([n, s]) => build(n, s, 'field', path + '.' + n));
    return node;
  }
  if (spec.kind === 'map') {  // entries {key, value}: a map's repeated group, standard or legacy named
    node.converted = 'MAP';
    const entry = struct([['key', S], ['value', spec.value]]);
    const kv = build(options.layout === 'hive' ? 'map' : 'key_value', entry, 'same', path + '.key_value');
    kv.repetition = 'REPEATED';
    if (options.layout === 'hive') kv.converted = 'MAP_KEY_VALUE';
    kv.children[0].repetition = 'REQUIRED';
    node.children = [kv];
    node.map = true;
    return node;
  }
  // A list.
  const elementPath = path + '.list.element';
  if (options.layout === 'unannotated') {
    const element = build(name, spec.elem, role, elementPath);
    element.repetition = 'REPEATED';
    return element;
  }
  node.converted = 'LIST';
  if (threeLevel) {
    const [middle, leaf] = options.layout === 'hive' ? ['bag', 'array'] : ['list', 'element'];
    const wrapper = { name: middle, role: 'same', repetition: 'REPEATED', children: [] };
    wrapper.children = [build(leaf, spec.elem, 'item', elementPath)];
    node.children = [wrapper];
    return node;
  }
  const element = build(options.layout === 'tuple' ? name + '_tuple' : 'array', spec.elem, 'same', elementPath);
  element.repetition = 'REPEATED';
  node.children = [element];
  return node;
}

const root = { name: 'schema', children: works.map(([n, s]) => build(n, s, 'field', n)) };

// The value of `node` within its parent's value `parent`.
function valueOf(node, parent) {
  if (parent === null || parent === undefined) return null;
  if (node.role === 'same' || node.role === 'item') return parent;
  return parent[node.key] ?? null;
}

// A repeated node's value as a list of items: arrays, or a map's entries.
function itemsOf(node, value, parentIsMap) {
  if (value === null || value === undefined) return [];
  if (parentIsMap) {
    if (typeof value !== 'object' || Array.isArray(value)) return [];
    return Object.entries(value).map(([key, v]) => ({ key, value: v }));
  }
  return Array.isArray(value) ? value : [];
}

function physical(node, v) {
  if (v === null || v === undefined) return null;
  switch (node.prim) {
    case 'S':
      if (typeof v !== 'string') return null;
      if (node.type !== 'BYTE_ARRAY') return null;
      return node.converted ? v : new TextEncoder().encode(v);  // unannotated: bytes
    case 'I64':
      if (node.type === 'DOUBLE') return typeof v === 'number' ? v : null;
      return Number.isInteger(v) ? BigInt(v) : null;
    case 'D': return typeof v === 'number' ? v : null;
    case 'B': return typeof v === 'boolean' ? v : null;
    case 'DATE':
    case 'TS': return typeof v === 'string' ? timeValue(node, v) : null;
  }
  return null;
}

// "2026-05-11T08:15:01.531666" (or a date) as the column stores it.
function timeValue(node, text) {
  const millis = Date.parse(text.slice(0, 19).padEnd(19, 'T00:00:00') + 'Z');
  if (Number.isNaN(millis)) return null;
  const seconds = BigInt(millis / 1000);
  const digits = (text.split('.')[1] ?? '').padEnd(6, '0').slice(0, 6);
  const micros = seconds * 1000000n + BigInt(digits);
  if (node.converted === 'DATE') return Number(seconds / 86400n);
  if (node.converted === 'TIMESTAMP_MILLIS') return micros / 1000n;
  if (node.converted === 'TIMESTAMP_MICROS') return micros;
  if (node.int96) {  // nanoseconds of the day, then the Julian day, little-endian
    const days = micros / 86400000000n, nanos = (micros % 86400000000n) * 1000n;
    const bytes = new Uint8Array(12);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, nanos, true);
    view.setUint32(8, Number(days + 2440588n), true);
    return bytes;
  }
  return text;
}

// Dremel shredding of one leaf: its definition and repetition levels and a value per level entry.
function shred(path, rows) {
  const defs = [], reps = [], values = [];
  const repDepth = [];  // repetition level of each repeated node on the path
  let r = 0;
  for (const node of path) repDepth.push(node.repetition === 'REPEATED' ? ++r : r);
  const leaf = path[path.length - 1];
  const emit = (d, rep, value) => { defs.push(d); reps.push(rep); values.push(value); };
  // `value` is node path[i]'s value; `d` the definition level above it; `rep` the next entry's.
  function visit(i, value, d, rep, parentIsMap) {
    const node = path[i];
    if (node.repetition === 'REPEATED') {
      const items = itemsOf(node, value, parentIsMap);
      if (items.length === 0) return emit(d, rep, null);
      items.forEach((item, k) => {
        const itemRep = k === 0 ? rep : repDepth[i];
        if (node === leaf) {
          const v = physical(node, item);
          return v === null ? emit(d, itemRep, null) : emit(d + 1, itemRep, v);  // two-level: no nulls
        }
        const next = path[i + 1];
        visit(i + 1, next.role === 'item' ? item : valueOf(next, item), d + 1, itemRep, node.map);
      });
      return;
    }
    const present = node === leaf ? physical(node, value) : value;
    if (present === null || present === undefined) {
      if (node.repetition === 'REQUIRED') throw new Error('a required value is missing: ' + node.name);
      return emit(d, rep, null);
    }
    const here = node.repetition === 'OPTIONAL' ? d + 1 : d;
    if (node === leaf) return emit(here, rep, present);
    const next = path[i + 1];
    visit(i + 1, valueOf(next, value), here, rep, !!node.map);
  }
  for (const row of rows) visit(0, valueOf(path[0], row), 0, 0, false);
  let maxDefinitionLevel = 0;
  for (const node of path) if (node.repetition !== 'REQUIRED') ++maxDefinitionLevel;
  return { values, definitionLevels: maxDefinitionLevel ? defs : [], repetitionLevels: r ? reps : [],
           maxDefinitionLevel };
}

// The schema as hyparquet-writer's SchemaElements (depth first) and the path of each leaf.
const schema = [], leaves = [];
(function flatten(node, trail) {
  const element = { name: node.name };
  if (node !== root) element.repetition_type = node.repetition;
  if (node.children.length) element.num_children = node.children.length;
  else {
    element.type = node.type;
    if (node.type_length) element.type_length = node.type_length;
  }
  if (node.converted) element.converted_type = node.converted;
  schema.push(element);
  node.element = element;
  if (!node.children.length) leaves.push([...trail, node]);
  for (const child of node.children) flatten(child, node === root ? [] : [...trail, node]);
})(root, []);

const text = input.endsWith('.gz') ? zlib.gunzipSync(fs.readFileSync(input)).toString() : fs.readFileSync(input, 'utf8');
const records = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));

const writer = new ByteWriter();
writer.appendUint32(0x31524150);  // PAR1
const rowGroups = [];
for (let start = 0; start < records.length; start += options.rowGroupSize) {
  const rows = records.slice(start, start + options.rowGroupSize);
  const groupStart = writer.offset;
  const columns = [];
  for (const path of leaves) {
    const leaf = path[path.length - 1];
    const pageData = shred(path, rows);
    const { chunk } = writeColumn({
      writer,
      column: {
        // hyparquet-writer refuses a repeated leaf (a two-level list of primitives) by its element;
        // the levels, from shred(), and the path it counts repetition levels on are the real ones.
        columnName: path.map((n) => n.name).join('.'),
        element: leaf.repetition === 'REPEATED' ? { ...leaf.element, repetition_type: 'OPTIONAL' } : leaf.element,
        schemaPath: [schema[0], ...path.map((n) => n.element)], codec: 'SNAPPY',
        compressors: { SNAPPY: snappyCompress }, stats: !leaf.int96, pageSize: 1 << 20,
        columnIndex: false, offsetIndex: false, encoding: leaf.int96 ? 'PLAIN' : undefined,
      },
      pageData,
    });
    if (leaf.int96) chunk.meta_data.type = 'INT96';
    columns.push(chunk);
  }
  let total = 0n;
  for (const { meta_data } of columns) total += meta_data.total_uncompressed_size;
  rowGroups.push({ columns, total_byte_size: total, num_rows: BigInt(rows.length),
                   total_compressed_size: BigInt(writer.offset - groupStart) });
}
for (const element of schema) {
  if (element.type === 'FIXED_LEN_BYTE_ARRAY' && options.timestamps === 'int96') {
    element.type = 'INT96';
    delete element.type_length;
  }
}
writeMetadata(writer, { version: 2, created_by: `entangle write-layouts.mjs (${options.layout})`, schema,
                        num_rows: BigInt(records.length), row_groups: rowGroups });
writer.appendUint32(0x31524150);
fs.writeFileSync(output, new Uint8Array(writer.getBuffer()));

// A timestamp as the reader writes it back: seconds, then as many digits as the unit has.
function timestampText(text) {
  const micros = timeValue({ converted: 'TIMESTAMP_MICROS' }, text);
  if (micros === null) return text;
  const seconds = new Date(Number(micros / 1000000n) * 1000).toISOString().slice(0, 19);
  const fraction = String(micros % 1000000n).padStart(6, '0');
  return seconds + '.' + (options.timestamps === 'millis' ? fraction.slice(0, 3) : fraction);
}

if (expectedOut) {
  const lines = records.map((r) => {
    if (options.timestamps !== 'text' && typeof r.updated_date === 'string') {
      r = { ...r, updated_date: timestampText(r.updated_date) };
    }
    return JSON.stringify(r);
  });
  fs.writeFileSync(expectedOut, lines.join('\n') + '\n');
}
console.log(JSON.stringify({ output, layout: options.layout, timestamps: options.timestamps, rows: records.length,
                             row_groups: rowGroups.length, columns: leaves.length }));
