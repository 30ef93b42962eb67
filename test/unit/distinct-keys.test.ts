import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distinctKeys } from '../../src/core/distinct-keys.js';
import { firstOccurrences } from '../../src/core/first-occurrences.js';

/** The definition: the texts `core + '\0' + suffix` of the records taking part, deduplicated and sorted. */
function reference(cores: string[], suffixes: string[], takesPart: (i: number) => boolean) {
  const texts = cores.map((c, i) => `${c}\u0000${suffixes[i]}`);
  const sorted = [...new Set(texts.filter((_t, i) => takesPart(i)))].sort();
  const id = new Map(sorted.map((t, k) => [t, k]));
  const keyCore = sorted.map((t) => t.slice(0, t.indexOf('\u0000')));
  const keyCoreId: number[] = [];
  keyCore.forEach((core, k) => {
    keyCoreId.push(k === 0 ? 0 : (keyCoreId[k - 1] as number) + (core === keyCore[k - 1] ? 0 : 1));
  });
  return {
    keyOf: texts.map((t, i) => (takesPart(i) ? (id.get(t) as number) : -1)),
    keyCore,
    keySuffix: sorted.map((t) => t.slice(t.indexOf('\u0000') + 1)),
    keyCoreId,
    distinctCores: new Set(keyCore).size,
  };
}

test('keys numbered by core, then suffix, in code-unit order; a core that is a prefix of another comes first', () => {
  const cores = ['acme', 'acme co', 'acme', '', 'Zeta', 'acme', 'ácme', 'acme'];
  const suffixes = ['llc', '', '', 'inc', '', 'llc', '', 'corp'];
  const names = cores.map((c, i) => `${c}|${suffixes[i]}`);
  const keys = distinctKeys(cores, suffixes, firstOccurrences(names), (i) => i !== 6);
  assert.deepEqual(keys.keyCore, ['', 'Zeta', 'acme', 'acme', 'acme', 'acme co']);
  assert.deepEqual(keys.keySuffix, ['inc', '', '', 'corp', 'llc', '']);
  assert.deepEqual([...keys.keyCoreId], [0, 1, 2, 2, 2, 3]);
  assert.deepEqual([...keys.keyOf], [4, 5, 2, 0, 1, 4, -1, 3]);
  assert.equal(keys.distinctCores, 4);
});

test('what sorting the joined texts gives, on many records with repeated names and records left out', () => {
  let seed = 7;
  const next = (m: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % m;
  };
  const words = ['a', 'ab', 'abc', 'b', 'b a', 'ba', 'Ba', 'bä', 'c d e', ''];
  const suffixList = ['', 'inc', 'llc', 'co', 'Inc'];
  const cores: string[] = [];
  const suffixes: string[] = [];
  for (let i = 0; i < 5000; i++) {
    cores.push(`${words[next(words.length)]} ${words[next(words.length)]}`.trim());
    suffixes.push(suffixList[next(suffixList.length)] as string);
  }
  const names = cores.map((c, i) => `${c}\u0001${suffixes[i]}`);
  // Records of one name share their class, so whether they take part.
  const leftOut = (i: number): boolean => (cores[i] as string).startsWith('Ba');
  const keys = distinctKeys(cores, suffixes, firstOccurrences(names), (i) => !leftOut(i));
  const expected = reference(cores, suffixes, (i) => !leftOut(i));
  assert.deepEqual([...keys.keyOf], expected.keyOf);
  assert.deepEqual(keys.keyCore, expected.keyCore);
  assert.deepEqual(keys.keySuffix, expected.keySuffix);
  assert.deepEqual([...keys.keyCoreId], expected.keyCoreId);
  assert.equal(keys.distinctCores, expected.distinctCores);
});

test('no records taking part: no keys', () => {
  const keys = distinctKeys(['a', 'b'], ['', ''], [0, 1], () => false);
  assert.deepEqual([...keys.keyOf], [-1, -1]);
  assert.deepEqual(keys.keyCore, []);
  assert.equal(keys.distinctCores, 0);
});
