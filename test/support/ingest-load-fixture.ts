import { join } from 'node:path';
import type { Engine } from '../../src/engine/database.js';
import { loadIngestArtifacts } from '../../src/engine/ingest-load.js';
import { tempDir, writeInput } from './run-fixture.js';

/**
 * `loadIngestArtifacts` over a one-row `Account ID,Account Name` CSV (001000000000001AAA, Acme) as the clean scan
 * would hand it over, with `textBytes` as the bytes the scan counted (22 for this row).
 */
export async function loadOneRowCsv(engine: Engine, textBytes: number): Promise<{ parquet: Promise<void> }> {
  const dir = await tempDir();
  const path = await writeInput(dir, 'accounts.csv', 'Account ID,Account Name\r\n001000000000001AAA,Acme\r\n');
  return await loadIngestArtifacts(engine, {
    rows: { kind: 'csv', path, delimiter: ',' },
    headers: ['Account ID', 'Account Name'],
    readableRows: Int32Array.of(1),
    accepted: null,
    canonical: { changedId: [''], parentAccountId: [''], createdMs: Float64Array.of(Number.NaN) },
    textBytes: Int32Array.of(textBytes),
    rejections: [],
    out: { source: join(dir, 'source.parquet'), rejected: join(dir, 'rejected.csv') },
  });
}
