import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChunkedColumns, resizedColumns } from '../../src/core/typed-columns.js';

const allocate = (rows: number) => ({ id: new Int32Array(rows), pairs: new Uint8Array(rows * 2) });

test('resized columns keep their first rows when grown and their filled rows whole when cut', () => {
  const columns = { id: Int32Array.of(7, -3, 9), pairs: Uint8Array.of(1, 2, 3, 4, 5, 6) };
  const grown = resizedColumns(columns, 5, allocate);
  assert.deepEqual([...grown.id], [7, -3, 9, 0, 0]);
  assert.deepEqual([...grown.pairs], [1, 2, 3, 4, 5, 6, 0, 0, 0, 0]);
  const cut = resizedColumns(grown, 2, allocate);
  assert.deepEqual([...cut.id], [7, -3]);
  assert.deepEqual([...cut.pairs], [1, 2, 3, 4]);
  assert.notEqual(cut.id.buffer, grown.id.buffer, 'a copy, not a view of the larger arrays');
});

test('chunked columns join their rows in order, columns of several values a row kept whole, across chunk ends', () => {
  for (const rows of [0, 1, 2, 3, 7, 9]) {
    const chunks = new ChunkedColumns(3, allocate);
    for (let r = 0; r < rows; r++) {
      const k = chunks.nextRow();
      chunks.current.id[k] = 100 + r;
      chunks.current.pairs[2 * k] = r;
      chunks.current.pairs[2 * k + 1] = 50 + r;
    }
    assert.equal(chunks.rows, rows);
    const joined = chunks.joined();
    assert.deepEqual(
      [...joined.id],
      Array.from({ length: rows }, (_v, r) => 100 + r),
      `${rows} rows`,
    );
    assert.deepEqual([...joined.pairs], Array.from({ length: rows }, (_v, r) => [r, 50 + r]).flat(), `${rows} rows`);
  }
});
