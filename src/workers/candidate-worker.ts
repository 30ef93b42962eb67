import { parentPort } from 'node:worker_threads';
import type { BlockIndex } from '../core/blocking/block-index.js';
import { type CandidateRange, collectTakenRanges, placeCandidateRanges, summaryOf } from '../core/blocking.js';
import type {
  CandidateIndex,
  CandidateJob,
  CandidateJobDone,
  CandidatePlacement,
  CandidatePlacementDone,
} from './candidate-pool.js';

/**
 * Worker-thread entry of candidate generation (issue 14): collects the candidate pairs of the ranges of keys it takes
 * from a shared counter, reading the block index and bridge blocks (their large columns shared with the posting thread,
 * the rest copied); reports which ranges it took and what each found; then copies their pairs into the shared columns
 * at the positions the pool gives, beside the other threads.
 */
const port = parentPort;
if (port === null) throw new Error('candidate-worker.ts runs only as a worker thread (see candidate-pool.ts).');
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
let collected: CandidateRange[] = [];
/** The block index posted ahead of the job, if it was. */
let index: BlockIndex | null = null;
port.on('message', (job: CandidateIndex | CandidateJob | CandidatePlacement) => {
  if ('index' in job) {
    index = job.index;
    return;
  }
  if ('sources' in job) {
    let done: CandidateJobDone;
    try {
      const sources = 'index' in job.sources ? job.sources : index === null ? null : { ...job.sources, index };
      if (sources === null) throw new Error('no block index was given');
      const mine = collectTakenRanges(sources, job.ranges, new Int32Array(job.next), job.exact);
      collected = mine.collected;
      done = { taken: mine.taken, ranges: collected.map(summaryOf), error: null };
    } catch (e) {
      done = { taken: [], ranges: [], error: message(e) };
    }
    port.postMessage(done);
    return;
  }
  let done: CandidatePlacementDone;
  try {
    placeCandidateRanges(
      collected,
      { a: new Int32Array(job.a), b: new Int32Array(job.b), keyKind: new Uint8Array(job.kind), count: job.count },
      job.at,
    );
    done = { error: null };
  } catch (e) {
    done = { error: message(e) };
  }
  collected = [];
  index = null;
  port.postMessage(done);
});
