import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spreadPairs } from '../../src/workers/score-warm-up.js';

const A = Int32Array.from({ length: 10 }, (_v, i) => i);
const B = Int32Array.from({ length: 10 }, (_v, i) => 100 + i);

test('the warm-up pairs are spread evenly over the batch from its first pair', () => {
  const { a, b } = spreadPairs(A, B, 10, 4);
  assert.deepEqual([...a], [0, 2, 5, 7]);
  assert.deepEqual([...b], [100, 102, 105, 107]);
});

test('a batch no larger than the warm-up is taken whole, and only its first n pairs', () => {
  assert.deepEqual([...spreadPairs(A, B, 10, 50).a], [...A]);
  assert.deepEqual([...spreadPairs(A, B, 3, 50).b], [100, 101, 102]);
  assert.equal(spreadPairs(A, B, 0, 50).a.length, 0);
});
