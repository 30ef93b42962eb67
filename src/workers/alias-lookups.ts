import type { BlockIndex } from '../core/blocking/block-index.js';
import { type BlockingOptions, createBlockingIndex } from '../core/blocking.js';
import { buildKeyStore, type KeyStore } from '../core/key-store.js';
import { extendKeyTokens, type KeyTokens, rewriteTokens, type TokenRewriteOptions } from '../core/key-tokens.js';
import type { ScoreOptions } from '../core/score.js';
import type { TokenStats } from '../core/token-stats.js';
import { MENTION_ALIAS_SOURCE } from '../core/vocabulary.js';
import { scorePairsParallel, startScoreWorkers, stopScoreWorkers } from './score-pool.js';
import { runOnce, startWorkerModule } from './start-worker.js';

/**
 * The alias stage's look-ups (SPEC §7.2), as plain data a worker thread can be posted: the names to look up, the keys
 * and their block index, and the settings of the stage's config they need.
 */
export interface AliasLookupJob {
  rewrite: TokenRewriteOptions;
  blocking: BlockingOptions;
  score: ScoreOptions;
  /** An alias matches at ≥ high; a name of a multi-name record is a mention at ≥ medium. */
  high: number;
  medium: number;
  keys: KeyTokens;
  keyCore: readonly string[];
  keySuffix: readonly string[];
  stats: TokenStats;
  /** The index the keys were blocked with, when the caller holds it; built from the keys otherwise. */
  index: BlockIndex | undefined;
  /**
   * Aliases of records that take part, in names.bin order, normalised as names are (the normalise stage did):
   * [row, text, source, core, suffix class].
   */
  aliases: readonly (readonly [number, string, string, string, string])[];
  /** The names multi-name records list, in row order, normalised: [row, text, core, suffix class]. */
  mentions: readonly (readonly [number, string, string, string])[];
}

/** One name looked up: an alias of a usable record, or a name of a multi-name record (a mention). */
export interface AliasQuery {
  row: number;
  text: string;
  source: string;
  mention: boolean;
}

/**
 * What the look-ups found: every query, and the (query, key) pairs that score at least their query's threshold
 * (high for an alias, medium for a mention), in look-up order. The other pairs can match nothing.
 */
export interface AliasLookups {
  queries: AliasQuery[];
  pairQuery: Int32Array<ArrayBuffer>;
  pairKey: Int32Array<ArrayBuffer>;
  pairScore: Uint8Array<ArrayBuffer>;
}

/** Pairs from which scoring on worker threads beats one core despite their start (~0.1 s; 87K pairs at 94K records). */
const PARALLEL_ALIAS_PAIRS = 200_000;
/**
 * Look every alias and every name of a multi-name record up through the keys' block index and score each candidate
 * pair with the key scorer (scoring on up to `workers` threads once the pairs are many).
 */
export async function lookUpAliases(job: AliasLookupJob, workers: number): Promise<AliasLookups> {
  const queries: (AliasQuery & { core: string; suffix: string })[] = [];
  // A name that normalises to nothing matches nothing.
  for (const [row, text, source, core, suffix] of job.aliases)
    if (core.length > 0) queries.push({ row, text, source, core, suffix, mention: false });
  for (const [row, text, core, suffix] of job.mentions)
    if (core.length > 0) queries.push({ row, text, source: MENTION_ALIAS_SOURCE, core, suffix, mention: true });
  const keyCount = job.keys.keyCount;
  const index = createBlockingIndex(
    job.keys,
    job.keyCore,
    new Uint8Array(keyCount).fill(1),
    job.blocking,
    job.stats,
    job.index,
  );
  const pairA: number[] = [];
  const pairB: number[] = [];
  queries.forEach((q, j) => {
    for (const k of index.query(rewriteTokens(q.core, job.rewrite), q.core)) {
      // Queries become extra keys after the real ones, so one key store scores query × key pairs.
      pairA.push(keyCount + j);
      pairB.push(k);
    }
  });
  // 1.6M pairs at 1M records, a second on one core: on worker threads once starting them pays (issue 14). They
  // start here, so they load their code while this thread builds the key store (~0.4 s at 1M records).
  const threads = pairA.length >= PARALLEL_ALIAS_PAIRS ? workers : 1;
  const started = startScoreWorkers(threads);
  let store: KeyStore;
  try {
    store = buildKeyStore(
      extendKeyTokens(
        job.keys,
        queries.map((q) => q.core),
        job.rewrite,
      ),
      [...job.keySuffix, ...queries.map((q) => q.suffix)],
      [...job.keyCore, ...queries.map((q) => q.core)],
    );
  } catch (e) {
    await stopScoreWorkers(started);
    throw e;
  }
  const scores = await scorePairsParallel(
    store,
    Int32Array.from(pairA),
    Int32Array.from(pairB),
    job.score,
    threads,
    started,
  );
  let kept = 0;
  const floorOf = (j: number): number => ((queries[j] as AliasQuery).mention ? job.medium : job.high);
  for (let p = 0; p < pairA.length; p++)
    if ((scores.score[p] as number) >= floorOf((pairA[p] as number) - keyCount)) kept++;
  const out: AliasLookups = {
    queries: queries.map(({ row, text, source, mention }) => ({ row, text, source, mention })),
    pairQuery: new Int32Array(kept),
    pairKey: new Int32Array(kept),
    pairScore: new Uint8Array(kept),
  };
  let at = 0;
  for (let p = 0; p < pairA.length; p++) {
    const j = (pairA[p] as number) - keyCount;
    const s = scores.score[p] as number;
    if (s < floorOf(j)) continue;
    out.pairQuery[at] = j;
    out.pairKey[at] = pairB[p] as number;
    out.pairScore[at] = s;
    at++;
  }
  return out;
}

/** What the alias worker posts back: the look-ups, or why they failed. */
export interface AliasLookupsDone {
  lookups: AliasLookups | null;
  error: string | null;
}

/**
 * {@link lookUpAliases} on a worker thread of its own, scoring there on that one thread (issue 14: at 1M records the
 * group and survive stages hold one core for ~5 s while the other is idle; the look-ups read no grouping).
 */
export function lookUpAliasesOnWorker(job: AliasLookupJob): Promise<AliasLookups> {
  // Not unref'd: the alias stage awaiting the look-ups may be all that keeps the process alive. One job, seconds
  // long, after which runOnce ends the worker, taken or not.
  const worker = startWorkerModule('alias-worker');
  return runOnce(worker, 'alias', job, (done: AliasLookupsDone) => {
    if (done.lookups === null) throw new Error(`alias look-ups failed in a worker thread: ${done.error}`);
    return done.lookups;
  });
}
