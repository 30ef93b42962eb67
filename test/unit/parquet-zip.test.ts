import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Engine } from '../../src/engine/database.js';
import { parquetRowGroupRows, zipParquetColumns } from '../../src/engine/parquet-zip.js';
import { exists, tempDir } from '../support/run-fixture.js';

let engine: Engine;
before(async () => {
  engine = await Engine.open({ memoryLimit: '1GB', threads: 1 });
});
after(() => engine.close());

const ROWS = 10_000;
/** Columns like records.parquet's own: numbers, text, a list and a list of structs, NULLs among them. */
const LEFT = `SELECT i AS row_index, 'name ' || (i % 97) AS name_core, string_split('a b ' || (i % 13), ' ') AS name_tokens,
  CASE WHEN i % 5 = 0 THEN [{'text': 'alias ' || i, 'source': 'paren'}] ELSE [] END AS aliases,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS edge
  FROM range(${ROWS}) t(i)`;
/** Flat text columns like source.parquet's: a repetitive one (dictionary pages, a bloom filter), a unique one. */
const RIGHT = `SELECT i::INTEGER AS row_index, 'city ' || (i % 11) AS c0, 'note ' || i || repeat('x', i % 40) AS c1,
  '' AS c2 FROM range(${ROWS}) t(i)`;

async function write(sql: string, path: string, rowGroup: number): Promise<void> {
  await engine.run(
    'test write',
    `COPY (${sql}) TO '${path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroup})`,
  );
}

/** Paths of the two files to join and of the joined one, in a fresh folder. */
async function files(): Promise<{ left: string; right: string; out: string }> {
  const dir = await tempDir();
  return { left: join(dir, 'left.parquet'), right: join(dir, 'right.parquet'), out: join(dir, 'out.parquet') };
}

test('columns of a second file join a first row group by row group, renamed, as one COPY of both would read', async () => {
  const { left, right, out } = await files();
  await write(LEFT, left, 2048);
  await write(RIGHT, right, 2048);
  assert.ok((await parquetRowGroupRows(left)).length >= 4, 'several row groups');
  const rightBytes = await readFile(right);
  const joined = await zipParquetColumns(
    left,
    right,
    [
      { from: 'c1', as: 'Notes' },
      { from: 'c0', as: 'Billing City' },
      { from: 'c2', as: 'source:name_core' },
    ],
    out,
  );
  assert.equal(joined, true);
  assert.equal(await exists(left), false, 'the first file became the joined one');
  assert.deepEqual(await readFile(right), rightBytes, 'the second file is only read');
  const expected = `SELECT l.*, r.c1 AS "Notes", r.c0 AS "Billing City", r.c2 AS "source:name_core"
    FROM (${LEFT}) l POSITIONAL JOIN (${RIGHT}) r`;
  const described = async (sql: string) =>
    (await engine.rows('describe', `DESCRIBE ${sql}`)).map((c) => `${c.column_name}:${c.column_type}`);
  assert.deepEqual(await described(`SELECT * FROM read_parquet('${out}')`), await described(expected));
  const differences = await engine.rows(
    'compare',
    `SELECT count(*) AS n FROM (
       (SELECT * FROM read_parquet('${out}') EXCEPT ALL ${expected})
       UNION ALL (${expected} EXCEPT ALL SELECT * FROM read_parquet('${out}')))`,
  );
  assert.equal(Number(differences[0]?.n), 0);
  // In order, not only as a bag of rows; and a filter on a copied column still finds its rows.
  const ordered = await engine.rows(
    'order',
    `SELECT count(*) AS n FROM read_parquet('${out}') WHERE "Notes" <> 'note ' || row_index || repeat('x', row_index::INTEGER % 40)`,
  );
  assert.equal(Number(ordered[0]?.n), 0);
  const filtered = await engine.rows(
    'filter',
    `SELECT count(*) AS n FROM read_parquet('${out}') WHERE "Billing City" = 'city 3'`,
  );
  assert.equal(Number(filtered[0]?.n), Math.ceil((ROWS - 3) / 11));
});

test('files whose row groups hold different rows, or without the asked column, are left as they were', async () => {
  const { left, right, out } = await files();
  await write(LEFT, left, 4096);
  const leftBytes = await readFile(left);
  // As many row groups and rows in all, cut elsewhere (filtered chunks fill a row group past its size).
  await write(
    `SELECT i::INTEGER AS row_index, 'city ' || i AS c0 FROM range(10100) t(i) WHERE i % 101 <> 50`,
    right,
    2048,
  );
  const [leftGroups, rightGroups] = await Promise.all([parquetRowGroupRows(left), parquetRowGroupRows(right)]);
  assert.equal(rightGroups.length, leftGroups.length);
  assert.equal(
    rightGroups.reduce((a, b) => a + b, 0n),
    leftGroups.reduce((a, b) => a + b, 0n),
  );
  assert.notDeepEqual(rightGroups, leftGroups);
  assert.equal(await zipParquetColumns(left, right, [{ from: 'c0', as: 'City' }], out), false);
  // Fewer row groups.
  await write(RIGHT, right, 8192);
  assert.equal(await zipParquetColumns(left, right, [{ from: 'c0', as: 'City' }], out), false);
  await write(RIGHT, right, 4096);
  assert.equal(await zipParquetColumns(left, right, [{ from: 'c9', as: 'City' }], out), false);
  // A nested column is not taken apart.
  await write(`SELECT [c0] AS c0 FROM (${RIGHT})`, right, 4096);
  assert.equal(await zipParquetColumns(left, right, [{ from: 'c0', as: 'City' }], out), false);
  assert.deepEqual(await readFile(left), leftBytes);
  assert.equal(await exists(out), false);
});
