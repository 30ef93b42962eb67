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

/** Score pairs `start .. end` of one batch. All arrays are views on SharedArrayBuffers. */
export interface ScoreChunk {
  kind: 'chunk';
  jobId: number;
  start: number;
  end: number;
  a: Int32Array;
  b: Int32Array;
  out: PairScores;
  opts: ScoreOptions;
}

/** A worker's answer: the chunk is written into `out`, or it failed with `error`. */
export interface ScoreChunkDone {
  jobId: number;
  start: number;
  end: number;
  error: string | null;
}
