import type { Config } from '../config/schema.js';
import { buildKeyStore } from '../core/key-store.js';
import type { ScoreOptions } from '../core/score.js';
import { scorePairsParallel } from '../workers/score-pool.js';
import { type KeysBundle, keyTokensOf } from './block.js';
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
  version: 1,
  inputs: ['keys.bin'],
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
    const keys = await loadArtifact<KeysBundle>(ctx, 'keys.bin');
    const store = buildKeyStore(keyTokensOf(keys, ctx.config), keys.keySuffix, keys.keyCore);
    const scores = await scorePairsParallel(store, keys.candA, keys.candB, scoreOptions(ctx.config), ctx.workers);
    // Keep what grouping needs (≥ medium) and what pairs.parquet shows (≥ pairs_floor).
    const floor = Math.min(ctx.config.pairs_floor, ctx.config.thresholds.medium);
    const total = keys.candA.length;
    let kept = 0;
    for (let p = 0; p < total; p++) if ((scores.score[p] as number) >= floor) kept++;
    const out: ScoredBundle = {
      a: new Int32Array(kept),
      b: new Int32Array(kept),
      score: new Uint8Array(kept),
      base: new Float64Array(kept),
      tokenSort: new Float64Array(kept),
      tokenSet: new Float64Array(kept),
      jaccard: new Float64Array(kept),
      penalties: new Uint8Array(kept),
      kind: new Uint8Array(kept),
    };
    let k = 0;
    for (let p = 0; p < total; p++) {
      if ((scores.score[p] as number) < floor) continue;
      out.a[k] = keys.candA[p] as number;
      out.b[k] = keys.candB[p] as number;
      out.score[k] = scores.score[p] as number;
      out.base[k] = scores.base[p] as number;
      out.tokenSort[k] = scores.tokenSort[p] as number;
      out.tokenSet[k] = scores.tokenSet[p] as number;
      out.jaccard[k] = scores.jaccard[p] as number;
      out.penalties[k] = scores.penalties[p] as number;
      out.kind[k] = keys.candKind[p] as number;
      k++;
    }
    await saveArtifact(ctx, 'scored.bin', out);
    return { counts: { pairs_scored: total, pairs_kept: kept } };
  },
};
