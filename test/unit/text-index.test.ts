import assert from 'node:assert/strict';
import { test } from 'node:test';
import { continuedTextHash, textHash } from '../../src/core/first-occurrences.js';
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

test('find gives the number of a text added before and −1 for any other, adding nothing', () => {
  const index = new TextIndex();
  for (const text of ['costarring', 'walmart', '']) index.numberOf(text);
  assert.deepEqual(
    ['walmart', '', 'costarring', 'liquid', 'walmar', 'walmart '].map((text) => index.find(text)),
    [1, 2, 0, -1, -1, -1],
  );
  assert.equal(index.size, 3);
  assert.equal(index.find('walmart', textHash('walmart')), 1);
});

test("a text's hash continues over what follows it: textHash of a + b from textHash(a)", () => {
  for (const [a, b] of [
    ['', ''],
    ['', 'walmart'],
    ['tjx', ''],
    ['tjx', 'companies'],
    ['café', 'ünïcode'],
  ] as const) {
    assert.equal(continuedTextHash(textHash(a), b), textHash(a + b));
  }
});

test('two texts are looked up as if joined, without joining them; a text whose hash agrees is not taken for it', () => {
  const index = new TextIndex();
  for (const text of ['safeway', 'stores', 'costarring', 'safewaystores']) index.numberOf(text);
  const joined = (a: string, b: string): number => index.numberOfJoined(a, b, continuedTextHash(textHash(a), b));
  assert.equal(joined('safeway', 'stores'), 3);
  assert.equal(joined('safe', 'waystores'), 3);
  assert.equal(joined('safeway', 'store'), -1);
  // `liquid` hashes as `costarring` does.
  assert.equal(textHash('liquid'), textHash('costarring'));
  assert.equal(joined('liq', 'uid'), -1);
  index.numberOf('liquid');
  assert.equal(joined('liq', 'uid'), 4);
  assert.equal(joined('', 'stores'), 1);
  assert.equal(index.size, 5);
});
