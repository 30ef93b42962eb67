import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from '../../src/config/schema.js';
import { blockingReport, candidateSources, generateCandidates } from '../../src/core/blocking.js';
import { buildKeyTokens } from '../../src/core/key-tokens.js';
import { blockingOptions } from '../../src/pipeline/block.js';
import { collectCandidatesInParallel } from '../../src/workers/candidate-pool.js';

// Issue 14: the block stage splits the per-key loop of candidate generation between threads. The pairs, their kinds
// and the report must be exactly what the one-thread loop gives.
test('candidate pairs collected on two threads equal the one-thread pairs, kinds and report', async () => {
  const words = 'acme beta gamma delta walmart walmrt target targget home depot stores fedex federal express'.split(
    ' ',
  );
  let state = 20261204;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  const cores = [
    ...new Set(
      Array.from({ length: 3000 }, () =>
        Array.from({ length: 1 + next(3) }, () => `${words[next(words.length)]}${next(4) === 0 ? next(50) : ''}`).join(
          ' ',
        ),
      ),
    ),
  ].sort();
  const rewrites = { tokenRewrites: { stores: 'store' }, weakTokens: ['the', 'and', 'of'] };
  const keys = buildKeyTokens(cores, rewrites);
  const eligible = new Uint8Array(cores.length).fill(1);
  const opts = { ...blockingOptions(configSchema.parse({}), cores.length), windowSize: 4, maxBlock: 60 };
  const alone = generateCandidates(keys, cores, eligible, opts);
  assert.ok(alone.candidates.count > 1000, `enough pairs to split (${alone.candidates.count})`);
  const sources = candidateSources(keys, cores, eligible, opts);
  const split = await collectCandidatesInParallel(sources, 2, 0);
  assert.deepEqual(split.candidates, alone.candidates);
  assert.deepEqual(blockingReport(keys, eligible, opts, sources, split.pairsByMask), alone.report);
});
