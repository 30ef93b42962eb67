import type { Engine } from './database.js';
import { sqlString } from './sql-quote.js';

/**
 * Records (row_index) with a non-blank value in any of the given source columns of `source.parquet` (columns c0…cN,
 * issue 11 `junk.activity_columns`): junk on such a record goes to Verify instead of Delete.
 */
export async function rowsWithValues(
  engine: Engine,
  sourceParquet: string,
  columnIndexes: readonly number[],
  recordCount: number,
): Promise<Uint8Array> {
  const out = new Uint8Array(recordCount);
  if (columnIndexes.length === 0) return out;
  const any = columnIndexes.map((c) => `coalesce(trim(c${Math.trunc(c)}), '') <> ''`).join(' OR ');
  const rows = await engine.rows<{ rows: string | null }>(
    'reading activity columns',
    `SELECT string_agg(row_index::VARCHAR, ',') AS rows FROM read_parquet(${sqlString(sourceParquet)}) WHERE ${any}`,
  );
  const list = rows[0]?.rows ?? null;
  if (list === null || list.length === 0) return out;
  for (const text of list.split(',')) {
    const i = Number(text);
    if (i >= 0 && i < recordCount) out[i] = 1;
  }
  return out;
}
