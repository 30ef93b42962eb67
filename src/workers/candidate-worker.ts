import { parentPort } from 'node:worker_threads';
import { type CandidateRange, collectCandidateRanges } from '../core/blocking.js';
import type { CandidateJob, CandidateJobDone } from './candidate-pool.js';

/**
 * Worker-thread entry of candidate generation (issue 14): collects the candidate pairs of its ranges of keys from
 * a copy of the block index and bridge blocks, and hands the pair columns back without copying them.
 */
const port = parentPort;
if (port === null) throw new Error('candidate-worker.ts runs only as a worker thread (see candidate-pool.ts).');
port.on('message', (job: CandidateJob) => {
  let done: CandidateJobDone;
  try {
    const ranges: CandidateRange[] = collectCandidateRanges(job.sources, job.ranges);
    done = { ranges, error: null };
  } catch (e) {
    done = { ranges: [], error: e instanceof Error ? e.message : String(e) };
  }
  const transfer = done.ranges.flatMap((r) =>
    r.chunks.flatMap((chunk) => [chunk.a.buffer, chunk.b.buffer, chunk.kind.buffer]),
  );
  port.postMessage(done, transfer as ArrayBuffer[]);
});
