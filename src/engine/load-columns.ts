import type { DuckDBAppender, DuckDBDataChunk, DuckDBType, DuckDBVector } from '@duckdb/node-api';
import { type Engine, EngineError } from './database.js';
import { bindings, duckdb } from './duckdb-module.js';
import { sqlIdent, sqlString } from './sql-quote.js';

const { BIGINT, BOOLEAN, DOUBLE, INTEGER, UTINYINT, VARCHAR } = duckdb;

/**
 * One column moving from JS to DuckDB: numbers (NaN → NULL), strings, or labels — a few distinct strings that
 * repeat, sent as codes into `labels` and kept by DuckDB as an ENUM (a byte or two a row instead of the string).
 */
export type ColumnSpec =
  | { name: string; type: 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'UTINYINT'; values: ArrayLike<number> }
  | { name: string; type: 'VARCHAR'; values: readonly string[]; nullIfEmpty?: boolean }
  | { name: string; type: 'ENUM'; values: Int32Array; labels: readonly string[] };

export type ColumnType = ColumnSpec['type'];

const DUCKDB_TYPES: Record<Exclude<ColumnType, 'ENUM'>, DuckDBType> = {
  INTEGER,
  BIGINT,
  DOUBLE,
  BOOLEAN,
  UTINYINT,
  VARCHAR,
};

/** An ENUM needs at least one member; an empty column's labels are never read. */
function enumLabels(labels: readonly string[]): string[] {
  return labels.length > 0 ? [...labels] : [''];
}

/** The type of `column` in a data chunk and in its table's DDL. */
function columnType(column: Pick<ColumnSpec, 'type'> & { labels?: readonly string[] }): DuckDBType {
  return column.type === 'ENUM' ? duckdb.ENUM(enumLabels(column.labels ?? [])) : DUCKDB_TYPES[column.type];
}

function columnDdl(column: ColumnSpec): string {
  const type = column.type === 'ENUM' ? `ENUM(${enumLabels(column.labels).map(sqlString).join(', ')})` : column.type;
  return `${sqlIdent(column.name)} ${type}`;
}

/** Rows per data chunk: DuckDB's vector size, the most a chunk holds. */
export const CHUNK_ROWS = 2048;

/** Bytes per value of the types whose DuckDB vector holds the same bytes as a JS typed array. */
const RAW_BYTES: Partial<Record<ColumnType, { bytes: number; matches: (values: ArrayLike<number>) => boolean }>> = {
  INTEGER: { bytes: 4, matches: (v) => v instanceof Int32Array },
  DOUBLE: { bytes: 8, matches: (v) => v instanceof Float64Array },
  UTINYINT: { bytes: 1, matches: (v) => v instanceof Uint8Array },
  // A DuckDB BOOLEAN is one byte, 0 or 1.
  BOOLEAN: { bytes: 1, matches: (v) => v instanceof Uint8Array && v.every((b) => b <= 1) },
};

/** A numeric column's bytes as DuckDB's vector holds them, and where its NULLs are (NaN in `nullsIn`). */
interface RawColumn {
  bytes: number;
  buffer: ArrayBuffer;
  byteOffset: number;
  /** The column's values when some are NaN (NULL), scanned a chunk at a time for the validity mask; else null. */
  nullsIn: ArrayLike<number> | null;
}

/** Some value is NaN (NULL). */
function hasNaN(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return true;
  return false;
}

/**
 * How rows of a numeric column can be copied into a vector in one call: the typed array's bytes are DuckDB's
 * (issue 14: a value per call was a second per million rows for a table of ten numeric columns), its NULLs (NaN)
 * a validity mask per chunk. An INTEGER column held otherwise (doubles, shared memory, a plain array) is copied
 * into an Int32Array first (issue 14: value by value, five such columns of 94K rows took 67 ms of the main thread).
 * Null when values must go one by one: BIGINT, a BOOLEAN byte other than 0 or 1, an INTEGER outside 32 bits (which
 * DuckDB then refuses rather than see it wrapped).
 */
function rawCopy(column: ColumnSpec): RawColumn | null {
  if (column.type === 'VARCHAR') return null;
  if (column.type === 'ENUM') {
    // An ENUM's codes are a byte below 256 members, two below 65,536, else four (as DuckDB and node-api pick).
    const size = enumLabels(column.labels).length;
    // A code outside the labels would be an invalid ENUM value, not an error, once inside DuckDB.
    if (column.values.some((code) => code < 0 || code >= size)) {
      throw new EngineError(`column ${column.name}: a code outside its ${size} labels`);
    }
    const codes =
      size < 256
        ? Uint8Array.from(column.values)
        : size < 65_536
          ? Uint16Array.from(column.values)
          : Uint32Array.from(column.values);
    return { bytes: codes.BYTES_PER_ELEMENT, buffer: codes.buffer, byteOffset: 0, nullsIn: null };
  }
  const values = column.values;
  const raw = RAW_BYTES[column.type];
  if (raw?.matches(values) && ArrayBuffer.isView(values) && values.buffer instanceof ArrayBuffer) {
    const nullsIn = values instanceof Float64Array && hasNaN(values) ? values : null;
    return { bytes: raw.bytes, buffer: values.buffer, byteOffset: values.byteOffset, nullsIn };
  }
  if (column.type !== 'INTEGER') return null;
  const ints = new Int32Array(values.length);
  let nulls = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) nulls = true;
    else if ((v | 0) !== v) return null;
    else ints[i] = v;
  }
  return { bytes: 4, buffer: ints.buffer, byteOffset: 0, nullsIn: nulls ? values : null };
}

/** Writes rows [start, start + count) of a number column into `vector` (chunk row 0 = `start`). */
function fillVector(
  vector: DuckDBVector,
  column: Exclude<ColumnSpec, { type: 'VARCHAR' }>,
  start: number,
  count: number,
): void {
  const values = column.values;
  for (let i = 0; i < count; i++) {
    const v = values[start + i] as number;
    if (Number.isNaN(v)) vector.setItem(i, null);
    else if (column.type === 'BOOLEAN') vector.setItem(i, v !== 0);
    else if (column.type === 'BIGINT') vector.setItem(i, BigInt(v));
    else vector.setItem(i, v);
  }
  vector.flush();
}

/** One bit per chunk row, as DuckDB's validity mask (uint64 words, little-endian: row r is byte r / 8, bit r % 8). */
const validityBytes = new Uint8Array(CHUNK_ROWS / 8);

/** Chunk row `i` is NULL in {@link validityBytes}; the first NULL of a chunk (`first`) marks every row valid before. */
function markNull(i: number, first: boolean): void {
  if (first) validityBytes.fill(0xff);
  validityBytes[i >>> 3] = (validityBytes[i >>> 3] as number) & ~(1 << (i & 7));
}

/** Hands DuckDB the validity mask of a chunk of `count` rows that has NULLs. */
function writeValidity(vector: ReturnType<typeof bindings.data_chunk_get_vector>, count: number): void {
  bindings.vector_ensure_validity_writable(vector);
  bindings.copy_data_to_vector_validity(vector, 0, validityBytes.buffer, 0, Math.ceil(count / 64) * 8);
}

/**
 * Writes rows [start, start + count) of a text column straight into the chunk's vector `c`: each string through
 * the C API, NULLs as one validity mask per chunk. node-api's vector keeps a cache of every item and a BigInt per
 * validity bit first (issue 14: four text columns of 1M rows took 1.36 s that way, 1.16 s this way).
 */
function fillStrings(
  chunk: DuckDBDataChunk,
  c: number,
  column: Extract<ColumnSpec, { type: 'VARCHAR' }>,
  start: number,
  count: number,
): void {
  const vector = bindings.data_chunk_get_vector(chunk.chunk, c);
  const values = column.values;
  const nullIfEmpty = column.nullIfEmpty === true;
  let nulls = false;
  for (let i = 0; i < count; i++) {
    const v = values[start + i] as string;
    if (nullIfEmpty && v.length === 0) {
      markNull(i, !nulls);
      nulls = true;
    } else bindings.vector_assign_string_element(vector, i, v);
  }
  if (nulls) writeValidity(vector, count);
}

/** Copies rows [start, start + count) of a numeric column's bytes into the chunk's vector `c`, NaN as NULL. */
function copyNumbers(chunk: DuckDBDataChunk, c: number, raw: RawColumn, start: number, count: number): void {
  const vector = bindings.data_chunk_get_vector(chunk.chunk, c);
  bindings.copy_data_to_vector(vector, 0, raw.buffer, raw.byteOffset + start * raw.bytes, count * raw.bytes);
  const values = raw.nullsIn;
  if (values === null) return;
  let nulls = false;
  for (let i = 0; i < count; i++) {
    if (!Number.isNaN(values[start + i])) continue;
    markNull(i, !nulls);
    nulls = true;
  }
  if (nulls) writeValidity(vector, count);
}

/**
 * Bulk-load JS columns into a temp table (STACK: bulk transfer, never a value per call; issue 14: no text round
 * trip): the table is created empty and filled through DuckDB's Appender, one data chunk of CHUNK_ROWS rows at a
 * time, each column written straight into its vector. Rows keep their JS order.
 */
export async function loadColumns(
  engine: Engine,
  table: string,
  rows: number,
  columns: readonly ColumnSpec[],
  _scratch?: string,
): Promise<void> {
  await load(engine, 'TEMP TABLE', table, rows, columns);
}

/** `loadColumns` into a plain table, which the engine's other connections see too (`Engine.runAlongside`). */
export async function loadSharedColumns(
  engine: Engine,
  table: string,
  rows: number,
  columns: readonly ColumnSpec[],
): Promise<void> {
  await load(engine, 'TABLE', table, rows, columns);
}

async function load(
  engine: Engine,
  kind: 'TABLE' | 'TEMP TABLE',
  table: string,
  rows: number,
  columns: readonly ColumnSpec[],
): Promise<void> {
  const defs = columns.map(columnDdl).join(', ');
  await engine.run(`creating ${table}`, `CREATE OR REPLACE ${kind} ${sqlIdent(table)} (${defs})`);
  if (rows === 0) return;
  const appender = await engine.appender(`loading ${table}`, table);
  try {
    const chunk = newChunk(columns);
    const rawCopies = columns.map(rawCopy);
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      appendColumnChunk(appender, chunk, columns, start, Math.min(CHUNK_ROWS, rows - start), rawCopies);
    }
    appender.flushSync();
  } catch (error) {
    throw new EngineError(`loading ${table}: ${(error as Error).message}`);
  } finally {
    closeQuietly(appender);
  }
}

/** A reusable data chunk shaped for `columns`. */
export function newChunk(
  columns: readonly (Pick<ColumnSpec, 'type'> & { labels?: readonly string[] })[],
): DuckDBDataChunk {
  return duckdb.DuckDBDataChunk.create(columns.map(columnType), CHUNK_ROWS);
}

/**
 * Appends rows [start, start + count) of `columns` (count ≤ CHUNK_ROWS) through `chunk`, which is reused.
 * `rawCopies` (`columns.map(rawCopy)`) may be passed once for many chunks of the same columns.
 */
export function appendColumnChunk(
  appender: DuckDBAppender,
  chunk: DuckDBDataChunk,
  columns: readonly ColumnSpec[],
  start: number,
  count: number,
  rawCopies?: readonly (ReturnType<typeof rawCopy> | null)[],
): void {
  chunk.reset();
  chunk.rowCount = count;
  const raws = rawCopies ?? columns.map(rawCopy);
  columns.forEach((column, c) => {
    const raw = raws[c] ?? null;
    if (column.type === 'VARCHAR') fillStrings(chunk, c, column, start, count);
    else if (raw === null) fillVector(chunk.getColumnVector(c), column, start, count);
    else copyNumbers(chunk, c, raw, start, count);
  });
  appender.appendDataChunk(chunk);
}

/** Closes an appender; a failure to close after another failure must not hide the first. */
export function closeQuietly(appender: DuckDBAppender): void {
  try {
    appender.closeSync();
  } catch {
    // Already reported by the flush or append that failed.
  }
}
