import type { KeyStore } from '../core/key-store.js';
import type { MatchTable } from '../core/match/match-table.js';
import type { PairScores, ScoreOptions } from '../core/score.js';

/**
 * A worker's first message: the store, whose typed arrays live on SharedArrayBuffers (no copy). A message rather
 * than `workerData`, so workers can start (load their code) while the caller is still building the store.
 */
export interface ScoreWorkerInit {
  kind: 'init';
  store: KeyStore;
  /** The run's match table (issue 10), when chunks carry a match model. */
  table: MatchTable | null;
}

/**
 * Score the pairs `0 .. n` of one batch. Every worker gets the batch and takes chunks of `chunkSize` pairs from the
 * shared counter `nextChunk` (Atomics) until none is left, so no chunk waits for the calling thread to hand it out
 * (issue 14: while that thread kept a batch's pairs, both workers sat idle, 10–20% of the stage). All arrays are views
 * on SharedArrayBuffers.
 */
export interface ScoreJob {
  kind: 'job';
  jobId: number;
  n: number;
  chunkSize: number;
  nextChunk: Int32Array;
  a: Int32Array;
  b: Int32Array;
  out: PairScores;
  opts: ScoreOptions;
}

/** A worker's answer: its chunks of the batch are written into `out`, or one failed with `error`. */
export interface ScoreJobDone {
  jobId: number;
  error: string | null;
}
