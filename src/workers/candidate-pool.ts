import type { Worker } from 'node:worker_threads';
import { type BlockIndex, buildBlockIndex } from '../core/blocking/block-index.js';
import type { BridgeBlocks } from '../core/blocking/bridge-blocks.js';
import {
  type BlockingInputs,
  type BlockingOptions,
  type BridgeSeed,
  bridgeSeedOf,
  type CandidateRange,
  type CandidateSources,
  type Candidates,
  type CollectedCandidates,
  candidateSources,
  collectCandidates,
  collectTakenRanges,
  type ExactJoins,
  joinCandidateRanges,
  placeCandidateRanges,
  type RangeSummary,
  summaryOf,
  summedRanges,
} from '../core/blocking.js';
import type { KeyTokens } from '../core/key-tokens.js';
import type { TokenStats } from '../core/token-stats.js';
import { runOnce, startWorkerModule } from './start-worker.js';

/**
 * A worker's part of candidate generation: the sources (without the block index when the worker was given it
 * before, {@link CandidateWorker.prepare}), every range of first keys and the shared counter (an Int32 over `next`)
 * each thread takes its next range from, the exact joins to leave out.
 */
export interface CandidateJob {
  sources: CandidateSources | Omit<CandidateSources, 'index'>;
  ranges: [number, number][];
  next: SharedArrayBuffer;
  exact: ExactJoins | undefined;
}
/** The block index, posted to a worker while the bridge blocks are still being built. */
export interface CandidateIndex {
  index: BlockIndex;
}
/** What the ranges a worker took found: `taken[i]` is the index of the range `ranges[i]` sums up. */
export interface CandidateJobDone {
  taken: number[];
  ranges: RangeSummary[];
  error: string | null;
}
/** Where a worker copies its ranges' pairs: the shared columns, and the position of each of its ranges. */
export interface CandidatePlacement {
  a: SharedArrayBuffer;
  b: SharedArrayBuffer;
  kind: SharedArrayBuffer;
  count: number;
  at: number[];
}
export interface CandidatePlacementDone {
  error: string | null;
}

/** Below this many keys a worker's start-up and the copy of the sources cost more than the loop (94K: 33K keys). */
export const PARALLEL_MIN_KEYS = 100_000;
/**
 * Ranges per thread: keys differ widely in partners (a head entity's hub meets thousands), so threads take ranges in
 * turn and end within a range of each other (issue 14: with every other range dealt to each thread ahead, one thread
 * went on alone for 0.25–0.7 s at 1M records).
 */
const RANGES_PER_THREAD = 32;

/**
 * Every candidate pair of the sources, the per-key loop split between this thread and `workers − 1` worker
 * threads (issue 14: at 1M records the loop is ~4 s of one core while the other waits), pairs that join exactly
 * (`exact`) left out. Each key's partners depend only on the sources, so ranges of keys are collected apart; each
 * thread then copies its ranges' pairs into their place in shared columns, so no thread copies every pair into
 * fresh memory (issue 14: that join was ~0.75 s of one core at 1M records, the other idle). The result is the one
 * `joinCandidateRanges([collectCandidates(sources, 0, keyCount, exact)])` gives.
 */
export async function collectCandidatesInParallel(
  sources: CandidateSources,
  workers: number,
  minKeys = PARALLEL_MIN_KEYS,
  exact?: ExactJoins,
  startedWorkers: readonly CandidateWorker[] = [],
): Promise<CollectedCandidates> {
  const keyCount = sources.index.keyCount;
  const threads = Math.max(1, Math.floor(workers));
  if (!loopInParallel(workers, keyCount, minKeys)) {
    for (const worker of startedWorkers) worker.stop();
    return joinCandidateRanges([collectCandidates(sources, 0, keyCount, exact)]);
  }
  const count = threads * RANGES_PER_THREAD;
  const step = Math.ceil(keyCount / count);
  const ranges: [number, number][] = [];
  for (let from = 0; from < keyCount; from += step) ranges.push([from, Math.min(keyCount, from + step)]);
  // Each thread takes the next range not yet taken; thread 0 is this one.
  const next = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const pool = Array.from({ length: threads - 1 }, (_v, w) => startedWorkers[w] ?? new CandidateWorker());
  for (const extra of startedWorkers.slice(threads - 1)) extra.stop();
  try {
    const started = pool.map((worker) => worker.collect({ sources, ranges, next, exact }));
    // Settled (so never unhandled) when this thread's share fails first.
    for (const s of started) s.catch(() => undefined);
    const mine = collectTakenRanges(sources, ranges, new Int32Array(next), exact);
    const theirs = await Promise.all(started);
    const summaries = new Array<RangeSummary | undefined>(ranges.length);
    mine.taken.forEach((r, k) => {
      summaries[r] = summaryOf(mine.collected[k] as CandidateRange);
    });
    for (const done of theirs)
      done.taken.forEach((r, k) => {
        summaries[r] = done.ranges[k];
      });
    const at: number[] = [];
    let total = 0;
    for (const r of summaries) {
      if (r === undefined) throw new Error('candidate generation: a range of keys was taken by no thread');
      at.push(total);
      total += r.count;
    }
    const shared = {
      a: new SharedArrayBuffer(total * Int32Array.BYTES_PER_ELEMENT),
      b: new SharedArrayBuffer(total * Int32Array.BYTES_PER_ELEMENT),
      kind: new SharedArrayBuffer(total),
    };
    const candidates: Candidates = {
      a: new Int32Array(shared.a),
      b: new Int32Array(shared.b),
      keyKind: new Uint8Array(shared.kind),
      count: total,
    };
    const placeAt = (taken: readonly number[]): number[] => taken.map((r) => at[r] as number);
    const placed = pool.map((worker, w) =>
      worker.place({ ...shared, count: total, at: placeAt((theirs[w] as CandidateJobDone).taken) }),
    );
    for (const p of placed) p.catch(() => undefined);
    placeCandidateRanges(mine.collected, candidates, placeAt(mine.taken));
    await Promise.all(placed);
    return { candidates, ...summedRanges(summaries as RangeSummary[]) };
  } finally {
    for (const worker of pool) worker.stop();
  }
}

/**
 * The worker threads of {@link collectCandidatesInParallel} for `keyCount` keys, started ahead: none when the loop
 * will run on this thread alone.
 */
export function startCandidateWorkers(
  workers: number,
  keyCount: number,
  minKeys = PARALLEL_MIN_KEYS,
): CandidateWorker[] {
  if (!loopInParallel(workers, keyCount, minKeys)) return [];
  return Array.from({ length: Math.floor(workers) - 1 }, () => new CandidateWorker());
}

/** Whether {@link collectCandidatesInParallel} splits the per-key loop between threads for `keyCount` keys. */
function loopInParallel(workers: number, keyCount: number, minKeys: number): boolean {
  return Math.floor(workers) >= 2 && keyCount >= minKeys;
}

/**
 * A candidate worker thread, asked one thing at a time: collect its ranges, then place their pairs. Given the block
 * index ahead ({@link prepare}), it is sent only the rest of the sources when asked to collect.
 */
export class CandidateWorker {
  private readonly worker = startWorkerModule('candidate-worker');
  /** The block index the worker holds, posted ahead of the job. */
  private index: BlockIndex | null = null;
  private failure: Error | null = null;
  private waiting: ((reply: unknown) => void) | null = null;
  private failed: ((e: Error) => void) | null = null;

  constructor() {
    this.worker.on('message', (reply: unknown) => this.waiting?.(reply));
    const fail = (e: Error): void => {
      this.failure ??= e;
      this.failed?.(e);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`candidate worker exited with code ${code}`)));
  }

  /**
   * Posts the block index ahead of the job, so what copying it still costs (its columns not on shared memory: 43–67 ms
   * at 1M records) falls before the loop (issue 14; the index is ready ~1.5 s before the bridge blocks are).
   */
  prepare(index: BlockIndex): void {
    this.index = index;
    const message: CandidateIndex = { index };
    this.worker.postMessage(message);
  }

  collect(job: CandidateJob & { sources: CandidateSources }): Promise<CandidateJobDone> {
    const { index, ...rest } = job.sources;
    const sent: CandidateJob = index === this.index ? { ...job, sources: rest } : job;
    return this.ask<CandidateJobDone, CandidateJobDone>(sent, (done) => {
      if (done.error !== null) throw new Error(`candidate generation failed in a worker thread: ${done.error}`);
      return done;
    });
  }

  place(placement: CandidatePlacement): Promise<void> {
    return this.ask<CandidatePlacementDone, void>(placement, (done) => {
      if (done.error !== null) throw new Error(`candidate generation failed in a worker thread: ${done.error}`);
    });
  }

  stop(): void {
    this.waiting = null;
    this.failed = null;
    void this.worker.terminate();
  }

  private ask<D, T>(message: CandidateJob | CandidatePlacement, take: (done: D) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.failure !== null) {
        reject(this.failure);
        return;
      }
      this.failed = reject;
      this.waiting = (reply) => {
        this.waiting = null;
        this.failed = null;
        try {
          resolve(take(reply as D));
        } catch (e) {
          reject(e);
        }
      };
      this.worker.postMessage(message);
    });
  }
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

/** Whether {@link candidateSourcesInParallel} builds the bridge blocks on a worker thread for these keys. */
export function bridgesInParallel(
  keyCount: number,
  opts: Pick<BlockingOptions, 'bridges'>,
  workers: number,
  minKeys = PARALLEL_MIN_KEYS,
): boolean {
  return opts.bridges !== false && loopInParallel(workers, keyCount, minKeys);
}

/**
 * A bridge worker started before the keys' tokens and statistics are made, so its thread and modules are up by the
 * time its job comes (issue 14: a third of a second of the block stage's critical path at 1M records).
 */
export function startBridgeWorker(): Worker {
  return startWorkerModule('bridge-worker');
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
  {
    minKeys = PARALLEL_MIN_KEYS,
    meanwhile,
    bridgeWorker,
  }: {
    minKeys?: number;
    meanwhile?: (index: BlockIndex) => void;
    /** A bridge worker started ahead ({@link startBridgeWorker}), used and ended here; one is started if not. */
    bridgeWorker?: Worker;
  } = {},
): Promise<CandidateSources> {
  if (!bridgesInParallel(keys.keyCount, opts, workers, minKeys)) {
    if (bridgeWorker !== undefined) void bridgeWorker.terminate();
    const sources = candidateSources(keys, cores, eligible, opts, stats, inputs);
    meanwhile?.(sources.index);
    return sources;
  }
  let seed: BridgeSeed;
  try {
    seed = bridgeSeedOf(keys, cores, eligible, opts, stats);
  } catch (error) {
    if (bridgeWorker !== undefined) void bridgeWorker.terminate();
    throw error;
  }
  const job: BridgeJob = { keys, cores, seed, opts, inputs };
  const bridges = runOnce(bridgeWorker ?? startBridgeWorker(), 'bridge', job, (done: BridgeJobDone) => {
    if (done.bridges === null) throw new Error(`bridge blocks failed in a worker thread: ${done.error}`);
    return done.bridges;
  });
  // Settled (so never unhandled) when building the index fails first.
  bridges.catch(() => undefined);
  const index = buildBlockIndex(keys, cores, eligible, opts, stats);
  meanwhile?.(index);
  return { index, bridges: await bridges, windowSize: opts.windowSize };
}
