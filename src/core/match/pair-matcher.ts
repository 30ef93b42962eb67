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
  /** Place value of each feature's level in a combination code: levels are few, so are combinations (64,000). */
  private readonly stride: Int32Array;
  /** Weight and probability of each combination of levels once computed (NaN before): Math.pow is not free. */
  private readonly comboWeight: Float64Array;
  private readonly comboProbability: Float64Array;

  constructor(store: KeyStore, table: MatchTable, model: CompiledMatchModel, comparison: ComparisonOptions) {
    this.scorer = new PairScorer(store);
    this.comparer = new PairComparer(table, comparison);
    this.model = model;
    this.stride = new Int32Array(FEATURE_COUNT);
    let combos = 1;
    for (let f = FEATURE_COUNT - 1; f >= 0; f--) {
      this.stride[f] = combos;
      combos *= (model.levelOffset[f + 1] as number) - (model.levelOffset[f] as number);
    }
    this.comboWeight = new Float64Array(combos).fill(Number.NaN);
    this.comboProbability = new Float64Array(combos);
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
    const stride = this.stride;
    const comboWeight = this.comboWeight;
    const comboProbability = this.comboProbability;
    for (let k = start; k < end; k++) {
      const at = k * FEATURE_COUNT;
      this.comparer.compare(a[k] as number, b[k] as number, out.tokenSet[k] as number, levels, at);
      let combo = 0;
      for (let f = 0; f < FEATURE_COUNT; f++) combo += (levels[at + f] as number) * (stride[f] as number);
      let w = comboWeight[combo] as number;
      if (Number.isNaN(w)) {
        w = matchWeight(this.model, levels, at);
        comboWeight[combo] = w;
        comboProbability[combo] = probabilityOfWeight(w);
      }
      const p = comboProbability[combo] as number;
      out.matchWeight[k] = w;
      out.probability[k] = p;
      out.score[k] = scoreOfProbability(p);
      out.base[k] = 100 * p;
    }
  }
}
