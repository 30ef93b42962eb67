/** Unordered pairs of non-negative integers, as the grouping's centre guard asks of them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PairSet } from '../../src/core/pair-set.js';

test('a pair is in the set either way round, and no other pair is', () => {
  const set = PairSet.of(Int32Array.of(3, 7, 0), Int32Array.of(5, 2, 0));
  for (const [x, y] of [
    [3, 5],
    [5, 3],
    [7, 2],
    [2, 7],
    [0, 0],
  ] as const)
    assert.equal(set.has(x, y), true, `${x}, ${y}`);
  for (const [x, y] of [
    [3, 2],
    [5, 7],
    [0, 3],
    [1, 1],
  ] as const)
    assert.equal(set.has(x, y), false, `${x}, ${y}`);
});

test('many pairs, repeated ones and pairs whose slots collide all answer as a Set of both orders does', () => {
  const n = 5000;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const expected = new Set<string>();
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % 700;
  };
  for (let k = 0; k < n; k++) {
    a[k] = next();
    b[k] = next();
    expected.add(`${a[k]},${b[k]}`).add(`${b[k]},${a[k]}`);
  }
  const set = PairSet.of(a, b);
  for (let x = 0; x < 700; x += 3)
    for (let y = 0; y < 700; y += 5) assert.equal(set.has(x, y), expected.has(`${x},${y}`));
});

test('an empty set has no pair', () => {
  assert.equal(PairSet.of(new Int32Array(0), new Int32Array(0)).has(0, 0), false);
});

test('columns of different lengths are refused', () => {
  assert.throws(() => PairSet.of(Int32Array.of(1), new Int32Array(0)), /differ in length/);
});
