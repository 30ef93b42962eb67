/** Strings as RapidFuzz 3.14.6 sees them (SPEC §5.3): code points, its token separators, its sort order. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  codePointLength,
  compareByCodePoint,
  sortByCodePoint,
  splitTokens,
  toCodePoints,
} from '../../src/core/metrics/index.js';

describe('code points', () => {
  test('an astral character is one code point', () => {
    assert.deepEqual([...toCodePoints('a😀b')], [0x61, 0x1f600, 0x62]);
    assert.equal(codePointLength('a😀b'), 3);
  });
  test('an unpaired surrogate is one code point, as in Python', () => {
    assert.deepEqual([...toCodePoints('\udc00\ud800x')], [0xdc00, 0xd800, 0x78]);
    assert.equal(codePointLength('\udc00\ud800x'), 3);
  });
});

describe('token order is code-point order, not UTF-16 order', () => {
  const rows: [string, string, number][] = [
    ['\uff21', '😀', -1],
    ['😀', '\uff21', 1],
    ['ab', 'abc', -1],
    ['b', 'abc', 1],
    ['same', 'same', 0],
    ['\ud800', '\ue000', -1],
  ];
  for (const [a, b, sign] of rows) {
    test(`compareByCodePoint(${JSON.stringify(a)}, ${JSON.stringify(b)}) has sign ${sign}`, () =>
      assert.equal(Math.sign(compareByCodePoint(a, b)), sign));
  }
});

describe('token separators (RapidFuzz splits on U+0085 and U+00A0 only in strings wider than Latin-1)', () => {
  const rows: [string, string[]][] = [
    [' bank  of america ', ['bank', 'of', 'america']],
    ['a\tb\nc\u000bd\u000ce\rf', ['a', 'b', 'c', 'd', 'e', 'f']],
    ['a\u001cb\u001fc', ['a', 'b', 'c']],
    ['ab\u00a0cd', ['ab\u00a0cd']],
    ['ab\u0085cd', ['ab\u0085cd']],
    ['ab\u00a0cd é', ['ab\u00a0cd', 'é']],
    ['ab\u00a0cd \u0101', ['ab', 'cd', '\u0101']],
    ['ab\u0085cd 😀', ['ab', 'cd', '😀']],
    ['a\u3000b\u2003c\u2028d', ['a', 'b', 'c', 'd']],
    ['a\u200bb\ufeffc\u180ed', ['a\u200bb\ufeffc\u180ed']],
    ['', []],
    ['   ', []],
  ];
  for (const [s, tokens] of rows) {
    test(`splitTokens(${JSON.stringify(s)})`, () => assert.deepEqual(splitTokens(s), tokens));
  }
});

describe('sortByCodePoint: indices ordered by their texts as compareByCodePoint orders them', () => {
  const byComparator = (texts: string[]): number[] =>
    texts.map((_t, i) => i).sort((x, y) => compareByCodePoint(texts[x] as string, texts[y] as string));
  const cases: [string, string[]][] = [
    ['plain text', ['g-b', 'g-a', 'g-ab', 'g-', 'G-a', 'g-a']],
    ['astral beside a high BMP character (code-unit order differs)', ['\uff21x', '😀', 'a', '\uff21', '😀a']],
    ['an unpaired surrogate', ['\ud800', 'z', '\uffff', '\udc00a']],
    ['ties keep their index order', ['b', 'a', 'b', 'a']],
  ];
  for (const [name, texts] of cases) {
    test(name, () => {
      assert.deepEqual(
        [
          ...sortByCodePoint(
            Int32Array.from(texts, (_t, i) => i),
            texts,
          ),
        ],
        byComparator(texts),
      );
      assert.deepEqual(
        sortByCodePoint(
          texts.map((_t, i) => i),
          texts,
        ),
        byComparator(texts),
      );
    });
  }
});
