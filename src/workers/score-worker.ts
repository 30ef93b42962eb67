import { parentPort } from 'node:worker_threads';
import type { KeyStore } from '../core/key-store.js';
import { compileMatchModel } from '../core/match/match-model.js';
import type { MatchTable } from '../core/match/match-table.js';
import { PairMatcher } from '../core/match/pair-matcher.js';
import { PairScorer, type PreparedScoreOptions, prepareScoreOptions } from '../core/score.js';
import type { ScoreChunk, ScoreChunkDone, ScoreWorkerInit } from './score-messages.js';

/**
 * Worker-thread entry of the batch scorer (SPEC §14: scoring runs on every core). It reads the shared key
 * store and pair arrays and writes scores straight into the shared result columns; only chunk bounds travel
 * in messages.
 */
const port = parentPort;
if (port === null) throw new Error('score-worker.ts runs only as a worker thread (see score-pool.ts).');

let store: KeyStore | null = null;
let table: MatchTable | null = null;
let scorer: PairScorer | null = null;
let preparedJob = -1;
let prepared: PreparedScoreOptions | null = null;
let matcher: PairMatcher | null = null;

port.on('message', (message: ScoreWorkerInit | ScoreChunk) => {
  if (message.kind === 'init') {
    store = message.store;
    table = message.table;
    scorer = new PairScorer(store);
    return;
  }
  const chunk = message;
  let error: string | null = null;
  try {
    if (store === null || scorer === null) throw new Error('score worker: a chunk came before the key store.');
    if (prepared === null || preparedJob !== chunk.jobId) {
      prepared = prepareScoreOptions(store, chunk.opts);
      preparedJob = chunk.jobId;
      const match = chunk.opts.match;
      matcher =
        match === undefined || table === null
          ? null
          : new PairMatcher(store, table, compileMatchModel(match.model), match.comparison, match.keepFloor ?? 0);
    }
    if (matcher !== null) matcher.matchRange(chunk.a, chunk.b, chunk.start, chunk.end, prepared, chunk.out);
    else scorer.scoreRange(chunk.a, chunk.b, chunk.start, chunk.end, prepared, chunk.out);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const done: ScoreChunkDone = { jobId: chunk.jobId, start: chunk.start, end: chunk.end, error };
  port.postMessage(done);
});
