import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../src/engine/database.js';
import { CHUNK_ROWS, loadColumns } from '../../src/engine/load-columns.js';

test('loadColumns keeps row order and values across many appender chunks, with NULLs and BIGINTs (issue 14)', async () => {
  const engine = await Engine.open({ memoryLimit: '512MB', threads: 2 });
  try {
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
  } finally {
    engine.close();
  }
});
