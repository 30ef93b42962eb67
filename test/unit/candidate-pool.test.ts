import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from '../../src/config/schema.js';
import {
  blockingReport,
  candidateSources,
  collectCandidates,
  collectTakenRanges,
  generateCandidates,
} from '../../src/core/blocking.js';
import { buildKeyTokens } from '../../src/core/key-tokens.js';
import { computeTokenStats } from '../../src/core/token-stats.js';
import { blockingOptions } from '../../src/pipeline/block.js';
import {
  bridgesInParallel,
  candidateSourcesInParallel,
  collectCandidatesInParallel,
  startBridgeWorker,
  startCandidateWorkers,
} from '../../src/workers/candidate-pool.js';

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

// Issue 14: threads take ranges of keys in turn from one shared counter. A range is taken once, by the first thread
// to reach it, and what a thread collects of the ranges it took is what the one-thread loop collects of them.
test('ranges taken from a shared counter are each taken once and collected as the one-thread loop collects them', () => {
  const cores = sampleCores();
  const keys = buildKeyTokens(cores, REWRITES);
  const eligible = new Uint8Array(cores.length).fill(1);
  const opts = { ...blockingOptions(configSchema.parse({}), cores.length), windowSize: 4, maxBlock: 60 };
  const sources = candidateSources(keys, cores, eligible, opts);
  const step = Math.ceil(cores.length / 7);
  const ranges: [number, number][] = [];
  for (let from = 0; from < cores.length; from += step) ranges.push([from, Math.min(cores.length, from + step)]);
  const next = new Int32Array(new SharedArrayBuffer(4));
  // Two ranges already taken elsewhere.
  next[0] = 2;
  const first = collectTakenRanges(sources, ranges, next);
  assert.deepEqual(
    first.taken,
    ranges.map((_r, i) => i).filter((i) => i >= 2),
  );
  assert.deepEqual(
    first.collected,
    ranges.slice(2).map(([from, to]) => collectCandidates(sources, from, to)),
  );
  const late = collectTakenRanges(sources, ranges, next);
  assert.deepEqual(late, { taken: [], collected: [] });
});

// Issue 14: the bridge blocks are built on a worker thread while the calling one builds the block index.
// A worker left running would hold the test open: the timeout turns that into a failure.
test('bridge blocks built on a worker beside the block index are the one-thread sources', {
  timeout: 120_000,
}, async () => {
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
  // Issue 14: the large columns of the bridges and the index are on shared memory: posted to the candidate worker,
  // they are not copied.
  const bridges = beside.bridges as NonNullable<typeof beside.bridges>;
  const index = beside.index;
  for (const column of [
    bridges.memberKey,
    bridges.memberBlock,
    bridges.keySlot,
    bridges.directMember,
    index.members,
    index.firstToken,
    index.orderA,
    index.char.members,
    index.char.keyPositions,
  ]) {
    assert.ok(column.buffer instanceof SharedArrayBuffer);
  }
  assert.deepEqual(
    await candidateSourcesInParallel(keys, cores, eligible, opts, stats, inputs, 1, { minKeys: 0 }),
    alone,
  );
  // A worker started ahead (while the block stage makes the tokens) builds the same bridges on two threads; on one,
  // the sources are built here after all. Either way the worker ends, not left holding the process open.
  for (const threads of [2, 1]) {
    const ahead = startBridgeWorker();
    const exited = new Promise<number>((resolve) => ahead.once('exit', resolve));
    assert.deepEqual(
      await candidateSourcesInParallel(keys, cores, eligible, opts, stats, inputs, threads, {
        minKeys: 0,
        bridgeWorker: ahead,
      }),
      alone,
    );
    await exited;
  }
  assert.equal(bridgesInParallel(cores.length, opts, 2, 0), true);
  assert.equal(bridgesInParallel(cores.length, opts, 1, 0), false);
  assert.equal(bridgesInParallel(cores.length, { bridges: false }, 2, 0), false);
  assert.equal(bridgesInParallel(cores.length, opts, 2, cores.length + 1), false);
});

// Issue 14: pairs that join exactly (same core, compatible suffixes) are left out as each thread collects, and each
// thread places its pairs in the shared columns: the pairs left are the one-thread pairs without the exact joins.
test('exact joins are left out on every thread; the placed pairs are the one-thread pairs without them', async () => {
  const distinct = sampleCores();
  // Some cores under two or three suffix classes: 0 none (compatible with any), 1 and 2 two that conflict.
  const cores: string[] = [];
  const coreId: number[] = [];
  const suffixCode: number[] = [];
  distinct.forEach((core, c) => {
    for (const suffix of c % 3 === 0 ? [0, 1, 2] : c % 3 === 1 ? [1, 2] : [0]) {
      cores.push(core);
      coreId.push(c);
      suffixCode.push(suffix);
    }
  });
  const exact = {
    coreId: Int32Array.from(coreId),
    suffixCode: Int32Array.from(suffixCode),
    compatible: Uint8Array.of(1, 1, 1, 1, 1, 0, 1, 0, 1),
    suffixCount: 3,
  };
  const keys = buildKeyTokens(cores, REWRITES);
  const eligible = new Uint8Array(cores.length).fill(1);
  const opts = { ...blockingOptions(configSchema.parse({}), distinct.length), windowSize: 4, maxBlock: 60 };
  const all = generateCandidates(keys, cores, eligible, opts).candidates;
  const joins = (a: number, b: number): boolean =>
    coreId[a] === coreId[b] && exact.compatible[(suffixCode[a] as number) * 3 + (suffixCode[b] as number)] === 1;
  const kept = Array.from({ length: all.count }, (_v, p) => p).filter(
    (p) => !joins(all.a[p] as number, all.b[p] as number),
  );
  const skipped = all.count - kept.length;
  assert.ok(skipped > 100 && kept.length > 1000, `exact joins to leave out (${skipped} of ${all.count})`);
  const sources = candidateSources(keys, cores, eligible, opts);
  for (const threads of [1, 2, 3]) {
    const collected = await collectCandidatesInParallel(sources, threads, 0, exact);
    assert.equal(collected.exactSkipped, skipped);
    assert.equal(collected.candidates.count, kept.length);
    assert.deepEqual(
      [...collected.candidates.a],
      kept.map((p) => all.a[p]),
    );
    assert.deepEqual(
      [...collected.candidates.b],
      kept.map((p) => all.b[p]),
    );
    assert.deepEqual(
      [...collected.candidates.keyKind],
      kept.map((p) => all.keyKind[p]),
    );
    // The report still counts every pair found.
    assert.deepEqual(
      blockingReport(keys, eligible, opts, sources, collected.pairsByMask),
      generateCandidates(keys, cores, eligible, opts).report,
    );
  }
});

// Issue 14: the block stage starts the loop's workers and posts them the block index while the bridge blocks are
// still being built; they are then sent only the rest of the sources.
test('workers started ahead and given the index collect the pairs the one-thread loop does', async () => {
  const cores = sampleCores();
  const keys = buildKeyTokens(cores, REWRITES);
  const eligible = new Uint8Array(cores.length).fill(1);
  const opts = { ...blockingOptions(configSchema.parse({}), cores.length), windowSize: 4, maxBlock: 60 };
  const alone = generateCandidates(keys, cores, eligible, opts);
  const sources = candidateSources(keys, cores, eligible, opts);
  assert.equal(startCandidateWorkers(2, cores.length).length, 0, 'below the parallel threshold: no workers');
  const prepared = startCandidateWorkers(3, cores.length, 0);
  assert.equal(prepared.length, 2);
  for (const worker of prepared) worker.prepare(sources.index);
  const split = await collectCandidatesInParallel(sources, 3, 0, undefined, prepared);
  assert.deepEqual(split.candidates, alone.candidates);
  // A worker given another index is sent the whole sources.
  const other = startCandidateWorkers(2, cores.length, 0);
  for (const worker of other) worker.prepare(candidateSources(keys, cores, eligible, opts).index);
  assert.deepEqual((await collectCandidatesInParallel(sources, 2, 0, undefined, other)).candidates, alone.candidates);
});
