import { parentPort } from 'node:worker_threads';
import { type AliasLookupJob, type AliasLookupsDone, lookUpAliases } from './alias-lookups.js';

/**
 * Worker-thread entry of the alias stage's look-ups (issue 14): started while the group stage holds the other core,
 * it looks every alias up and scores the pairs on this one thread, and hands the kept pairs back without copying them.
 */
const port = parentPort;
if (port === null) throw new Error('alias-worker.ts runs only as a worker thread (see alias-lookups.ts).');
port.once('message', (job: AliasLookupJob) => {
  lookUpAliases(job, 1).then(
    (lookups) => {
      const done: AliasLookupsDone = { lookups, error: null };
      port.postMessage(done, [lookups.pairQuery.buffer, lookups.pairKey.buffer, lookups.pairScore.buffer]);
    },
    (e: unknown) => {
      const done: AliasLookupsDone = { lookups: null, error: e instanceof Error ? e.message : String(e) };
      port.postMessage(done);
    },
  );
});
