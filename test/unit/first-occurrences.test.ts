import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstOccurrences, textHash } from '../../src/core/first-occurrences.js';

test('each string points at its first occurrence; distinct strings at themselves', () => {
  assert.deepEqual([...firstOccurrences(['a', 'b', 'a', '', 'b', '', 'A'])], [0, 1, 0, 3, 1, 3, 6]);
  assert.deepEqual([...firstOccurrences([])], []);
});

test('what a Map over the list gives, on many strings with colliding slots', () => {
  const values = Array.from({ length: 50_000 }, (_v, i) => `acct-${(i * 7919) % 20_011}`);
  const first = new Map<string, number>();
  const expected = values.map((v, i) => {
    const known = first.get(v);
    if (known !== undefined) return known;
    first.set(v, i);
    return i;
  });
  assert.deepEqual([...firstOccurrences(values)], expected);
});

test('strings whose hashes are equal are still told apart by their text', () => {
  // Pairs with the same FNV-1a hash: the table compares the texts when the hashes agree.
  const values = ['costarring', 'liquid', 'declinate', 'macallums', 'liquid', 'costarring', 'macallums'];
  assert.deepEqual([...firstOccurrences(values)], [0, 1, 2, 3, 1, 0, 3]);
});

test('textHash is a signed 32-bit integer, as an Int32Array keeps it, the empty string too', () => {
  for (const text of ['', 'a', 'costarring', 'é€😀']) assert.equal(textHash(text), new Int32Array([textHash(text)])[0]);
});
