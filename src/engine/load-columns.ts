import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CsvFileWriter, quoteField } from '../input/csv-write.js';
import type { Engine } from './database.js';
import { exactCsvOptions } from './ingest-load.js';
import { sqlIdent, sqlString } from './sql-quote.js';

/** One column moving from JS to DuckDB: numbers (NaN → NULL), strings, or JSON text parsed in SQL. */
export type ColumnSpec =
  | { name: string; type: 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'UTINYINT'; values: ArrayLike<number> }
  | { name: string; type: 'VARCHAR'; values: readonly string[]; nullIfEmpty?: boolean };

/**
 * Bulk-load JS columns into a temp table through one CSV file (STACK: bulk transfer, not a value per call).
 * All columns have `rows` values.
 */
export async function loadColumns(
  engine: Engine,
  table: string,
  rows: number,
  columns: readonly ColumnSpec[],
  scratch: string,
): Promise<void> {
  const path = join(scratch, `${table}.csv`);
  const writer = new CsvFileWriter(path);
  const cells = new Array<string>(columns.length);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as ColumnSpec;
      if (column.type === 'VARCHAR') {
        const v = column.values[i] as string;
        cells[c] = column.nullIfEmpty === true && v.length === 0 ? '' : quoteField(v);
      } else {
        const v = column.values[i] as number;
        cells[c] = Number.isNaN(v) ? '' : column.type === 'BOOLEAN' ? (v ? 'true' : 'false') : String(v);
      }
    }
    await writer.line(cells);
  }
  await writer.close();
  const types: Record<string, string> = {};
  for (const column of columns) types[column.name] = column.type;
  await engine.run(
    `loading ${table}`,
    `CREATE OR REPLACE TEMP TABLE ${sqlIdent(table)} AS SELECT * FROM read_csv(${sqlString(path)}, ${exactCsvOptions(types)})`,
  );
  await rm(path, { force: true });
}
