import assert from 'node:assert/strict';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/database.js';
import { ROW_GROUP_ROWS } from '../../src/engine/parquet-options.js';
import { parquetRowGroupRows } from '../../src/engine/parquet-zip.js';
import { runOn, tempDir, writeInput } from '../support/run-fixture.js';

/** More rows than two row groups hold, so records.parquet has full row groups and a last one. */
const ROWS = ROW_GROUP_ROWS * 2 + 1234;

/** A CSV whose third column is worth checking row by row: text, empty cells, commas and line breaks. */
function accountsCsv(duplicateIdAt: number | null): string {
  const lines = ['Account ID,Account Name,Notes'];
  for (let i = 0; i < ROWS; i++) {
    const id = i === duplicateIdAt ? 'A0' : `A${i}`;
    const note = i % 9 === 0 ? '' : i % 5 === 0 ? `"first line\r\nsecond, ${i}"` : `note ${i}`;
    lines.push(`${id},Company ${i % 700} Inc,${note}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The Notes each record of records.parquet should carry, from its source row (1-based data row). */
const expectedNote = `CASE WHEN (source_row - 1) % 9 = 0 THEN ''
  WHEN (source_row - 1) % 5 = 0 THEN 'first line' || chr(13) || chr(10) || 'second, ' || (source_row - 1)
  ELSE 'note ' || (source_row - 1) END`;

/**
 * Runs the pipeline on the accounts CSV and checks records.parquet cell by cell. `unevenSource`: source.parquet is
 * then rewritten with other row groups and the stats stage run again over it, as if the ingest had cut them elsewhere.
 */
async function checkRecords(
  duplicateIdAt: number | null,
  unevenSource = false,
): Promise<{ sourceGroups: bigint[]; copied: boolean }> {
  let copied = false;
  const dir = await tempDir();
  const path = await writeInput(dir, 'accounts.csv', accountsCsv(duplicateIdAt));
  let result = await runOn(path, { workers: 1 });
  const ingest = result.manifest.stages.find((s) => s.name === 'ingest');
  assert.ok(ingest !== undefined);
  const source = join(result.workspace.cacheDir, 'ingest', ingest.cache_key, 'source.parquet');
  if (unevenSource) {
    const engine = await Engine.open({ memoryLimit: '1GB', threads: 1 });
    try {
      await engine.run(
        'reshape',
        `COPY (SELECT * FROM read_parquet('${source}')) TO '${source}.uneven' (FORMAT parquet, ROW_GROUP_SIZE 7000)`,
      );
    } finally {
      engine.close();
    }
    await rename(`${source}.uneven`, source);
    result = await runOn(path, { workers: 1, workspace: result.workspace.root, from: 'stats' });
  }
  const records = join(result.dir, 'records.parquet');
  const engine = await Engine.open({ memoryLimit: '1GB', threads: 1 });
  try {
    const rows = await engine.rows(
      'check',
      `SELECT count(*) AS n, count(*) FILTER (WHERE "Notes" IS DISTINCT FROM ${expectedNote}) AS wrong,
              count(*) FILTER (WHERE "Account Name" <> 'Company ' || ((source_row - 1) % 700) || ' Inc') AS wrong_names,
              bool_and(row_index = source_row - 1 - CASE WHEN ${duplicateIdAt ?? -1} >= 0 AND source_row - 1 > ${duplicateIdAt ?? -1} THEN 1 ELSE 0 END) AS in_order
       FROM read_parquet('${records}')`,
    );
    assert.deepEqual(rows[0], {
      n: duplicateIdAt === null ? ROWS : ROWS - 1,
      wrong: 0,
      wrong_names: 0,
      in_order: true,
    });
    // Copied pages sit after every page the COPY wrote; pages written in one COPY sit row group by row group.
    const layout = await engine.rows(
      'layout',
      `SELECT min(data_page_offset) FILTER (WHERE path_in_schema = 'Notes') >
                max(data_page_offset) FILTER (WHERE path_in_schema = 'row_index') AS copied
       FROM parquet_metadata('${records}')`,
    );
    copied = layout[0]?.copied === true;
    const columns = await engine.rows('columns', `DESCRIBE SELECT * FROM read_parquet('${records}')`);
    assert.deepEqual(
      columns.slice(-3).map((c) => `${c.column_name}:${c.column_type}`),
      ['Account ID:VARCHAR', 'Account Name:VARCHAR', 'Notes:VARCHAR'],
    );
  } finally {
    engine.close();
  }
  return { sourceGroups: await parquetRowGroupRows(source), copied };
}

test("a clean CSV's source.parquet has full row groups, so records.parquet takes its source columns' pages", async () => {
  const { sourceGroups, copied } = await checkRecords(null);
  assert.deepEqual(sourceGroups, [BigInt(ROW_GROUP_ROWS), BigInt(ROW_GROUP_ROWS), 1234n]);
  assert.equal(copied, true);
});

test("a row rejected for its id leaves source.parquet's row groups full, so records.parquet still takes the pages", async () => {
  const { sourceGroups, copied } = await checkRecords(3);
  assert.deepEqual(sourceGroups, [BigInt(ROW_GROUP_ROWS), BigInt(ROW_GROUP_ROWS), 1233n]);
  assert.equal(copied, true);
});

test("when source.parquet's row groups are not records.parquet's, records.parquet is written in full and still right", async () => {
  const { sourceGroups, copied } = await checkRecords(null, true);
  assert.equal(copied, false);
  assert.ok(
    sourceGroups.slice(0, -1).some((rows) => rows !== BigInt(ROW_GROUP_ROWS)),
    `uneven row groups expected: ${sourceGroups.join(', ')}`,
  );
});
