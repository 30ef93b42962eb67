import { parentPort } from 'node:worker_threads';
import { placeLists } from '../config/places.js';
import {
  classifyClaimed,
  createSpellingClassifier,
  type SpellingClassifier,
  sharedClasses,
  warmUpClassifier,
} from './name-classes.js';
import { NameNormaliser, type NormaliseNamesDone, type NormaliseWorkerMessage } from './normalise-names.js';

/**
 * Worker-thread entry of the normalise stage's work, fed by the ingest stage chunk by chunk as it reads the names
 * (issue 14); at the end the columns go back without copying their numbers, then, when asked, the spellings' classes
 * (the classify stage's work: a name's class follows from its normalised text alone).
 */
const port = parentPort;
if (port === null) throw new Error('normalise-worker.ts runs only as a worker thread (see normalise-names.ts).');
let normaliser: NameNormaliser | null = null;
/** Compiled with the config, while the worker waits for the first names. */
let classifier: SpellingClassifier | null = null;
let failure: string | null = null;
const post = (done: NormaliseNamesDone, transfer: ArrayBuffer[] = []): void => port.postMessage(done, transfer);
port.on('message', (message: NormaliseWorkerMessage) => {
  if (message.kind === 'end') {
    answer();
    port.close();
    return;
  }
  if (failure !== null) return;
  try {
    if (message.kind === 'places') placeLists(message.settings);
    else if (message.kind === 'config') {
      // Built here, often ahead (a `places` message), and posted back for the main thread and the other workers.
      post({ kind: 'places', settings: message.config.places, lists: placeLists(message.config.places) });
      normaliser = new NameNormaliser(message.config);
      const classify = message.classify;
      classifier = classify === null ? null : createSpellingClassifier(classify.config, classify.manualTerms);
      if (classifier !== null) warmUpClassifier(classifier);
    } else if (normaliser === null) failure = 'names came before the config';
    else normaliser.add(message.names);
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  }
});

/** The names normalised, then their classes when asked; or why it failed. */
function answer(): void {
  if (failure !== null || normaliser === null) {
    post({ kind: 'failed', error: failure ?? 'no config was posted' });
    return;
  }
  try {
    const names = normaliser.result();
    const shared = classifier === null ? null : sharedClasses(names.nameRaw.length);
    // The flags are copied, not moved: the classes below read them.
    post({ kind: 'names', names, shared }, [names.spellingOf.buffer, names.aliasStart.buffer, names.partStart.buffer]);
    if (classifier === null || shared === null) return;
    post({ kind: 'classes', part: classifyClaimed(names, classifier, shared) });
  } catch (e) {
    post({ kind: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
}
