import type { Config } from '../config/schema.js';
import { buildKeyStore } from '../core/key-store.js';
import type { ComparisonOptions } from '../core/match/compare.js';
import { FEATURE_COUNT } from '../core/match/features.js';
import type { MatchModelSpec } from '../core/match/match-model.js';
import type { PairScores, ScoreOptions } from '../core/score.js';
import { ChunkedColumns, forEachMarked } from '../core/typed-columns.js';
import {
  createScorePool,
  type StartedScoreWorkers,
  scoreInBatches,
  startScoreWorkers,
  stopScoreWorkers,
} from '../workers/score-pool.js';
import { type CandidatesBundle, keyTokensOf, takeKeyStore } from './block.js';
import type { RunInput } from './ingest.js';
import { matchTableOf, takeMatchTable } from './match-table-of.js';
import type { Stage, StageContext, StageReport } from './runner.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

/** Scored candidate pairs kept for grouping and pairs.parquet (SPEC §5.4). */
export type ScoredBundle = {
  a: Int32Array;
  b: Int32Array;
  score: Uint8Array;
  base: Float64Array;
  tokenSort: Float64Array;
  tokenSet: Float64Array;
  jaccard: Float64Array;
  penalties: Uint8Array;
  kind: Uint8Array;
  probability: Float64Array;
  matchWeight: Float64Array;
  /** FEATURE_COUNT levels per pair (src/core/match/features.ts). */
  levels: Uint8Array;
};

export function scoreOptions(config: Config): ScoreOptions {
  return {
    numStyleMismatchPenalty: config.penalty.num_style_mismatch,
    suffixConflictPenalty: config.penalty.suffix_conflict,
    suffixEquivalence: config.suffix.equivalence,
  };
}

/** The match model and comparer thresholds of config `matching` (issue 10). */
export function matchOptions(config: Config): { model: MatchModelSpec; comparison: ComparisonOptions } {
  const c = config.matching.comparison;
  return {
    // A plain copy: config slices are guarded proxies, which cannot be posted to worker threads.
    model: JSON.parse(JSON.stringify(config.matching.model)) as MatchModelSpec,
    comparison: {
      typoMinLength: c.typo_min_length,
      twoEditMinLength: c.two_edit_min_length,
      typoFrequencyRatio: c.typo_frequency_ratio,
      threeLetterTypoRatio: c.three_letter_typo_ratio,
      acronymMinLength: c.acronym_min_length,
      truncatedMinNameLength: c.truncated_min_name_length,
      headRatio: c.head_ratio,
      headMinRecords: c.head_min_records,
      repeatedTailRatio: c.repeated_tail_ratio,
      ownerMinNames: c.owner_min_names,
    },
  };
}

/** SPEC §1 stage `score`: every candidate pair once, on worker threads over shared buffers. */
export const scoreStage: Stage<RunInput> = {
  name: 'score',
  module: import.meta.url,
  inputs: ['keys.bin', 'candidates.bin'],
  outputs: ['scored.bin'],
  configKeys: ['matching', 'normalise', 'penalty', 'suffix.equivalence', 'pairs_floor', 'thresholds.medium'],
  async run(ctx) {
    // Workers load their code while this thread reads the artifacts and builds the store.
    const started = startScoreWorkers(ctx.workers);
    try {
      return await scoreCandidates(ctx, started);
    } catch (e) {
      await stopScoreWorkers(started);
      throw e;
    }
  },
};

/** The score stage proper: every candidate pair scored on the `started` workers, the pairs worth keeping kept. */
async function scoreCandidates(ctx: StageContext<RunInput>, started: StartedScoreWorkers): Promise<StageReport> {
  const keys = await loadArtifact(ctx, 'keys.bin');
  const candidates = await loadArtifact(ctx, 'candidates.bin');
  const tokens = keyTokensOf(keys);
  // Built by the block stage while it waited for its bridge blocks, when it ran in this process.
  const store = takeKeyStore(keys) ?? buildKeyStore(tokens, keys.keySuffix, keys.keyCore);
  // Built by the block stage while it waited for its bridge blocks, with this stage's config (issue 14: the
  // workers, which need it, waited ~1.1 s for it at 1M records).
  const table = takeMatchTable(keys) ?? matchTableOf(keys, tokens, ctx.config);
  // Keep what grouping needs (≥ medium, conflicts and rivals) and what pairs.parquet shows (≥ pairs_floor); a pair that
  // cannot reach the floor skips the kernel. The scorer marks the pairs to keep (`keep`, src/core/match/pair-matcher.ts).
  const floor = Math.min(ctx.config.pairs_floor, ctx.config.thresholds.medium);
  const options: ScoreOptions = {
    ...scoreOptions(ctx.config),
    match: { ...matchOptions(ctx.config), keepFloor: floor },
  };
  const total = candidates.candA.length;
  const kept = new KeptPairs();
  const pool = createScorePool(store, ctx.workers, table, started);
  try {
    // Scored in batches, so memory follows the pairs kept, not the pairs scored (SPEC §14).
    await scoreInBatches(pool, candidates.candA, candidates.candB, options, BATCH, (start, end, scores) => {
      keepMarked(kept, scores, candidates, start, end);
      ctx.progress(end, total);
    });
  } finally {
    await pool.close();
  }
  saveArtifact(ctx, 'scored.bin', kept.finish());
  return { counts: { pairs_scored: total, pairs_kept: kept.count } };
}

/**
 * Keeps the pairs `start .. end` of `candidates` that the scorer marked (`scores` holds their results from 0). A
 * function of its own, not the loop of the batch callback: as that closure it took ~0.58 s of the main thread at 1M
 * records, ~0.25–0.30 s so (issue 14: profiles; both cores are the workers' meanwhile).
 */
function keepMarked(
  kept: KeptPairs,
  scores: PairScores,
  candidates: Pick<CandidatesBundle, 'candA' | 'candB' | 'candKind'>,
  start: number,
  end: number,
): void {
  const { candA, candB, candKind } = candidates;
  forEachMarked(scores.keep.subarray(0, end - start), (p) => {
    const k = start + p;
    kept.push(candA[k] as number, candB[k] as number, scores, p, candKind[k] as number);
  });
}

/** Candidate pairs per scoring batch. */
const BATCH = 1 << 19;

/** Typed columns of the pairs kept, filled a pair at a time in chunks. */
class KeptPairs {
  private readonly chunks = new ChunkedColumns<ScoredBundle>(1 << 16, allocate);
  get count(): number {
    return this.chunks.rows;
  }
  push(a: number, b: number, s: PairScores, p: number, kind: number): void {
    const k = this.chunks.nextRow();
    const c = this.chunks.current;
    c.a[k] = a;
    c.b[k] = b;
    c.score[k] = s.score[p] as number;
    c.base[k] = s.base[p] as number;
    c.tokenSort[k] = s.tokenSort[p] as number;
    c.tokenSet[k] = s.tokenSet[p] as number;
    c.jaccard[k] = s.jaccard[p] as number;
    c.penalties[k] = s.penalties[p] as number;
    c.kind[k] = kind;
    c.probability[k] = s.probability[p] as number;
    c.matchWeight[k] = s.matchWeight[p] as number;
    // A loop, not set(subarray): no view object made per pair kept (840K at 1M records).
    for (let f = 0; f < FEATURE_COUNT; f++) c.levels[k * FEATURE_COUNT + f] = s.levels[p * FEATURE_COUNT + f] as number;
  }
  finish(): ScoredBundle {
    return this.chunks.joined();
  }
}

function allocate(n: number): ScoredBundle {
  return {
    a: new Int32Array(n),
    b: new Int32Array(n),
    score: new Uint8Array(n),
    base: new Float64Array(n),
    tokenSort: new Float64Array(n),
    tokenSet: new Float64Array(n),
    jaccard: new Float64Array(n),
    penalties: new Uint8Array(n),
    kind: new Uint8Array(n),
    probability: new Float64Array(n),
    matchWeight: new Float64Array(n),
    levels: new Uint8Array(n * FEATURE_COUNT),
  };
}
