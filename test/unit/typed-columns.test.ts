import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ChunkedColumns, forEachMarked, resizedColumns, sharedColumn } from '../../src/core/typed-columns.js';

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

test('a shared column is zeroed and of its length, and V8 does not count its bytes as external memory', () => {
  const ints = sharedColumn(Int32Array, 5);
  assert.ok(ints instanceof Int32Array);
  assert.deepEqual([...ints], [0, 0, 0, 0, 0]);
  assert.equal(sharedColumn(Float64Array, 3).byteLength, 24);
  // The reason it exists: growth of external memory is what starts V8's full collections (issue 14).
  const bytes = 64 << 20;
  const before = process.memoryUsage();
  const big = sharedColumn(Uint8Array, bytes);
  big.fill(1);
  const after = process.memoryUsage();
  assert.ok(after.arrayBuffers - before.arrayBuffers >= bytes, 'the column holds its bytes');
  assert.ok(after.external - before.external < bytes / 4, 'but they are not external memory to V8');
  const counted = new Uint8Array(bytes);
  counted.fill(1);
  assert.ok(process.memoryUsage().external - after.external >= bytes / 2, "where an ArrayBuffer's are");
});

describe('forEachMarked: the positions whose mark is 1, in order', () => {
  const marked = (keep: Uint8Array): number[] => {
    const seen: number[] = [];
    forEachMarked(keep, (p) => seen.push(p));
    return seen;
  };
  const expected = (keep: Uint8Array): number[] => [...keep.keys()].filter((p) => keep[p] === 1);
  test('marks anywhere in a word of four, and in a tail shorter than four', () => {
    for (const n of [0, 1, 3, 4, 5, 8, 11]) {
      const keep = new Uint8Array(new SharedArrayBuffer(16), 0, n);
      for (let p = 0; p < n; p += 3) keep[p] = 1;
      assert.deepEqual(marked(keep), expected(keep), `n = ${n}`);
    }
  });
  test('a view that does not start on a four-byte boundary', () => {
    const keep = new Uint8Array(new ArrayBuffer(20), 1, 17);
    keep[0] = 1;
    keep[6] = 1;
    keep[16] = 1;
    assert.deepEqual(marked(keep), [0, 6, 16]);
  });
  test('all unset and all set', () => {
    assert.deepEqual(marked(new Uint8Array(13)), []);
    assert.deepEqual(marked(new Uint8Array(9).fill(1)), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
