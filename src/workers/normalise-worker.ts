import { parentPort } from 'node:worker_threads';
import { NameNormaliser, type NormaliseNamesDone, type NormaliseWorkerMessage } from './normalise-names.js';

/**
 * Worker-thread entry of the normalise stage's work, fed by the ingest stage chunk by chunk as it reads the names
 * (issue 14); at the end the columns go back without copying their numbers.
 */
const port = parentPort;
if (port === null) throw new Error('normalise-worker.ts runs only as a worker thread (see normalise-names.ts).');
let normaliser: NameNormaliser | null = null;
let failure: string | null = null;
port.on('message', (message: NormaliseWorkerMessage) => {
  if (message.kind === 'end') {
    const names = failure === null && normaliser !== null ? normaliser.result() : null;
    const done: NormaliseNamesDone = { names, error: names === null ? (failure ?? 'no config was posted') : null };
    port.postMessage(
      done,
      names === null ? [] : [names.spellingOf.buffer, names.flags.buffer, names.aliasStart.buffer],
    );
    port.close();
    return;
  }
  if (failure !== null) return;
  try {
    if (message.kind === 'config') normaliser = new NameNormaliser(message.config);
    else if (normaliser === null) failure = 'names came before the config';
    else normaliser.add(message.names);
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  }
});
