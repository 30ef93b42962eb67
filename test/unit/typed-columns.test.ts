import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resizedColumns } from '../../src/core/typed-columns.js';

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
