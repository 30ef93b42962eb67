import type { KeyStore } from '../key-store.js';
import { PairScorer, type PairScores, type PreparedScoreOptions } from '../score.js';
import type { ComparisonOptions } from './compare.js';
import { PairComparer } from './compare.js';
import { FEATURE_COUNT } from './features.js';
import { type CompiledMatchModel, matchWeight, probabilityOfWeight, scoreOfProbability } from './match-model.js';
import type { MatchTable } from './match-table.js';

/**
 * Scores pairs with the match model (issue 10): the RapidFuzz kernel first (token_set_ratio is one feature and
 * the legacy columns stay in pairs.parquet), then the comparer's levels, the match weight and the probability.
 * `score` becomes floor(100 · probability), what thresholds and grouping compare against.
 */
export class PairMatcher {
  private readonly scorer: PairScorer;
  private readonly comparer: PairComparer;
  private readonly model: CompiledMatchModel;

  constructor(store: KeyStore, table: MatchTable, model: CompiledMatchModel, comparison: ComparisonOptions) {
    this.scorer = new PairScorer(store);
    this.comparer = new PairComparer(table, comparison);
    this.model = model;
  }

  matchRange(
    a: Int32Array,
    b: Int32Array,
    start: number,
    end: number,
    prepared: PreparedScoreOptions,
    out: PairScores,
  ): void {
    this.scorer.scoreRange(a, b, start, end, prepared, out);
    const levels = out.levels;
    for (let k = start; k < end; k++) {
      const at = k * FEATURE_COUNT;
      this.comparer.compare(a[k] as number, b[k] as number, out.tokenSet[k] as number, levels, at);
      const w = matchWeight(this.model, levels, at);
      const p = probabilityOfWeight(w);
      out.matchWeight[k] = w;
      out.probability[k] = p;
      out.score[k] = scoreOfProbability(p);
      out.base[k] = 100 * p;
    }
  }
}
