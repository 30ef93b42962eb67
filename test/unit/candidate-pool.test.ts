import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from '../../src/config/schema.js';
import { blockingReport, candidateSources, generateCandidates } from '../../src/core/blocking.js';
import { buildKeyTokens } from '../../src/core/key-tokens.js';
import { computeTokenStats } from '../../src/core/token-stats.js';
import { blockingOptions } from '../../src/pipeline/block.js';
import { candidateSourcesInParallel, collectCandidatesInParallel } from '../../src/workers/candidate-pool.js';

/** Distinct cores of one to three words (some with numbers and typos), sorted as the block stage sorts keys. */
function sampleCores(): string[] {
  const words = 'acme beta gamma delta walmart walmrt target targget home depot stores fedex federal express'.split(
    ' ',
  );
  let state = 20261204;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  return [
    ...new Set(
      Array.from({ length: 3000 }, () =>
        Array.from({ length: 1 + next(3) }, () => `${words[next(words.length)]}${next(4) === 0 ? next(50) : ''}`).join(
          ' ',
        ),
      ),
    ),
  ].sort();
}
const REWRITES = { tokenRewrites: { stores: 'store' }, weakTokens: ['the', 'and', 'of'] };

// Issue 14: the block stage splits the per-key loop of candidate generation between threads. The pairs, their kinds
// and the report must be exactly what the one-thread loop gives.
test('candidate pairs collected on two threads equal the one-thread pairs, kinds and report', async () => {
  const cores = sampleCores();
  const keys = buildKeyTokens(cores, REWRITES);
  const eligible = new Uint8Array(cores.length).fill(1);
  const opts = { ...blockingOptions(configSchema.parse({}), cores.length), windowSize: 4, maxBlock: 60 };
  const alone = generateCandidates(keys, cores, eligible, opts);
  assert.ok(alone.candidates.count > 1000, `enough pairs to split (${alone.candidates.count})`);
  const sources = candidateSources(keys, cores, eligible, opts);
  const split = await collectCandidatesInParallel(sources, 2, 0);
  assert.deepEqual(split.candidates, alone.candidates);
  assert.deepEqual(blockingReport(keys, eligible, opts, sources, split.pairsByMask), alone.report);
});

// Issue 14: the bridge blocks are built on a worker thread while the calling one builds the block index.
test('bridge blocks built on a worker beside the block index are the one-thread sources', async () => {
  const cores = sampleCores();
  const keys = buildKeyTokens(cores, REWRITES);
  const eligible = new Uint8Array(cores.length).fill(1);
  // A few keys sit out (junk, unusable), so the seed's first tokens must follow eligibility as the index's do.
  for (let k = 0; k < cores.length; k += 17) eligible[k] = 0;
  const opts = { ...blockingOptions(configSchema.parse({}), cores.length), windowSize: 4, maxBlock: 60 };
  const stats = computeTokenStats(keys, cores, eligible);
  const inputs = {
    weights: Int32Array.from(cores, (_c, k) => 1 + (k % 7)),
    aliases: [[['fedex'], ['federal', 'express']]],
    abbreviations: new Map([['dpt', 'depot']]),
  };
  const alone = candidateSources(keys, cores, eligible, opts, stats, inputs);
  assert.ok((alone.bridges?.blockCount ?? 0) > 0, 'bridge blocks to build');
  const beside = await candidateSourcesInParallel(keys, cores, eligible, opts, stats, inputs, 2, { minKeys: 0 });
  assert.deepEqual(beside, alone);
  assert.deepEqual(
    await candidateSourcesInParallel(keys, cores, eligible, opts, stats, inputs, 1, { minKeys: 0 }),
    alone,
  );
});
