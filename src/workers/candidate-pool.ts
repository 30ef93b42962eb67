import {
  type CandidateRange,
  type CandidateSources,
  type CollectedCandidates,
  collectCandidateRanges,
  collectCandidates,
  joinCandidateRanges,
} from '../core/blocking.js';
import { startWorkerModule } from './start-worker.js';

/** A worker's share of candidate generation: the sources and its ranges of first keys. */
export interface CandidateJob {
  sources: CandidateSources;
  ranges: [number, number][];
}
export interface CandidateJobDone {
  ranges: CandidateRange[];
  error: string | null;
}

/** Below this many keys a worker's start-up and the copy of the sources cost more than the loop (94K: 33K keys). */
export const PARALLEL_MIN_KEYS = 100_000;
/** Ranges per thread: keys differ widely in partners (a head entity's hub meets thousands), so shares interleave. */
const RANGES_PER_THREAD = 32;

/**
 * Every candidate pair of the sources, the per-key loop split between this thread and `workers − 1` worker
 * threads (issue 14: at 1M records the loop is ~4 s of one core while the other waits). Each key's partners depend
 * only on the sources, so ranges of keys are collected apart and joined in key order: the result is the one
 * `joinCandidateRanges([collectCandidates(sources, 0, keyCount)])` gives.
 */
export async function collectCandidatesInParallel(
  sources: CandidateSources,
  workers: number,
  minKeys = PARALLEL_MIN_KEYS,
): Promise<CollectedCandidates> {
  const keyCount = sources.index.keyCount;
  const threads = Math.max(1, Math.floor(workers));
  if (threads === 1 || keyCount < minKeys) return joinCandidateRanges([collectCandidates(sources, 0, keyCount)]);
  const count = threads * RANGES_PER_THREAD;
  const step = Math.ceil(keyCount / count);
  const ranges: [number, number][] = [];
  for (let from = 0; from < keyCount; from += step) ranges.push([from, Math.min(keyCount, from + step)]);
  // Range r goes to thread r mod threads; thread 0 is this one.
  const share = (t: number): [number, number][] => ranges.filter((_r, i) => i % threads === t);
  const started = Array.from({ length: threads - 1 }, (_v, w) => runWorker({ sources, ranges: share(w + 1) }));
  let mine: CandidateRange[];
  try {
    mine = collectCandidateRanges(sources, share(0));
  } catch (e) {
    await Promise.allSettled(started);
    throw e;
  }
  const theirs = await Promise.all(started);
  const byRange: CandidateRange[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const t = i % threads;
    const k = Math.floor(i / threads);
    byRange.push((t === 0 ? mine[k] : theirs[t - 1]?.[k]) as CandidateRange);
  }
  return joinCandidateRanges(byRange);
}

function runWorker(job: CandidateJob): Promise<CandidateRange[]> {
  const worker = startWorkerModule('candidate-worker');
  return new Promise<CandidateRange[]>((resolve, reject) => {
    worker.once('message', (done: CandidateJobDone) => {
      void worker.terminate();
      if (done.error !== null) reject(new Error(`candidate generation failed in a worker thread: ${done.error}`));
      else resolve(done.ranges);
    });
    worker.once('error', (e) => {
      void worker.terminate();
      reject(e);
    });
    worker.once('exit', (code) => reject(new Error(`candidate worker exited with code ${code}`)));
    worker.postMessage(job);
  });
}
