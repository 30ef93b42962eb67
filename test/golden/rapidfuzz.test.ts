/**
 * SPEC §5.3: our metrics equal RapidFuzz 3.14.6 (fixture from tools/gen-golden.py) to the last bit, through
 * every implementation: the string API over the reference DP and over the bit-parallel kernel, the one-vs-many
 * API, and the batch scorer over the encoded key store. Each in both argument orders.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildKeyStore } from '../../src/core/key-store.js';
import type { KeyTokens } from '../../src/core/key-tokens.js';
import {
  fastRatios,
  jaccard,
  type Ratios,
  ratioMany,
  referenceRatios,
  splitTokens,
  tokenSortRatioMany,
} from '../../src/core/metrics/index.js';
import { type ScoreOptions, scorePairs } from '../../src/core/score.js';

interface GoldenCase {
  tag: string;
  a: string;
  b: string;
  ratio: number;
  token_sort_ratio: number;
  token_set_ratio: number;
  jaccard: number;
  score?: number;
}
interface Golden {
  header: { rapidfuzz_version: string; command: string; count: number };
  cases: GoldenCase[];
}

const golden = JSON.parse(
  readFileSync(new URL('../fixtures/golden/rapidfuzz.json', import.meta.url), 'utf8'),
) as Golden;
const IMPLS: readonly (readonly [string, Ratios])[] = [
  ['reference', referenceRatios],
  ['fast', fastRatios],
];
const OPTS: ScoreOptions = {
  numStyleMismatchPenalty: 5,
  suffixConflictPenalty: 25,
  suffixEquivalence: [['INC', 'CORP']],
};

function show(s: string): string {
  const j = JSON.stringify(s);
  return j.length > 60 ? `${j.slice(0, 57)}…(${s.length})` : j;
}

test('fixture header names rapidfuzz 3.14.6 and the command, and holds at least 3,000 pairs', () => {
  assert.equal(golden.header.rapidfuzz_version, '3.14.6');
  assert.match(golden.header.command, /gen-golden\.py/);
  assert.equal(golden.cases.length, golden.header.count);
  assert.ok(golden.cases.length >= 3000);
});

const byTag = new Map<string, GoldenCase[]>();
for (const c of golden.cases) {
  const list = byTag.get(c.tag) ?? [];
  list.push(c);
  byTag.set(c.tag, list);
}

for (const [tag, cases] of byTag) {
  describe(`golden ${tag}`, () => {
    for (const c of cases) {
      test(`${show(c.a)} vs ${show(c.b)}`, () => {
        for (const [impl, r] of IMPLS) {
          for (const [x, y] of [
            [c.a, c.b],
            [c.b, c.a],
          ] as const) {
            const pair = `(${show(x)}, ${show(y)})`;
            assert.equal(r.ratio(x, y), c.ratio, `${impl} ratio mismatch for ${pair}`);
            assert.equal(r.tokenSortRatio(x, y), c.token_sort_ratio, `${impl} token_sort_ratio mismatch for ${pair}`);
            assert.equal(r.tokenSetRatio(x, y), c.token_set_ratio, `${impl} token_set_ratio mismatch for ${pair}`);
          }
        }
        assert.equal(jaccard(splitTokens(c.a), splitTokens(c.b)), c.jaccard, 'jaccard');
        assert.equal(jaccard(splitTokens(c.b), splitTokens(c.a)), c.jaccard, 'jaccard reversed');
      });
    }
  });
}

describe('one-vs-many equals pairwise', () => {
  const choices = golden.cases.map((c) => c.b);
  for (const c of golden.cases.filter((_, i) => i % 97 === 0)) {
    test(`ratioMany / tokenSortRatioMany for ${show(c.a)}`, () => {
      const many = ratioMany(c.a, choices);
      const sortMany = tokenSortRatioMany(c.a, choices);
      for (let i = 0; i < choices.length; i++) {
        const b = choices[i] as string;
        assert.equal(many[i], fastRatios.ratio(c.a, b), `ratio mismatch for (${show(c.a)}, ${show(b)})`);
        assert.equal(
          sortMany[i],
          fastRatios.tokenSortRatio(c.a, b),
          `token_sort mismatch for (${show(c.a)}, ${show(b)})`,
        );
      }
      const own = golden.cases.indexOf(c);
      assert.equal(many[own], c.ratio);
      assert.equal(sortMany[own], c.token_sort_ratio);
    });
  }
});

describe('batch scorer over the key store', () => {
  // Keys are the fixture strings themselves, tokenised as RapidFuzz splits them, no rewrites, no weak tokens,
  // suffix NONE: then token_sort, token_set, jaccard and the SPEC §5.4 score must all equal the fixture.
  const strings: string[] = [];
  const index = new Map<string, number>();
  const keyOf = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      index.set(s, i);
      strings.push(s);
    }
    return i;
  };
  const a = Int32Array.from(golden.cases, (c) => keyOf(c.a));
  const b = Int32Array.from(golden.cases, (c) => keyOf(c.b));
  const dictionary = new Map<string, number>();
  const tokens: string[] = [];
  const ids: number[] = [];
  const offsets = new Int32Array(strings.length + 1);
  strings.forEach((s, i) => {
    offsets[i] = ids.length;
    for (const t of splitTokens(s)) {
      let id = dictionary.get(t);
      if (id === undefined) {
        id = tokens.length;
        dictionary.set(t, id);
        tokens.push(t);
      }
      ids.push(id);
    }
  });
  offsets[strings.length] = ids.length;
  const keyTokens: KeyTokens = {
    keyCount: strings.length,
    tokens,
    isWeak: new Uint8Array(tokens.length),
    offsets,
    ids: Int32Array.from(ids),
  };
  const store = buildKeyStore(
    keyTokens,
    strings.map(() => 'NONE'),
    strings,
  );

  for (const [order, x, y] of [
    ['a, b', a, b],
    ['b, a', b, a],
  ] as const) {
    test(`every fixture pair in order (${order})`, () => {
      const r = scorePairs(store, x, y, OPTS);
      golden.cases.forEach((c, k) => {
        const pair = `(${show(c.a)}, ${show(c.b)})`;
        assert.equal(r.tokenSort[k], c.token_sort_ratio, `token_sort mismatch for ${pair}`);
        assert.equal(r.tokenSet[k], c.token_set_ratio, `token_set mismatch for ${pair}`);
        assert.equal(r.jaccard[k], c.jaccard, `jaccard mismatch for ${pair}`);
        if (c.score !== undefined) assert.equal(r.score[k], c.score, `score mismatch for ${pair}`);
      });
    });
  }

  test('pairs grouped by left key (bitmasks reused) equal pairs scored one at a time', () => {
    const order = Array.from(a.keys()).sort((i, j) => (a[i] as number) - (a[j] as number));
    const ga = Int32Array.from(order, (i) => a[i] as number);
    const gb = Int32Array.from(order, (i) => b[i] as number);
    const grouped = scorePairs(store, ga, gb, OPTS);
    for (let k = 0; k < order.length; k += 7) {
      const one = scorePairs(store, ga.subarray(k, k + 1), gb.subarray(k, k + 1), OPTS);
      assert.equal(grouped.tokenSort[k], one.tokenSort[0]);
      assert.equal(grouped.tokenSet[k], one.tokenSet[0]);
      assert.equal(grouped.base[k], one.base[0]);
    }
  });
});
