/** Worker-thread scoring equals single-thread scoring exactly, for 1, 2 and 3 workers (STYLE §3.5: 1 vs N). */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { buildKeyStore } from '../../src/core/key-store.js';
import { buildKeyTokens } from '../../src/core/key-tokens.js';
import { FEATURE_COUNT } from '../../src/core/match/features.js';
import { allocatePairScores, type PairScores, type ScoreOptions, scorePairs } from '../../src/core/score.js';
import { createScorePool, scoreInBatches, scorePairsParallel } from '../../src/workers/score-pool.js';

const OPTS: ScoreOptions = {
  numStyleMismatchPenalty: 5,
  suffixConflictPenalty: 25,
  suffixEquivalence: [['INC', 'CORP']],
};
const SEED = 7;

/** Deterministic LCG so the data set is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS =
  'acme home depot store walmart pacific bell bank of america smith sons plumbing 20 7 the and staffing'.split(' ');
const CLASSES = ['NONE', 'INC', 'CORP', 'LLC'];
const rand = lcg(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const cores = Array.from({ length: 1500 }, () =>
  Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(WORDS)).join(' '),
);
// A few long cores force the multi-word kernel path inside the workers too.
for (let i = 0; i < 20; i++) cores.push(Array.from({ length: 20 }, () => pick(WORDS)).join(' '));
const store = buildKeyStore(
  buildKeyTokens(cores, { tokenRewrites: { stores: 'store' }, weakTokens: ['the', 'and', 'of'] }),
  cores.map(() => pick(CLASSES)),
  cores,
);
const n = 6000;
const a = new Int32Array(n);
const b = new Int32Array(n);
for (let k = 0; k < n; k++) {
  // Runs of the same left key, as candidate lists come, so workers also reuse bitmasks.
  a[k] = Math.floor(k / 4) % cores.length;
  b[k] = Math.floor(rand() * cores.length);
}

function assertSame(x: PairScores, y: PairScores, label: string): void {
  assert.equal(x.score.length, y.score.length, `${label}: length`);
  for (let k = 0; k < x.score.length; k++) {
    const same =
      x.score[k] === y.score[k] &&
      Object.is(x.base[k], y.base[k]) &&
      Object.is(x.tokenSort[k], y.tokenSort[k]) &&
      Object.is(x.tokenSet[k], y.tokenSet[k]) &&
      Object.is(x.jaccard[k], y.jaccard[k]) &&
      x.penalties[k] === y.penalties[k];
    assert.ok(same, `${label}: pair ${k} (${cores[a[k] as number]} / ${cores[b[k] as number]}) differs`);
  }
}

describe(`score pool on ${n} pairs (seed ${SEED})`, () => {
  const single = scorePairs(store, a, b, OPTS);

  for (const workers of [1, 2, 3]) {
    test(`${workers} worker(s) give the same columns as scorePairs`, async () => {
      assertSame(await scorePairsParallel(store, a, b, OPTS, workers), single, `${workers} workers`);
    });
  }

  describe('a pool held across batches', () => {
    const pool = createScorePool(store, 2);
    after(() => pool.close());

    test('two batches with different options, submitted together, each equal scorePairs', async () => {
      const strict: ScoreOptions = { ...OPTS, suffixEquivalence: [] };
      const [r1, r2] = await Promise.all([pool.score(a, b, OPTS), pool.score(b, a, strict)]);
      assertSame(r1, single, 'batch 1');
      assertSame(r2, scorePairs(store, b, a, strict), 'batch 2');
    });
    test('an empty batch gives empty columns', async () => {
      assert.equal((await pool.score(new Int32Array(0), new Int32Array(0), OPTS)).score.length, 0);
    });
    test('a key outside the store is rejected before any worker runs', async () => {
      await assert.rejects(pool.score(Int32Array.of(0), Int32Array.of(cores.length), OPTS), /keys 0\.\./);
    });
    for (const batchSize of [7, 1000, n]) {
      test(`scored in batches of ${batchSize}, each handed over in order with the scores of its own pairs`, async () => {
        const got = allocatePairScores(n);
        let next = 0;
        await scoreInBatches(pool, a, b, OPTS, batchSize, (start, end, scores) => {
          assert.equal(start, next, 'batches in order, none skipped');
          assert.equal(end - start, Math.min(batchSize, n - start));
          next = end;
          for (const column of Object.keys(got) as (keyof PairScores)[]) {
            const width = column === 'levels' ? FEATURE_COUNT : 1;
            got[column].set(scores[column].subarray(0, (end - start) * width) as never, start * width);
          }
        });
        assert.equal(next, n);
        assertSame(got, single, `batches of ${batchSize}`);
      });
    }
    test('pair arrays already on SharedArrayBuffers are used in place', async () => {
      const sa = new Int32Array(new SharedArrayBuffer(n * 4));
      const sb = new Int32Array(new SharedArrayBuffer(n * 4));
      sa.set(a);
      sb.set(b);
      assertSame(await pool.score(sa, sb, OPTS), single, 'shared input');
    });
  });

  test('workers = 1 scores inline, without threads', () => {
    const pool = createScorePool(store, 1);
    assert.equal(pool.size, 0);
    return pool.close();
  });
});
