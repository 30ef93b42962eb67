import { parentPort, workerData } from 'node:worker_threads';
import { compileMatchModel } from '../core/match/match-model.js';
import { PairMatcher } from '../core/match/pair-matcher.js';
import { PairScorer, type PreparedScoreOptions, prepareScoreOptions } from '../core/score.js';
import type { ScoreChunk, ScoreChunkDone, ScoreWorkerData } from './score-messages.js';

/**
 * Worker-thread entry of the batch scorer (SPEC §14: scoring runs on every core). It reads the shared key
 * store and pair arrays and writes scores straight into the shared result columns; only chunk bounds travel
 * in messages.
 */
const port = parentPort;
if (port === null) throw new Error('score-worker.ts runs only as a worker thread (see score-pool.ts).');

const { store, table } = workerData as ScoreWorkerData;
const scorer = new PairScorer(store);
let preparedJob = -1;
let prepared: PreparedScoreOptions | null = null;
let matcher: PairMatcher | null = null;

port.on('message', (chunk: ScoreChunk) => {
  let error: string | null = null;
  try {
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
