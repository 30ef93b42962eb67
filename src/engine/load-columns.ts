import type { DuckDBAppender, DuckDBDataChunk, DuckDBType, DuckDBVector } from '@duckdb/node-api';
import { type Engine, EngineError } from './database.js';
import { duckdb } from './duckdb-module.js';
import { sqlIdent } from './sql-quote.js';

const { BIGINT, BOOLEAN, DOUBLE, INTEGER, UTINYINT, VARCHAR } = duckdb;

/** One column moving from JS to DuckDB: numbers (NaN → NULL) or strings. */
export type ColumnSpec =
  | { name: string; type: 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'UTINYINT'; values: ArrayLike<number> }
  | { name: string; type: 'VARCHAR'; values: readonly string[]; nullIfEmpty?: boolean };

export type ColumnType = ColumnSpec['type'];

const DUCKDB_TYPES: Record<ColumnType, DuckDBType> = { INTEGER, BIGINT, DOUBLE, BOOLEAN, UTINYINT, VARCHAR };

/** Rows per data chunk: DuckDB's vector size, the most a chunk holds. */
export const CHUNK_ROWS = 2048;

/** The DuckDB type of a column type name, for appender chunks built elsewhere in the engine. */
export function duckdbType(type: ColumnType): DuckDBType {
  return DUCKDB_TYPES[type];
}

/** Writes rows [start, start + count) of `column` into `vector` (chunk row 0 = `start`). */
function fillVector(vector: DuckDBVector, column: ColumnSpec, start: number, count: number): void {
  if (column.type === 'VARCHAR') {
    const values = column.values;
    const nullIfEmpty = column.nullIfEmpty === true;
    for (let i = 0; i < count; i++) {
      const v = values[start + i] as string;
      vector.setItem(i, nullIfEmpty && v.length === 0 ? null : v);
    }
  } else {
    const values = column.values;
    for (let i = 0; i < count; i++) {
      const v = values[start + i] as number;
      if (Number.isNaN(v)) vector.setItem(i, null);
      else if (column.type === 'BOOLEAN') vector.setItem(i, v !== 0);
      else if (column.type === 'BIGINT') vector.setItem(i, BigInt(v));
      else vector.setItem(i, v);
    }
  }
  vector.flush();
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
  const defs = columns.map((c) => `${sqlIdent(c.name)} ${c.type}`).join(', ');
  await engine.run(`creating ${table}`, `CREATE OR REPLACE ${kind} ${sqlIdent(table)} (${defs})`);
  if (rows === 0) return;
  const appender = await engine.appender(`loading ${table}`, table);
  try {
    const chunk = newChunk(columns);
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      appendColumnChunk(appender, chunk, columns, start, Math.min(CHUNK_ROWS, rows - start));
    }
    appender.flushSync();
  } catch (error) {
    throw new EngineError(`loading ${table}: ${(error as Error).message}`);
  } finally {
    closeQuietly(appender);
  }
}

/** A reusable data chunk shaped for `columns`. */
export function newChunk(columns: readonly Pick<ColumnSpec, 'type'>[]): DuckDBDataChunk {
  return duckdb.DuckDBDataChunk.create(
    columns.map((c) => DUCKDB_TYPES[c.type]),
    CHUNK_ROWS,
  );
}

/** Appends rows [start, start + count) of `columns` (count ≤ CHUNK_ROWS) through `chunk`, which is reused. */
export function appendColumnChunk(
  appender: DuckDBAppender,
  chunk: DuckDBDataChunk,
  columns: readonly ColumnSpec[],
  start: number,
  count: number,
): void {
  chunk.reset();
  chunk.rowCount = count;
  columns.forEach((column, c) => {
    fillVector(chunk.getColumnVector(c), column, start, count);
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
