import type { Worker } from 'node:worker_threads';
import { buildBlockIndex } from '../core/blocking/block-index.js';
import type { BridgeBlocks } from '../core/blocking/bridge-blocks.js';
import {
  type BlockingInputs,
  type BlockingOptions,
  type BridgeSeed,
  bridgeSeedOf,
  type CandidateRange,
  type CandidateSources,
  type CollectedCandidates,
  candidateSources,
  collectCandidateRanges,
  collectCandidates,
  joinCandidateRanges,
} from '../core/blocking.js';
import type { KeyTokens } from '../core/key-tokens.js';
import type { TokenStats } from '../core/token-stats.js';
import { startWorkerModule } from './start-worker.js';

/** A worker's share of candidate generation: the sources and its ranges of first keys. */
export interface CandidateJob {
  sources: CandidateSources;
  ranges: [number, number][];
}
export interface CandidateJobDone {
  ranges: CandidateRange[];
  error: string | null;
}

/** Below this many keys a worker's start-up and the copy of the sources cost more than the loop (94K: 33K keys). */
export const PARALLEL_MIN_KEYS = 100_000;
/** Ranges per thread: keys differ widely in partners (a head entity's hub meets thousands), so shares interleave. */
const RANGES_PER_THREAD = 32;

/**
 * Every candidate pair of the sources, the per-key loop split between this thread and `workers − 1` worker
 * threads (issue 14: at 1M records the loop is ~4 s of one core while the other waits). Each key's partners depend
 * only on the sources, so ranges of keys are collected apart and joined in key order: the result is the one
 * `joinCandidateRanges([collectCandidates(sources, 0, keyCount)])` gives.
 */
export async function collectCandidatesInParallel(
  sources: CandidateSources,
  workers: number,
  minKeys = PARALLEL_MIN_KEYS,
): Promise<CollectedCandidates> {
  const keyCount = sources.index.keyCount;
  const threads = Math.max(1, Math.floor(workers));
  if (threads === 1 || keyCount < minKeys) return joinCandidateRanges([collectCandidates(sources, 0, keyCount)]);
  const count = threads * RANGES_PER_THREAD;
  const step = Math.ceil(keyCount / count);
  const ranges: [number, number][] = [];
  for (let from = 0; from < keyCount; from += step) ranges.push([from, Math.min(keyCount, from + step)]);
  // Range r goes to thread r mod threads; thread 0 is this one.
  const share = (t: number): [number, number][] => ranges.filter((_r, i) => i % threads === t);
  const started = Array.from({ length: threads - 1 }, (_v, w) => runWorker({ sources, ranges: share(w + 1) }));
  let mine: CandidateRange[];
  try {
    mine = collectCandidateRanges(sources, share(0));
  } catch (e) {
    await Promise.allSettled(started);
    throw e;
  }
  const theirs = await Promise.all(started);
  const byRange: CandidateRange[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const t = i % threads;
    const k = Math.floor(i / threads);
    byRange.push((t === 0 ? mine[k] : theirs[t - 1]?.[k]) as CandidateRange);
  }
  return joinCandidateRanges(byRange);
}

function runWorker(job: CandidateJob): Promise<CandidateRange[]> {
  return runOnce(startWorkerModule('candidate-worker'), 'candidate', job, (done: CandidateJobDone) => {
    if (done.error !== null) throw new Error(`candidate generation failed in a worker thread: ${done.error}`);
    return done.ranges;
  });
}

/** Posts `job` to a fresh worker, settles with `take` of its one reply (or its failure), and stops it. */
function runOnce<J, D, T>(worker: Worker, what: string, job: J, take: (done: D) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (done: D) => {
      void worker.terminate();
      try {
        resolve(take(done));
      } catch (e) {
        reject(e);
      }
    });
    worker.once('error', (e) => {
      void worker.terminate();
      reject(e);
    });
    worker.once('exit', (code) => reject(new Error(`${what} worker exited with code ${code}`)));
    worker.postMessage(job);
  });
}

/** A bridge worker's job: `buildBridges` of the keys and their seed. */
export interface BridgeJob {
  keys: KeyTokens;
  cores: readonly string[];
  seed: BridgeSeed;
  opts: BlockingOptions;
  inputs: BlockingInputs;
}
export interface BridgeJobDone {
  bridges: BridgeBlocks | null;
  error: string | null;
}

/**
 * `candidateSources(keys, cores, eligible, opts, stats, inputs)` with the bridge blocks built on a worker thread while
 * this one builds the block index (issue 14: at 1M records the index is ~0.6 s of one core and the bridges ~2.5 s,
 * and neither reads the other; the bridges read only the index's cheap first tokens and token ranks,
 * {@link bridgeSeedOf}). `meanwhile` runs on this thread once the index is built, while the bridges still are. The
 * same sources whatever the thread count; below `minKeys` keys, or with one thread, all on this one.
 */
export async function candidateSourcesInParallel(
  keys: KeyTokens,
  cores: readonly string[],
  eligible: Uint8Array,
  opts: BlockingOptions,
  stats: TokenStats,
  inputs: BlockingInputs,
  workers: number,
  { minKeys = PARALLEL_MIN_KEYS, meanwhile }: { minKeys?: number; meanwhile?: () => void } = {},
): Promise<CandidateSources> {
  if (Math.floor(workers) < 2 || keys.keyCount < minKeys || opts.bridges === false) {
    const sources = candidateSources(keys, cores, eligible, opts, stats, inputs);
    meanwhile?.();
    return sources;
  }
  const job: BridgeJob = { keys, cores, seed: bridgeSeedOf(keys, cores, eligible, opts, stats), opts, inputs };
  const bridges = runOnce(startWorkerModule('bridge-worker'), 'bridge', job, (done: BridgeJobDone) => {
    if (done.bridges === null) throw new Error(`bridge blocks failed in a worker thread: ${done.error}`);
    return done.bridges;
  });
  // Settled (so never unhandled) when building the index fails first.
  bridges.catch(() => undefined);
  const index = buildBlockIndex(keys, cores, eligible, opts, stats);
  meanwhile?.();
  return { index, bridges: await bridges, windowSize: opts.windowSize };
}
