import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textHash } from '../../src/core/first-occurrences.js';
import { TextIndex } from '../../src/core/text-index.js';

test('texts are numbered in the order first added, as a Map would, through many growths of the table', () => {
  const index = new TextIndex();
  const map = new Map<string, number>();
  for (let i = 0; i < 60_000; i++) {
    const text = i % 3 === 0 ? `name ${(i * 7919) % 10_007}` : `other ${i % 25_013}`;
    let expected = map.get(text);
    if (expected === undefined) {
      expected = map.size;
      map.set(text, expected);
    }
    assert.equal(index.numberOf(text, i % 2 === 0 ? textHash(text) : undefined), expected);
  }
  assert.equal(index.size, map.size);
});

test('texts whose hashes are equal, and the empty text, get numbers of their own', () => {
  const index = new TextIndex();
  assert.deepEqual(
    ['costarring', 'liquid', '', 'liquid', 'costarring', ''].map((text) => index.numberOf(text)),
    [0, 1, 2, 1, 0, 2],
  );
});

test('a table sized ahead numbers texts as one that grows', () => {
  const texts = Array.from({ length: 5000 }, (_v, i) => `t${(i * 31) % 1200}`);
  const sized = new TextIndex(1200);
  const growing = new TextIndex();
  assert.deepEqual(
    texts.map((t) => sized.numberOf(t)),
    texts.map((t) => growing.numberOf(t)),
  );
  assert.equal(sized.size, 1200);
});
