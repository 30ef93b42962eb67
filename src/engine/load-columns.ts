import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quoteField } from '../input/csv-write.js';
import type { Engine } from './database.js';
import { sqlIdent, sqlString } from './sql-quote.js';

/** One column moving from JS to DuckDB: numbers (NaN → NULL) or strings. */
export type ColumnSpec =
  | { name: string; type: 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'UTINYINT'; values: ArrayLike<number> }
  | { name: string; type: 'VARCHAR'; values: readonly string[]; nullIfEmpty?: boolean };

/** NULL marker in the column files; strings are always quoted, so a quoted `\N` stays text. */
const NULL_TEXT = '\\N';

/** Text of one column file: one value per line, built with native joins (no object per row). */
function columnText(column: ColumnSpec, rows: number): string {
  if (column.type === 'VARCHAR') {
    const out = new Array<string>(rows);
    for (let i = 0; i < rows; i++) {
      const v = column.values[i] as string;
      out[i] = column.nullIfEmpty === true && v.length === 0 ? NULL_TEXT : quoteField(v);
    }
    return out.join('\n');
  }
  const values = column.values;
  let hasNaN = false;
  for (let i = 0; i < rows; i++) {
    if (Number.isNaN(values[i] as number)) {
      hasNaN = true;
      break;
    }
  }
  if (!hasNaN && ArrayBuffer.isView(values)) return Array.prototype.join.call(values, '\n');
  const out = new Array<string>(rows);
  for (let i = 0; i < rows; i++) {
    const v = values[i] as number;
    out[i] = Number.isNaN(v) ? NULL_TEXT : String(v);
  }
  return out.join('\n');
}

/**
 * Bulk-load JS columns into a temp table (STACK: bulk transfer, never a value per call): each column is
 * written as its own one-value-per-line file and DuckDB stitches them with a positional join.
 */
export async function loadColumns(
  engine: Engine,
  table: string,
  rows: number,
  columns: readonly ColumnSpec[],
  scratch: string,
): Promise<void> {
  if (rows === 0) {
    const defs = columns.map((c) => `${sqlIdent(c.name)} ${c.type === 'BOOLEAN' ? 'BOOLEAN' : c.type}`).join(', ');
    await engine.run(`creating ${table}`, `CREATE OR REPLACE TEMP TABLE ${sqlIdent(table)} (${defs})`);
    return;
  }
  const reads: string[] = [];
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c] as ColumnSpec;
    const path = join(scratch, `${table}-${c}.txt`);
    const text =
      column.type === 'BOOLEAN' ? columnText({ ...column, type: 'UTINYINT' }, rows) : columnText(column, rows);
    await writeFile(path, `${text}\n`);
    const readType = column.type === 'BOOLEAN' ? 'UTINYINT' : column.type;
    const read = `read_csv(${sqlString(path)}, columns={${sqlString(column.name)}: ${sqlString(readType)}}, header=false, delim='\\t', quote='"', escape='"', new_line='\\n', nullstr='\\N', allow_quoted_nulls=false, auto_detect=false, strict_mode=true, parallel=false)`;
    reads.push(
      column.type === 'BOOLEAN'
        ? `(SELECT ${sqlIdent(column.name)}::BOOLEAN AS ${sqlIdent(column.name)} FROM ${read})`
        : read,
    );
  }
  await engine.run(
    `loading ${table}`,
    `CREATE OR REPLACE TEMP TABLE ${sqlIdent(table)} AS SELECT * FROM ${reads.join(' POSITIONAL JOIN ')}`,
  );
  for (let c = 0; c < columns.length; c++) await rm(join(scratch, `${table}-${c}.txt`), { force: true });
}
