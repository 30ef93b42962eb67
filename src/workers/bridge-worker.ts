import { parentPort } from 'node:worker_threads';
import { buildBridges } from '../core/blocking.js';
import type { BridgeJob, BridgeJobDone } from './candidate-pool.js';

/**
 * Worker-thread entry of the bridge blocks (issue 14): builds them from a copy of the keys while the calling thread
 * builds the block index, and hands their columns back without copying them (most are on shared memory).
 */
const port = parentPort;
if (port === null) throw new Error('bridge-worker.ts runs only as a worker thread (see candidate-pool.ts).');
port.on('message', (job: BridgeJob) => {
  let done: BridgeJobDone;
  try {
    done = { bridges: buildBridges(job.keys, job.cores, job.seed, job.opts, job.inputs), error: null };
  } catch (e) {
    done = { bridges: null, error: e instanceof Error ? e.message : String(e) };
  }
  // Columns on shared memory go as they are (shared, not copied); the rest are handed over (transferred).
  const transfer =
    done.bridges === null
      ? []
      : Object.values(done.bridges).flatMap((column: unknown) =>
          ArrayBuffer.isView(column) && column.buffer instanceof ArrayBuffer ? [column.buffer] : [],
        );
  port.postMessage(done, transfer);
});
