/** SPEC §5.4: the pair score, its penalties and rounding, and the key store it reads. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildKeyStore, digitRunSignature, type KeyStore, setRanks, sortedText } from '../../src/core/key-store.js';
import { buildKeyTokens, rewriteTokens, type TokenRewriteOptions } from '../../src/core/key-tokens.js';
import { jaccard, referenceRatios } from '../../src/core/metrics/index.js';
import {
  baseScore,
  finalScore,
  type PairScores,
  PENALTY_NUM_STYLE,
  PENALTY_SUFFIX_CONFLICT,
  roundHalfEven,
  type ScoreOptions,
  scorePairs,
  suffixesCompatible,
} from '../../src/core/score.js';

const OFF: TokenRewriteOptions = { tokenRewrites: {}, weakTokens: [] };
const DEFAULT_OPTS: ScoreOptions = {
  numStyleMismatchPenalty: 5,
  suffixConflictPenalty: 25,
  suffixEquivalence: [['INC', 'CORP']],
};

function storeOf(cores: readonly string[], suffixes?: readonly string[], rewrite = OFF): KeyStore {
  return buildKeyStore(buildKeyTokens(cores, rewrite), suffixes ?? cores.map(() => 'NONE'), cores);
}

/** Score one pair of cores in both orders; both orders must agree exactly. */
function scoreBoth(
  a: string,
  b: string,
  suffixA = 'NONE',
  suffixB = 'NONE',
  opts = DEFAULT_OPTS,
  rewrite = OFF,
): { score: number; base: number; penalties: number; tokenSort: number; tokenSet: number; jaccard: number } {
  const store = storeOf([a, b], [suffixA, suffixB], rewrite);
  const r = scorePairs(store, Int32Array.of(0, 1), Int32Array.of(1, 0), opts);
  const pick = (k: number) => ({
    score: r.score[k] as number,
    base: r.base[k] as number,
    penalties: r.penalties[k] as number,
    tokenSort: r.tokenSort[k] as number,
    tokenSet: r.tokenSet[k] as number,
    jaccard: r.jaccard[k] as number,
  });
  assert.deepEqual(pick(1), pick(0), `not symmetric for (${a}, ${b})`);
  return pick(0);
}

describe('SPEC §5.4 worked scores (rewrites and weak tokens off, suffixes NONE)', () => {
  const rows: [string, string, number, number][] = [
    ['alpha beta gamma', 'alpha beta gamma delta', 88, 0],
    ['bank of america n a', 'bank of america', 87, 0],
    ['20 20 plumbing', '20 plumbing', 90, PENALTY_NUM_STYLE],
    ['pacific bell 2', 'pacific bell 3', 79, PENALTY_NUM_STYLE],
  ];
  for (const [a, b, expected, penalties] of rows) {
    test(`${a} / ${b} → ${expected}`, () => {
      const r = scoreBoth(a, b);
      assert.equal(r.score, expected);
      assert.equal(r.penalties, penalties);
      // The batch kernel equals the formula over the string-level reference metrics.
      const x = a.split(' ');
      const y = b.split(' ');
      let base = baseScore(referenceRatios.tokenSortRatio(a, b), referenceRatios.tokenSetRatio(a, b), jaccard(x, y));
      if (penalties & PENALTY_NUM_STYLE) base -= 5;
      assert.equal(r.base, base);
      assert.equal(finalScore(base), expected);
    });
  }
});

describe('round half to even on the exact double', () => {
  const rows: [number, number][] = [
    [87.5, 88],
    [86.5, 86],
    [87.49999999999999, 87],
    [87.50000000000001, 88],
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [99.5, 100],
    [-0.5, 0],
    [-2.5, -2],
    [-2.6, -3],
    [42, 42],
  ];
  for (const [x, expected] of rows)
    test(`roundHalfEven(${x}) → ${expected}`, () => assert.equal(roundHalfEven(x), expected));
  test('finalScore clamps to 0..100', () => {
    assert.equal(finalScore(-12.5), 0);
    assert.equal(finalScore(100.4), 100);
  });
  test('a base of exactly 70.5 scores 70, not 71 (a .5 tie with an even floor)', () => {
    // token_sort 90 (dist 2 of 20), token_set 100, jaccard 1 → 95.5; minus the suffix penalty → 70.5.
    const r = scoreBoth('a a bcdefgh', 'a bcdefgh', 'INC', 'LLC');
    assert.equal(r.tokenSort, 90);
    assert.equal(r.base, 70.5);
    assert.equal(r.score, 70);
    assert.equal(scoreBoth('a a bcdefgh', 'a bcdefgh').score, 96);
  });
});

describe('suffix compatibility (SPEC §5.1)', () => {
  const rows: [string, string, readonly (readonly string[])[], boolean][] = [
    ['INC', 'CORP', [['INC', 'CORP']], true],
    ['CORP', 'INC', [['INC', 'CORP']], true],
    ['INC', 'LLC', [['INC', 'CORP']], false],
    ['NONE', 'LLC', [['INC', 'CORP']], true],
    ['LLC', 'NONE', [], true],
    ['LLC', 'LLC', [], true],
    ['INC', 'CORP', [], false],
    [
      'LLC',
      'PLLC',
      [
        ['INC', 'CORP'],
        ['LLC', 'PLLC'],
      ],
      true,
    ],
    [
      'INC',
      'PLLC',
      [
        ['INC', 'CORP'],
        ['LLC', 'PLLC'],
      ],
      false,
    ],
  ];
  for (const [a, b, eq, expected] of rows) {
    test(`suffixesCompatible(${a}, ${b}, ${JSON.stringify(eq)}) → ${expected}`, () =>
      assert.equal(suffixesCompatible(a, b, eq), expected));
  }
  test('acme INC / acme LLC draws the suffix penalty: 100 − 25 = 75', () => {
    const r = scoreBoth('acme', 'acme', 'INC', 'LLC');
    assert.equal(r.score, 75);
    assert.equal(r.penalties, PENALTY_SUFFIX_CONFLICT);
  });
  test('acme INC / acme CORP are equivalent: no penalty', () => {
    assert.equal(scoreBoth('acme', 'acme', 'INC', 'CORP').score, 100);
  });
  test('acme INC / acme NONE: no penalty', () => {
    assert.equal(scoreBoth('acme', 'acme', 'INC', 'NONE').penalties, 0);
  });
  test('the equivalence option is honoured: without sets INC / CORP conflict', () => {
    const opts = { ...DEFAULT_OPTS, suffixEquivalence: [] };
    assert.equal(scoreBoth('acme', 'acme', 'INC', 'CORP', opts).penalties, PENALTY_SUFFIX_CONFLICT);
  });
  test('both penalties together: 100 − 5 − 25', () => {
    const r = scoreBoth('acme 1', 'acme 2', 'INC', 'LLC');
    assert.equal(r.penalties, PENALTY_NUM_STYLE | PENALTY_SUFFIX_CONFLICT);
    assert.equal(r.base, baseScore(r.tokenSort, r.tokenSet, r.jaccard) - 5 - 25);
  });
});

describe('num_style: digit runs differ in order or count', () => {
  const rows: [string, string, string, boolean][] = [
    ['20 20 plumbing', '20,20', '20 plumbing', true],
    ['route 66 diner', '66', 'diner route 66', false],
    ['pacific bell', '', 'pacific bell 2', true],
    ['007 agency', '007', '7 agency', true],
    ['a1b22 c333', '1,22,333', 'a 1 b 22 c 333', false],
    ['12 34 x', '12,34', '34 12 x', true],
  ];
  for (const [a, sig, b, penalised] of rows) {
    test(`${a} / ${b}: ${penalised ? 'penalty' : 'no penalty'}`, () => {
      assert.equal(digitRunSignature(a), sig);
      assert.equal((scoreBoth(a, b).penalties & PENALTY_NUM_STYLE) !== 0, penalised);
    });
  }
});

describe('rewrites and weak tokens (SPEC §3 step 8, §5.4)', () => {
  const rewrite: TokenRewriteOptions = {
    tokenRewrites: { stores: 'store', shop: 'store' },
    weakTokens: ['the', 'and', 'of'],
  };
  test('token_sort and token_set see rewritten tokens with weak ones kept; jaccard drops weak tokens', () => {
    const r = scoreBoth('the home depot stores', 'home depot shop', 'NONE', 'NONE', DEFAULT_OPTS, rewrite);
    assert.equal(r.tokenSort, referenceRatios.tokenSortRatio('the home depot store', 'home depot store'));
    assert.equal(r.tokenSet, 100);
    assert.equal(r.jaccard, 1);
  });
  test('bank of america n a / bank of america with "of" weak: jaccard 2/4', () => {
    const r = scoreBoth('bank of america n a', 'bank of america', 'NONE', 'NONE', DEFAULT_OPTS, rewrite);
    assert.equal(r.jaccard, 2 / 4);
  });
  test('cores of weak tokens only have jaccard 0', () => {
    assert.equal(scoreBoth('the and', 'the', 'NONE', 'NONE', DEFAULT_OPTS, rewrite).jaccard, 0);
  });
});

describe('edge keys', () => {
  test('an empty core against a name: every component 0', () => {
    const r = scoreBoth('', 'acme');
    assert.deepEqual([r.tokenSort, r.tokenSet, r.jaccard, r.score], [0, 0, 0, 0]);
  });
  test('two empty cores: token_sort 100, token_set 0, jaccard 0 (RapidFuzz semantics)', () => {
    const r = scoreBoth('', '');
    assert.deepEqual([r.tokenSort, r.tokenSet, r.jaccard, r.score], [100, 0, 0, 45]);
  });
  test('a key against itself scores 100', () => {
    const store = storeOf(['smith and sons plumbing']);
    assert.equal(scorePairs(store, Int32Array.of(0), Int32Array.of(0), DEFAULT_OPTS).score[0], 100);
  });
  test('long cores (multi-word kernel path) score as the string metrics say', () => {
    const a = 'international brotherhood of electrical workers local union number 1245 pension trust fund';
    const b = 'international brotherhood electrical workers local 1245 pension and trust fund administration';
    const r = scoreBoth(a, b);
    assert.equal(r.tokenSort, referenceRatios.tokenSortRatio(a, b));
    assert.equal(r.tokenSet, referenceRatios.tokenSetRatio(a, b));
  });
});

describe('input checks', () => {
  const store = storeOf(['acme', 'acme widgets']);
  test('pair arrays of different lengths are rejected', () => {
    assert.throws(() => scorePairs(store, Int32Array.of(0, 1), Int32Array.of(1), DEFAULT_OPTS), /2 left keys but 1/);
  });
  test('a key outside the store is rejected', () => {
    assert.throws(() => scorePairs(store, Int32Array.of(0), Int32Array.of(2), DEFAULT_OPTS), /keys 0\.\.1/);
  });
  test('buildKeyStore wants one suffix class and one core per key', () => {
    assert.throws(() => buildKeyStore(buildKeyTokens(['a', 'b'], OFF), ['NONE'], ['a', 'b']), /2 keys but 1 suffix/);
  });
  test('an empty batch gives empty columns', () => {
    assert.equal(scorePairs(store, new Int32Array(0), new Int32Array(0), DEFAULT_OPTS).score.length, 0);
  });
});

describe('key store encoding', () => {
  const store = storeOf(['bank of america', 'zeta alpha alpha', '']);
  test('token_sort strings are sorted tokens joined by one space, duplicates kept', () => {
    assert.equal(sortedText(store, 0), 'america bank of');
    assert.equal(sortedText(store, 1), 'alpha alpha zeta');
    assert.equal(sortedText(store, 2), '');
  });
  test('token ranks follow code-point order of the token text; a key holds each distinct token once', () => {
    const words: string[] = [];
    for (let r = 0; r < store.tokenCount; r++) {
      words.push(String.fromCodePoint(...store.tokenChars.subarray(store.tokenOffsets[r], store.tokenOffsets[r + 1])));
    }
    assert.deepEqual(words, ['alpha', 'america', 'bank', 'of', 'zeta']);
    assert.deepEqual(setRanks(store, 1), [0, 4]);
    assert.deepEqual(setRanks(store, 2), []);
  });
  test('the store lives on SharedArrayBuffers', () => {
    for (const arr of [store.records, store.recordOffsets, store.tokenChars, store.tokenOffsets, store.tokenWeak]) {
      assert.ok(arr.buffer instanceof SharedArrayBuffer);
    }
  });
  test('astral code points are one character each', () => {
    const s = storeOf(['😀 a', 'a 😀'], ['NONE', 'NONE']);
    assert.equal(sortedText(s, 0), 'a 😀');
    const r = scorePairs(s, Int32Array.of(0), Int32Array.of(1), DEFAULT_OPTS);
    assert.equal(r.tokenSort[0], 100);
  });
});

describe('property: batch scorer = SPEC formula over the reference metrics (seeded)', () => {
  const VOCAB = ['acme', 'home', 'depot', 'stores', 'store', 'shop', 'the', 'of', 'and', '20', '7', 'bell', 'a', 'x1'];
  const CLASSES = ['NONE', 'INC', 'CORP', 'LLC'];
  const rewrite: TokenRewriteOptions = {
    tokenRewrites: { stores: 'store', shop: 'store' },
    weakTokens: ['the', 'of', 'and'],
  };
  const core = fc.array(fc.constantFrom(...VOCAB), { minLength: 0, maxLength: 7 }).map((t) => t.join(' '));

  test('random cores, suffixes and pairs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(core, fc.constantFrom(...CLASSES)), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 40 }),
        (keys, picks) => {
          const cores = keys.map(([c]) => c);
          const store = storeOf(
            cores,
            keys.map(([, s]) => s),
            rewrite,
          );
          const a = Int32Array.from(picks, ([x]) => x % keys.length);
          const b = Int32Array.from(picks, ([, y]) => y % keys.length);
          const r: PairScores = scorePairs(store, a, b, DEFAULT_OPTS);
          for (let k = 0; k < a.length; k++) {
            const i = a[k] as number;
            const j = b[k] as number;
            const ta = rewriteTokens(cores[i] as string, rewrite);
            const tb = rewriteTokens(cores[j] as string, rewrite);
            const sa = ta.join(' ');
            const sb = tb.join(' ');
            const weak = new Set(rewrite.weakTokens);
            const jac = jaccard(
              ta.filter((t) => !weak.has(t)),
              tb.filter((t) => !weak.has(t)),
            );
            let base = baseScore(referenceRatios.tokenSortRatio(sa, sb), referenceRatios.tokenSetRatio(sa, sb), jac);
            if (digitRunSignature(cores[i] as string) !== digitRunSignature(cores[j] as string)) base -= 5;
            if (!suffixesCompatible(keys[i]?.[1] as string, keys[j]?.[1] as string, DEFAULT_OPTS.suffixEquivalence)) {
              base -= 25;
            }
            assert.equal(r.base[k], base, `base mismatch for (${sa}, ${sb})`);
            assert.equal(r.score[k], finalScore(base));
          }
        },
      ),
      { seed: 20240611, numRuns: 300 },
    );
  });
});
