import type { Worker } from 'node:worker_threads';
import type { KeyStore } from '../core/key-store.js';
import { compileMatchModel } from '../core/match/match-model.js';
import type { MatchTable } from '../core/match/match-table.js';
import { PairMatcher } from '../core/match/pair-matcher.js';
import {
  allocatePairScores,
  checkPairs,
  PairScorer,
  type PairScores,
  pairScoresPrefix,
  prepareScoreOptions,
  type ScoreOptions,
} from '../core/score.js';
import type { ScoreJob, ScoreJobDone, ScoreWorkerInit } from './score-messages.js';
import { startWorkerModule } from './start-worker.js';

/**
 * Batch scoring on worker threads (SPEC §14: the kernel's budget is per core). The key store and the pair and
 * result arrays live on SharedArrayBuffers, so a batch costs no copy of names or scores: workers take chunks of
 * the pair range from a shared counter and write into the shared result columns. Results equal `scorePairs` exactly.
 */
export interface ScorePool {
  /** Number of worker threads (0 when scoring runs inline). */
  readonly size: number;
  /**
   * Score pairs `(a[k], b[k])`; calls are queued, scored in order. With `into` (columns with room for the
   * batch, on SharedArrayBuffers for a worker pool) the scores are written there, and the result is a view of
   * it, valid until `into` is reused.
   */
  score(a: Int32Array, b: Int32Array, opts: ScoreOptions, into?: PairScores): Promise<PairScores>;
  /** Stop the workers. */
  close(): Promise<void>;
}

/** Pairs per chunk at least: each chunk costs an atomic add and a matcher call. */
const MIN_CHUNK = 4096;
/** Chunks per worker per batch, so a slow chunk does not leave the other workers idle at the batch's end. */
const CHUNKS_PER_WORKER = 8;

/**
 * Score worker threads started before their key store exists: loading their code (half a second each under
 * tsx) overlaps the caller's building of the store and match table. Pass them to {@link createScorePool}, or
 * stop them with {@link stopScoreWorkers} when no pool is made.
 */
export type StartedScoreWorkers = Worker[];

/** What befell a started worker before a pool took it over: the pool fails with it at once. */
const earlyFailure = new WeakMap<Worker, Error>();

/** Start `workers` score threads for a pool made later; none for `workers ≤ 1` (inline scoring). */
export function startScoreWorkers(workers: number): StartedScoreWorkers {
  const started: Worker[] = [];
  for (let i = 0; i < (workers <= 1 ? 0 : Math.floor(workers)); i++) {
    const worker = startWorkerModule('score-worker');
    worker.on('error', (e) => earlyFailure.set(worker, e));
    worker.on('exit', (code) => {
      if (!earlyFailure.has(worker)) earlyFailure.set(worker, new Error(`exited with code ${code}`));
    });
    started.push(worker);
  }
  return started;
}

/** Stop workers that no pool took over. */
export async function stopScoreWorkers(started: StartedScoreWorkers): Promise<void> {
  await Promise.all(started.map((w) => w.terminate()));
}

function onSharedMemory(x: Int32Array): Int32Array {
  if (x.buffer instanceof SharedArrayBuffer) return x;
  const copy = new Int32Array(new SharedArrayBuffer(Math.max(x.length, 1) * 4), 0, x.length);
  copy.set(x);
  return copy;
}

class InlinePool implements ScorePool {
  readonly size = 0;
  private readonly store: KeyStore;
  private readonly table: MatchTable | null;
  constructor(store: KeyStore, table: MatchTable | null) {
    this.store = store;
    this.table = table;
  }
  async score(a: Int32Array, b: Int32Array, opts: ScoreOptions, into?: PairScores): Promise<PairScores> {
    checkPairs(this.store, a, b);
    const matching = opts.match !== undefined && this.table !== null;
    // The match model writes every column of every pair: reused columns need no zeroing first.
    const out = into === undefined ? allocatePairScores(a.length) : pairScoresPrefix(into, a.length, !matching);
    const prepared = prepareScoreOptions(this.store, opts);
    if (opts.match !== undefined && this.table !== null) {
      const model = compileMatchModel(opts.match.model);
      new PairMatcher(this.store, this.table, model, opts.match.comparison, opts.match.keepFloor ?? 0).matchRange(
        a,
        b,
        0,
        a.length,
        prepared,
        out,
      );
    } else new PairScorer(this.store).scoreRange(a, b, 0, a.length, prepared, out);
    return out;
  }
  async close(): Promise<void> {}
}

class WorkerPool implements ScorePool {
  private readonly store: KeyStore;
  /** Whether the workers hold a match table: with a match model, they then write every result column. */
  private readonly hasTable: boolean;
  private readonly workers: Worker[] = [];
  private closed = false;
  private nextJob = 0;
  private failure: Error | null = null;
  /** Batches posted and not yet answered by every worker. */
  private readonly inFlight = new Map<number, BatchInFlight>();

  constructor(store: KeyStore, count: number, table: MatchTable | null, started: StartedScoreWorkers = []) {
    this.store = store;
    this.hasTable = table !== null;
    const init: ScoreWorkerInit = { kind: 'init', store, table };
    for (let i = 0; i < count; i++) {
      const worker = started[i] ?? startWorkerModule('score-worker');
      // Messages arrive in order: the store before any batch.
      worker.postMessage(init);
      worker.on('message', (done: ScoreJobDone) => this.answered(done));
      worker.on('error', (e) => this.fail(new Error(`score worker ${i} failed: ${e.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closed) this.fail(new Error(`score worker ${i} exited with code ${code}`));
      });
      this.workers.push(worker);
      const early = earlyFailure.get(worker);
      if (early !== undefined) this.fail(new Error(`score worker ${i} failed: ${early.message}`));
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private fail(e: Error): void {
    if (this.failure === null) this.failure = e;
    for (const batch of this.inFlight.values()) batch.settle(e);
    this.inFlight.clear();
  }

  /** One worker is done with its chunks of a batch; the batch is done when every worker is. */
  private answered(done: ScoreJobDone): void {
    const batch = this.inFlight.get(done.jobId);
    if (batch === undefined) return;
    if (done.error !== null && batch.error === null) batch.error = done.error;
    batch.waiting--;
    if (batch.waiting > 0) return;
    this.inFlight.delete(done.jobId);
    batch.settle(batch.error === null ? null : new Error(`scoring a batch of ${batch.n} pairs failed: ${batch.error}`));
  }

  /**
   * Posts the batch to every worker at once: each takes its chunks from a shared counter when it gets to the
   * batch, so the batch after this one is queued in the workers before this one is done (issue 14).
   */
  score(aIn: Int32Array, bIn: Int32Array, opts: ScoreOptions, into?: PairScores): Promise<PairScores> {
    try {
      return this.post(aIn, bIn, opts, into);
    } catch (e) {
      // A bad batch (a key outside the store, say) fails its promise, as a failing worker does.
      return Promise.reject(e);
    }
  }

  private post(aIn: Int32Array, bIn: Int32Array, opts: ScoreOptions, into?: PairScores): Promise<PairScores> {
    if (this.failure !== null) return Promise.reject(this.failure);
    checkPairs(this.store, aIn, bIn);
    const n = aIn.length;
    if (into !== undefined && !(into.score.buffer instanceof SharedArrayBuffer))
      return Promise.reject(new Error('score pool: `into` must be on SharedArrayBuffers'));
    const matching = opts.match !== undefined && this.hasTable;
    const out = into === undefined ? allocatePairScores(n, true) : pairScoresPrefix(into, n, !matching);
    if (n === 0) return Promise.resolve(out);
    // Plain data only: the options object is cloned into each message.
    const plainOpts: ScoreOptions = {
      numStyleMismatchPenalty: opts.numStyleMismatchPenalty,
      suffixConflictPenalty: opts.suffixConflictPenalty,
      suffixEquivalence: opts.suffixEquivalence.map((set) => [...set]),
      ...(opts.match === undefined ? {} : { match: JSON.parse(JSON.stringify(opts.match)) as typeof opts.match }),
    };
    const job: ScoreJob = {
      kind: 'job',
      jobId: this.nextJob++,
      n,
      chunkSize: Math.max(MIN_CHUNK, Math.ceil(n / (this.workers.length * CHUNKS_PER_WORKER))),
      nextChunk: new Int32Array(new SharedArrayBuffer(4)),
      a: onSharedMemory(aIn),
      b: onSharedMemory(bIn),
      out,
      opts: plainOpts,
    };
    let settle: (e: Error | null) => void = () => undefined;
    const scores = new Promise<PairScores>((resolve, reject) => {
      settle = (e) => (e === null ? resolve(out) : reject(e));
    });
    const done = scores.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(job.jobId, { n, waiting: this.workers.length, error: null, settle, done });
    for (const worker of this.workers) worker.postMessage(job);
    return scores;
  }

  async close(): Promise<void> {
    // Batches still in flight finish (or fail) first.
    await Promise.all([...this.inFlight.values()].map((batch) => batch.done));
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A batch posted to the workers: how many have yet to answer, the first error, and how to settle its promise. */
interface BatchInFlight {
  n: number;
  waiting: number;
  error: string | null;
  settle: (e: Error | null) => void;
  /** Settles with the batch, whether it succeeds or fails. */
  done: Promise<void>;
}

/**
 * A scorer bound to one key store (and, for the match model, the run's match table). `workers ≤ 1` scores
 * inline on the calling thread; more start that many worker threads, which share the store's memory —
 * or take over `started` ones (startScoreWorkers with the same count).
 */
export function createScorePool(
  store: KeyStore,
  workers: number,
  table: MatchTable | null = null,
  started: StartedScoreWorkers = [],
): ScorePool {
  return workers <= 1 ? new InlinePool(store, table) : new WorkerPool(store, Math.floor(workers), table, started);
}

/** Shared pair columns and score columns for one batch in flight. */
interface BatchSlot {
  a: Int32Array;
  b: Int32Array;
  into: PairScores;
}

/** A batch handed to the pool: pairs `start .. end`, their scores once the workers are done. */
interface ScoringBatch {
  start: number;
  end: number;
  scores: Promise<PairScores>;
}

function batchSlot(size: number): BatchSlot {
  return {
    a: new Int32Array(new SharedArrayBuffer(Math.max(size, 1) * 4)),
    b: new Int32Array(new SharedArrayBuffer(Math.max(size, 1) * 4)),
    into: allocatePairScores(size, true),
  };
}

/**
 * Score pairs `(a[k], b[k])` on `pool` in batches of `batchSize`, handing each batch's scores to `take` in order
 * (`take(start, end, scores)`: pair `start + p` is `scores[p]`, valid only during the call). Memory follows the
 * batch, not the pairs. Two sets of shared columns serve the batches in turn: the next batch is queued before
 * this one is handed over, so the workers score it while `take` runs (issue 14: one set left both workers idle
 * during the keeping, a tenth of the score stage). The sets are reused because a SharedArrayBuffer is freed only
 * once every worker's heap has let go of it: a fresh set per batch piled up (5 GB of 160 batches at 1M records).
 */
export async function scoreInBatches(
  pool: ScorePool,
  a: Int32Array,
  b: Int32Array,
  opts: ScoreOptions,
  batchSize: number,
  take: (start: number, end: number, scores: PairScores) => void,
): Promise<void> {
  const total = a.length;
  if (total === 0) return;
  const size = Math.min(total, batchSize);
  const slots = [batchSlot(size), batchSlot(size)];
  const submit = (start: number, slot: BatchSlot): ScoringBatch => {
    const end = Math.min(total, start + size);
    slot.a.set(a.subarray(start, end));
    slot.b.set(b.subarray(start, end));
    const scores = pool.score(slot.a.subarray(0, end - start), slot.b.subarray(0, end - start), opts, slot.into);
    // Settled (so never unhandled) when an earlier batch's failure ends the loop before this one is awaited.
    scores.catch(() => undefined);
    return { start, end, scores };
  };
  // Batch t goes into the set that batch t − 2 used, which `take` has finished with.
  let current: ScoringBatch | null = submit(0, slots[0] as BatchSlot);
  for (let turn = 1; current !== null; turn++) {
    const next: ScoringBatch | null = current.end < total ? submit(current.end, slots[turn % 2] as BatchSlot) : null;
    take(current.start, current.end, await current.scores);
    current = next;
  }
}

/**
 * `scorePairs` on `workers` threads, with identical results; `workers = 1` runs inline. Starts and stops its
 * own workers: for several batches over one store, hold a {@link createScorePool} instead.
 */
export async function scorePairsParallel(
  store: KeyStore,
  a: Int32Array,
  b: Int32Array,
  opts: ScoreOptions,
  workers: number,
  started: StartedScoreWorkers = [],
): Promise<PairScores> {
  const pool = createScorePool(store, workers, null, started);
  try {
    return await pool.score(a, b, opts);
  } finally {
    await pool.close();
  }
}
