import { parentPort } from 'node:worker_threads';
import type { KeyStore } from '../core/key-store.js';
import { compileMatchModel } from '../core/match/match-model.js';
import type { MatchTable } from '../core/match/match-table.js';
import { PairMatcher } from '../core/match/pair-matcher.js';
import { PairScorer, type PreparedScoreOptions, prepareScoreOptions } from '../core/score.js';
import type { ScoreJob, ScoreJobDone, ScoreWorkerInit } from './score-messages.js';
import { warmUpMatcher } from './score-warm-up.js';

/**
 * Worker-thread entry of the batch scorer (SPEC §14: scoring runs on every core). It reads the shared key
 * store and pair arrays, takes chunks of a batch from a shared counter and writes scores straight into the shared
 * result columns; a batch's columns travel once in a message, and its chunks not at all.
 */
const port = parentPort;
if (port === null) throw new Error('score-worker.ts runs only as a worker thread (see score-pool.ts).');

let store: KeyStore | null = null;
let table: MatchTable | null = null;
let scorer: PairScorer | null = null;
/** The options `prepared` and `matcher` were made for, as JSON: the score stage's batches all share one. */
let preparedFor = '';
let prepared: PreparedScoreOptions | null = null;
let matcher: PairMatcher | null = null;
/** Whether this worker has warmed its comparer up (score-warm-up.ts): once, on its first batch. */
let warmedUp = false;

port.on('message', (message: ScoreWorkerInit | ScoreJob) => {
  if (message.kind === 'init') {
    store = message.store;
    table = message.table;
    scorer = new PairScorer(store);
    return;
  }
  const job = message;
  let error: string | null = null;
  try {
    if (store === null || scorer === null) throw new Error('score worker: a batch came before the key store.');
    // A matcher's caches (level combinations, per-token lookups) hold across batches of the same options, so a
    // run of batches builds them once rather than once a batch (issue 14: 55 batches at 1M records).
    const options = JSON.stringify(job.opts);
    if (prepared === null || preparedFor !== options) {
      prepared = prepareScoreOptions(store, job.opts);
      preparedFor = options;
      const match = job.opts.match;
      matcher =
        match === undefined || table === null
          ? null
          : new PairMatcher(store, table, compileMatchModel(match.model), match.comparison, match.keepFloor ?? 0);
    }
    if (!warmedUp && matcher !== null) {
      warmedUp = true;
      warmUpMatcher(matcher, job.a, job.b, job.n, prepared);
    }
    for (;;) {
      const start = Atomics.add(job.nextChunk, 0, 1) * job.chunkSize;
      if (start >= job.n) break;
      const end = Math.min(job.n, start + job.chunkSize);
      if (matcher !== null) matcher.matchRange(job.a, job.b, start, end, prepared, job.out);
      else scorer.scoreRange(job.a, job.b, start, end, prepared, job.out);
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    // The other workers stop taking chunks of a failed batch.
    Atomics.store(job.nextChunk, 0, Math.ceil(job.n / job.chunkSize));
  }
  const done: ScoreJobDone = { jobId: job.jobId, error };
  port.postMessage(done);
});
