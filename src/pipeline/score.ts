import type { Config } from '../config/schema.js';
import { buildKeyStore } from '../core/key-store.js';
import type { PairScores, ScoreOptions } from '../core/score.js';
import { createScorePool } from '../workers/score-pool.js';
import { keyTokensOf } from './block.js';
import type { RunInput } from './ingest.js';
import type { Stage } from './runner.js';
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
};

export function scoreOptions(config: Config): ScoreOptions {
  return {
    numStyleMismatchPenalty: config.penalty.num_style_mismatch,
    suffixConflictPenalty: config.penalty.suffix_conflict,
    suffixEquivalence: config.suffix.equivalence,
  };
}

/** SPEC §1 stage `score`: every candidate pair once, on worker threads over shared buffers. */
export const scoreStage: Stage<RunInput> = {
  name: 'score',
  module: import.meta.url,
  inputs: ['keys.bin', 'candidates.bin'],
  outputs: ['scored.bin'],
  configKeys: [
    'penalty',
    'suffix.equivalence',
    'pairs_floor',
    'thresholds.medium',
    'normalise.token_rewrites',
    'normalise.weak_tokens',
  ],
  async run(ctx) {
    const keys = await loadArtifact(ctx, 'keys.bin');
    const candidates = await loadArtifact(ctx, 'candidates.bin');
    const store = buildKeyStore(keyTokensOf(keys, ctx.config), keys.keySuffix, keys.keyCore);
    const options = scoreOptions(ctx.config);
    // Keep what grouping needs (≥ medium) and what pairs.parquet shows (≥ pairs_floor).
    const floor = Math.min(ctx.config.pairs_floor, ctx.config.thresholds.medium);
    const total = candidates.candA.length;
    const kept = new KeptPairs();
    const pool = createScorePool(store, ctx.workers);
    try {
      // Scored in batches, so memory follows the pairs kept, not the pairs scored (SPEC §14).
      for (let start = 0; start < total; start += BATCH) {
        const end = Math.min(total, start + BATCH);
        const a = candidates.candA.subarray(start, end);
        const b = candidates.candB.subarray(start, end);
        const scores = await pool.score(a, b, options);
        for (let p = 0; p < end - start; p++) {
          if ((scores.score[p] as number) >= floor)
            kept.push(a[p] as number, b[p] as number, scores, p, candidates.candKind[start + p] as number);
        }
        ctx.progress(end, total);
      }
    } finally {
      await pool.close();
    }
    await saveArtifact(ctx, 'scored.bin', kept.finish());
    return { counts: { pairs_scored: total, pairs_kept: kept.count } };
  },
};

/** Candidate pairs per scoring batch. */
const BATCH = 1 << 19;

/** Growable typed columns of the pairs kept. */
class KeptPairs {
  count = 0;
  private cols: ScoredBundle = allocate(1 << 16);
  push(a: number, b: number, s: PairScores, p: number, kind: number): void {
    if (this.count === this.cols.a.length) this.grow();
    const c = this.cols;
    const k = this.count++;
    c.a[k] = a;
    c.b[k] = b;
    c.score[k] = s.score[p] as number;
    c.base[k] = s.base[p] as number;
    c.tokenSort[k] = s.tokenSort[p] as number;
    c.tokenSet[k] = s.tokenSet[p] as number;
    c.jaccard[k] = s.jaccard[p] as number;
    c.penalties[k] = s.penalties[p] as number;
    c.kind[k] = kind;
  }
  private grow(): void {
    const next = allocate(this.cols.a.length * 2);
    for (const key of Object.keys(next) as (keyof ScoredBundle)[]) next[key].set(this.cols[key] as never);
    this.cols = next;
  }
  finish(): ScoredBundle {
    const n = this.count;
    const c = this.cols;
    return {
      a: c.a.slice(0, n),
      b: c.b.slice(0, n),
      score: c.score.slice(0, n),
      base: c.base.slice(0, n),
      tokenSort: c.tokenSort.slice(0, n),
      tokenSet: c.tokenSet.slice(0, n),
      jaccard: c.jaccard.slice(0, n),
      penalties: c.penalties.slice(0, n),
      kind: c.kind.slice(0, n),
    };
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
  };
}
