import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildKeyTokens } from '../../src/core/key-tokens.js';
import { isAbbreviationOf, learnAbbreviations } from '../../src/core/learned-abbreviations.js';

const REWRITES = { tokenRewrites: { technologies: 'technology' }, weakTokens: ['the', 'and', 'of'] };
const OPTIONS = { minLength: 3, minContexts: 3, minContextRate: 0, minShare: 0.25 };

function learn(cores: string[], options = OPTIONS): Record<string, string> {
  return Object.fromEntries(learnAbbreviations(buildKeyTokens(cores, REWRITES), options));
}

/** `word` and `short` interchanged after each of `heads` (`jones const` / `jones construction`). */
function interchanged(heads: string[], word: string, short: string): string[] {
  return heads.flatMap((head) => [`${head} ${word}`, `${head} ${short}`]);
}

describe('isAbbreviationOf: same first letter, letters in order, at least two letters shorter', () => {
  for (const [short, long] of [
    ['const', 'construction'],
    ['hldgs', 'holdings'],
    ['mgmt', 'management'],
    ['eng', 'engineering'],
    ['ins', 'insurance'],
  ])
    test(`${short} / ${long}`, () => assert.equal(isAbbreviationOf(short as string, long as string, 3), true));
  for (const [short, long, why] of [
    ['store', 'stores', 'a plural is not an abbreviation'],
    ['martin', 'martinez', 'two letters more make another name'],
    ['st', 'street', 'shorter than the minimum length'],
    ['vii', 'viiii', 'roman numerals are numbers, not words'],
    ['eng', 'mechanic', 'a different first letter'],
    ['cnst', 'chestnut', 'its letters not in order within the long word'],
    ['acn', 'american', 'three letters only as the start of the word'],
  ])
    test(`not ${short} / ${long}: ${why}`, () =>
      assert.equal(isAbbreviationOf(short as string, long as string, 3), false));
});

describe('learnAbbreviations: what the file teaches', () => {
  test('a short word interchanged with its full word in three names is learned', () => {
    const cores = interchanged(['jones', 'burke', 'lee and son'], 'construction', 'const');
    assert.deepEqual(learn(cores), { const: 'construction' });
  });

  test('learned after the configured rewrites: `tech` reads as `technology`, which `technologies` already is', () => {
    const cores = interchanged(['valley star', 'blue ridge', 'pacific point'], 'technologies', 'tech');
    assert.deepEqual(learn(cores), { tech: 'technology' });
  });

  test('two names are not enough evidence', () => {
    const cores = interchanged(['jones', 'burke'], 'construction', 'const');
    assert.deepEqual(learn(cores), {});
  });

  test('a word interchanged in a small share of its names is a look-alike, not an abbreviation (green / greenfield)', () => {
    const shared = interchanged(['seafood', 'farms', 'valley nursery'], 'greenfield', 'green').map((core) =>
      core.split(' ').reverse().join(' '),
    );
    const greenElsewhere = Array.from({ length: 40 }, (_, i) => `green ${String.fromCharCode(97 + (i % 26))}${i} co`);
    assert.deepEqual(learn([...shared, ...greenElsewhere]), {});
  });

  test('a one-word name has no context: `const` alone teaches nothing', () => {
    assert.deepEqual(learn(['const', 'construction', 'const', 'construction']), {});
  });

  test('a rare long form does not take a common short word (two typos, `pzza` / `pizzza`)', () => {
    const cores = [
      ...interchanged(['marios', 'tonys', 'luigis'], 'pizzza', 'pzza'),
      ...['a', 'b', 'c', 'd'].map((x) => `${x} pzza`),
    ];
    assert.deepEqual(learn(cores), {});
  });

  test('a long word that is itself a typo of a wider word is no full form (`cofee` / `coffeee`)', () => {
    const cores = [
      ...interchanged(['starbucks', 'peets', 'dutch bros'], 'coffeee', 'cofee'),
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => `${x} coffee`),
    ];
    assert.deepEqual(learn(cores), {});
  });

  test('the evidence needed grows with the file: three names among many are a coincidence', () => {
    const cores = interchanged(['jones', 'burke', 'lee and son'], 'construction', 'const');
    assert.deepEqual(learn(cores, { ...OPTIONS, minContextRate: 1 }), {});
  });

  test('the thresholds are options: one name suffices when asked', () => {
    const cores = interchanged(['jones'], 'construction', 'const');
    assert.deepEqual(learn(cores, { ...OPTIONS, minContexts: 1 }), { const: 'construction' });
  });
});
