import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../src/engine/database.js';
import { CHUNK_ROWS, loadColumns } from '../../src/engine/load-columns.js';

/** Runs `work` on a fresh in-memory engine and closes it whatever happens. */
async function withEngine(work: (engine: Engine) => Promise<void>): Promise<void> {
  const engine = await Engine.open({ memoryLimit: '512MB', threads: 2 });
  try {
    await work(engine);
  } finally {
    engine.close();
  }
}

test('loadColumns keeps row order and values across many appender chunks, with NULLs and BIGINTs (issue 14)', async () => {
  await withEngine(async (engine) => {
    const n = CHUNK_ROWS * 3 + 17;
    const names = Array.from({ length: n }, (_v, i) => (i % 5 === 0 ? '' : `name ${i} "x", y\n`));
    await loadColumns(engine, 'many', n, [
      { name: 'i', type: 'INTEGER', values: Int32Array.from({ length: n }, (_v, i) => i) },
      { name: 'big', type: 'BIGINT', values: Float64Array.from({ length: n }, (_v, i) => i * 2 ** 33) },
      {
        name: 'x',
        type: 'DOUBLE',
        values: Float64Array.from({ length: n }, (_v, i) => (i % 7 === 0 ? Number.NaN : i / 3)),
      },
      { name: 'name', type: 'VARCHAR', values: names, nullIfEmpty: true },
      { name: 'code', type: 'UTINYINT', values: Uint8Array.from({ length: n }, (_v, i) => i % 251) },
    ]);
    // No ORDER BY: the table's scan order is the append order.
    const rows = await engine.rows<{ i: number; big: number; x: number | null; name: string | null; code: number }>(
      'read',
      'SELECT * FROM many',
    );
    assert.equal(rows.length, n);
    rows.forEach((r, i) => {
      assert.equal(r.i, i);
      assert.equal(r.big, i * 2 ** 33);
      assert.equal(r.x, i % 7 === 0 ? null : i / 3);
      assert.equal(r.name, i % 5 === 0 ? null : names[i]);
      assert.equal(r.code, i % 251);
    });
  });
});

test('text columns: a chunk of NULLs, then chunks without, keep their values; empty stays empty unless NULL is asked', async () => {
  await withEngine(async (engine) => {
    const n = CHUNK_ROWS * 3;
    // Chunk 0 holds empty names (NULL), chunk 1 none, chunk 2 one on its last row only.
    const blank = (i: number): boolean => (i < CHUNK_ROWS && i % 3 === 0) || i === n - 1;
    const names = Array.from({ length: n }, (_v, i) => (blank(i) ? '' : `Café ${i} 🍜 "q", \n`));
    const kept = Array.from({ length: n }, (_v, i) => (i % 4 === 0 ? '' : `ü${i}`));
    await loadColumns(engine, 'texts', n, [
      { name: 'name', type: 'VARCHAR', values: names, nullIfEmpty: true },
      { name: 'kept', type: 'VARCHAR', values: kept },
    ]);
    const rows = await engine.rows<{ name: string | null; kept: string | null }>('read', 'SELECT * FROM texts');
    assert.equal(rows.length, n);
    rows.forEach((r, i) => {
      assert.equal(r.name, blank(i) ? null : names[i], `row ${i}`);
      assert.equal(r.kept, kept[i], `row ${i}`);
    });
  });
});

test('typed columns copied whole into vectors keep their values: views at an offset, shared memory, booleans', async () => {
  await withEngine(async (engine) => {
    const n = CHUNK_ROWS * 2 + 5;
    // A view that starts 3 values into its buffer, and an array over shared memory (which goes value by value).
    const offsetInts = Int32Array.from({ length: n + 3 }, (_v, i) => (i - 3) * 7 - 1000).subarray(3);
    const shared = new Int32Array(new SharedArrayBuffer(n * 4));
    shared.forEach((_v, i) => {
      shared[i] = n - i;
    });
    const flags = Uint8Array.from({ length: n }, (_v, i) => (i % 3 === 0 ? 1 : 0));
    const notFlags = Uint8Array.from({ length: n }, (_v, i) => (i % 4 === 0 ? 2 : 0));
    await loadColumns(engine, 'typed', n, [
      { name: 'ints', type: 'INTEGER', values: offsetInts },
      { name: 'shared', type: 'INTEGER', values: shared },
      { name: 'ratio', type: 'DOUBLE', values: Float64Array.from({ length: n }, (_v, i) => i / 9) },
      { name: 'flag', type: 'BOOLEAN', values: flags },
      // Bytes other than 0 and 1 are not DuckDB booleans: they go value by value, as true.
      { name: 'wide_flag', type: 'BOOLEAN', values: notFlags },
    ]);
    const rows = await engine.rows<{ ints: number; shared: number; ratio: number; flag: boolean; wide_flag: boolean }>(
      'read',
      'SELECT * FROM typed',
    );
    assert.equal(rows.length, n);
    rows.forEach((r, i) => {
      assert.equal(r.ints, i * 7 - 1000);
      assert.equal(r.shared, n - i);
      assert.equal(r.ratio, i / 9);
      assert.equal(r.flag, i % 3 === 0);
      assert.equal(r.wide_flag, i % 4 === 0);
    });
  });
});

test('label columns arrive as ENUMs that read back as their labels, at every code width', async () => {
  await withEngine(async (engine) => {
    const n = CHUNK_ROWS * 2 + 9;
    // 3, 300 and 70,000 distinct labels: codes of one, two and four bytes.
    const widths = [3, 300, 70_000];
    const labels = widths.map((size) => Array.from({ length: size }, (_v, i) => `label '${i}' of ${size}`));
    await loadColumns(
      engine,
      'labelled',
      n,
      widths.map((size, w) => ({
        name: `l${size}`,
        type: 'ENUM' as const,
        values: Int32Array.from({ length: n }, (_v, i) => (i * 7919) % size),
        labels: labels[w] as string[],
      })),
    );
    const rows = await engine.rows<Record<string, string>>(
      'read',
      `SELECT ${widths.map((size) => `l${size}::VARCHAR AS l${size}`).join(', ')} FROM labelled`,
    );
    assert.equal(rows.length, n);
    rows.forEach((row, i) => {
      widths.forEach((size, w) => {
        assert.equal(row[`l${size}`], (labels[w] as string[])[(i * 7919) % size]);
      });
    });
  });
});

test('a label code outside its labels is refused before it reaches DuckDB', async () => {
  await withEngine(async (engine) => {
    await assert.rejects(
      loadColumns(engine, 'bad_labels', 3, [
        { name: 'l', type: 'ENUM', values: Int32Array.from([0, 2, 1]), labels: ['a', 'b'] },
      ]),
      /a code outside its 2 labels/,
    );
  });
});

test('number columns with NULLs (NaN) are copied whole with a validity mask: a chunk of NULLs, one without, the last row', async () => {
  await withEngine(async (engine) => {
    const n = CHUNK_ROWS * 3 + 11;
    // Chunk 0 has every third row NULL, chunk 1 none, chunk 2 all, and the last (short) chunk its last row only.
    const isNull = (i: number): boolean =>
      (i < CHUNK_ROWS && i % 3 === 0) || (i >= 2 * CHUNK_ROWS && i < 3 * CHUNK_ROWS) || i === n - 1;
    const ints = Float64Array.from({ length: n }, (_v, i) => (isNull(i) ? Number.NaN : i * 3 - 5000));
    const ratios = Float64Array.from({ length: n }, (_v, i) => (isNull(i) ? Number.NaN : i / 7));
    const plain = Array.from({ length: n }, (_v, i) => (isNull(i) ? Number.NaN : -i));
    const shared = new Int32Array(new SharedArrayBuffer(n * 4)).map((_v, i) => 2 ** 31 - 1 - i);
    await loadColumns(engine, 'nullable', n, [
      { name: 'int_from_doubles', type: 'INTEGER', values: ints },
      { name: 'ratio', type: 'DOUBLE', values: ratios },
      { name: 'int_from_array', type: 'INTEGER', values: plain },
      { name: 'shared', type: 'INTEGER', values: shared },
    ]);
    const rows = await engine.rows<{
      int_from_doubles: number | null;
      ratio: number | null;
      int_from_array: number | null;
      shared: number;
    }>('read', 'SELECT * FROM nullable');
    assert.equal(rows.length, n);
    rows.forEach((r, i) => {
      assert.equal(r.int_from_doubles, isNull(i) ? null : i * 3 - 5000, `row ${i}`);
      assert.equal(r.ratio, isNull(i) ? null : i / 7, `row ${i}`);
      assert.equal(r.int_from_array, isNull(i) ? null : -i, `row ${i}`);
      assert.equal(r.shared, 2 ** 31 - 1 - i, `row ${i}`);
    });
  });
});

test('an INTEGER column holding a value outside 32 bits is refused, not wrapped', async () => {
  await withEngine(async (engine) => {
    await assert.rejects(
      loadColumns(engine, 'too_wide', 2, [{ name: 'i', type: 'INTEGER', values: Float64Array.from([1, 2 ** 40]) }]),
      /loading too_wide/,
    );
  });
});
