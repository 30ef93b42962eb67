/**
 * The bit-parallel LCS kernel equals the plain DP on random strings (seeded), with lengths at the kernel's
 * word boundaries (31/32/33, 63/64/65, 95/96/97) and beyond, over ASCII, Latin-1 and astral code points.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  LcsPattern,
  lcsLength,
  lcsLengthReference,
  ratio,
  referenceRatios,
  toCodePoints,
  tokenSetRatio,
  tokenSortRatio,
} from '../../src/core/metrics/index.js';

const SEED = 424242;
const BOUNDARY_LENGTHS = [0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 97, 128, 129, 200];
const ALPHABETS = ['ab', 'abcd ', 'abcdefghijklmnopqrstuvwxyz ', 'aé\u0101株😀 ', 'x\u{1f600}\u{1f601}\u00a0'];

const symbols = (alphabet: string) => fc.constantFrom(...Array.from(alphabet));
const text = (alphabet: string) =>
  fc
    .oneof(fc.constantFrom(...BOUNDARY_LENGTHS), fc.integer({ min: 0, max: 150 }))
    .chain((n) => fc.array(symbols(alphabet), { minLength: n, maxLength: n }))
    .map((cs) => cs.join(''));
const pairOver = fc.constantFrom(...ALPHABETS).chain((al) => fc.tuple(text(al), text(al)));

function lcsBoth(x: string, y: string): [number, number] {
  const a = toCodePoints(x);
  const b = toCodePoints(y);
  return [lcsLength(a, 0, a.length, b, 0, b.length), lcsLengthReference(a, 0, a.length, b, 0, b.length)];
}

describe(`bit-parallel LCS = DP (seed ${SEED})`, () => {
  test('random pairs at word boundaries, both orders', () => {
    fc.assert(
      fc.property(pairOver, ([x, y]) => {
        const [fast, ref] = lcsBoth(x, y);
        assert.equal(fast, ref, `lcs mismatch for (${JSON.stringify(x)}, ${JSON.stringify(y)})`);
        assert.equal(lcsBoth(y, x)[0], ref, 'not symmetric');
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  test('every length pair 0..70 × {0, 1, 31, 32, 33, 63, 64, 65, 97}', () => {
    let s = 1;
    const rnd = () => {
      s = (Math.imul(s, 48271) + 11) >>> 0;
      return s;
    };
    for (let n = 0; n <= 70; n++) {
      for (const m of [0, 1, 31, 32, 33, 63, 64, 65, 97]) {
        const x = Array.from({ length: n }, () => 'abc'[rnd() % 3]).join('');
        const y = Array.from({ length: m }, () => 'abc'[rnd() % 3]).join('');
        const [fast, ref] = lcsBoth(x, y);
        assert.equal(fast, ref, `lcs mismatch at lengths ${n}, ${m}`);
      }
    }
  });

  test('identical strings: LCS is the length, at every length to 130', () => {
    for (let n = 0; n <= 130; n++) {
      const x = 'abcdefg'.repeat(20).slice(0, n);
      assert.equal(lcsBoth(x, x)[0], n);
    }
  });

  test('one pattern against many texts equals pairwise (one-vs-many)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALPHABETS).chain((al) => fc.tuple(text(al), fc.array(text(al), { maxLength: 8 }))),
        ([q, texts]) => {
          const p = toCodePoints(q);
          const pattern = new LcsPattern();
          pattern.set(p, 0, p.length);
          for (const t of texts) {
            const c = toCodePoints(t);
            assert.equal(pattern.lcs(c, 0, c.length), lcsLengthReference(p, 0, p.length, c, 0, c.length));
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('a reused pattern forgets the previous one (long astral pattern, then short ASCII)', () => {
    const pattern = new LcsPattern();
    const long = toCodePoints('😀é株'.repeat(40));
    pattern.set(long, 0, long.length);
    assert.equal(pattern.lcs(long, 0, long.length), long.length);
    const short = toCodePoints('abc');
    pattern.set(short, 0, 3);
    assert.equal(pattern.lcs(long, 0, long.length), 0);
    assert.equal(pattern.lcs(toCodePoints('xaybzc'), 0, 6), 3);
  });
});

describe(`ratio properties (seed ${SEED})`, () => {
  const names = fc
    .array(fc.constantFrom('acme', 'home', 'depot', 'smith', 'sons', 'the', 'é', '😀', 'a', '20'), { maxLength: 8 })
    .map((t) => t.join(' '));
  test('symmetric, within 0..100, 100 on equal strings, fast = reference', () => {
    fc.assert(
      fc.property(names, names, (x, y) => {
        for (const [f, ref] of [
          [ratio, referenceRatios.ratio],
          [tokenSortRatio, referenceRatios.tokenSortRatio],
          [tokenSetRatio, referenceRatios.tokenSetRatio],
        ] as const) {
          const v = f(x, y);
          assert.equal(v, f(y, x));
          assert.equal(v, ref(x, y));
          assert.ok(v >= 0 && v <= 100);
        }
        assert.equal(ratio(x, x), 100);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
  test('token_sort_ratio is blind to token order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('acme', 'home', 'depot', 'x', '😀'), { maxLength: 6 }),
        names,
        (tokens, y) => {
          const shuffled = [...tokens].reverse().join(' ');
          assert.equal(tokenSortRatio(tokens.join(' '), y), tokenSortRatio(shuffled, y));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
