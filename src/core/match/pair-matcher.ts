import type { KeyStore } from '../key-store.js';
import { PairScorer, type PairScores, type PreparedScoreOptions } from '../score.js';
import type { ComparisonOptions } from './compare.js';
import { PairComparer, repeatedAlike } from './compare.js';
import { isConflict, isRival } from './conflict.js';
import { F_SIMILARITY, FEATURE_COUNT, similarityLevel } from './features.js';
import { type CompiledMatchModel, matchWeight, probabilityOfWeight, scoreOfProbability } from './match-model.js';
import type { MatchTable } from './match-table.js';

/**
 * Scores pairs with the match model (issue 10): the comparer's levels, the RapidFuzz kernel (token_set_ratio is
 * one feature and the legacy columns stay in pairs.parquet), the match weight and the probability. `score` becomes
 * floor(100 · probability), what thresholds and grouping compare against.
 *
 * With a `keepFloor` (the score stage's: pairs below it are dropped unless they are conflicts or rivals), a pair
 * that is not a conflict and that no similarity level could lift to the floor skips the kernel: its columns are
 * all 0 but its levels (most candidate pairs name two different companies: 97% at 94K records; a rival below the
 * floor is kept for its levels alone).
 *
 * `keep` says which pairs the score stage keeps: those that score keepFloor, conflicts (which keep groups apart) and
 * rivals whose names intake repeats about as often (the chain guard reads them; a rival of a one-off changes
 * nothing). Decided here, where the levels were just written, rather than by the stage's thread over every pair
 * (issue 14: 28M pairs at 1M records, a second of a thread beside the two scoring ones).
 */
export class PairMatcher {
  private readonly scorer: PairScorer;
  private readonly comparer: PairComparer;
  private readonly model: CompiledMatchModel;
  private readonly keepFloor: number;
  /** Records per key's name and the typo frequency ratio: whether a rival's two names are repeated alike. */
  private readonly nameRecords: Int32Array;
  private readonly typoFrequencyRatio: number;
  /** The similarity level of the largest weight: the most any token_set_ratio can add. */
  private readonly bestSimilarity: number;
  /** Place value of each feature's level in a combination code: levels are few, so are combinations (64,000). */
  private readonly stride: Int32Array;
  /** Weight and probability of each combination of levels once computed (NaN before): Math.pow is not free. */
  private readonly comboWeight: Float64Array;
  private readonly comboProbability: Float64Array;
  /** Whether a combination (with the best similarity) can reach keepFloor: −1 not known yet, 0 no, 1 yes. */
  private readonly comboReaches: Int8Array;

  constructor(
    store: KeyStore,
    table: MatchTable,
    model: CompiledMatchModel,
    comparison: ComparisonOptions,
    keepFloor = 0,
  ) {
    this.scorer = new PairScorer(store);
    this.comparer = new PairComparer(table, comparison);
    this.model = model;
    this.keepFloor = keepFloor;
    this.nameRecords = table.keyNameRecords;
    this.typoFrequencyRatio = comparison.typoFrequencyRatio;
    this.stride = new Int32Array(FEATURE_COUNT);
    let combos = 1;
    for (let f = FEATURE_COUNT - 1; f >= 0; f--) {
      this.stride[f] = combos;
      combos *= (model.levelOffset[f + 1] as number) - (model.levelOffset[f] as number);
    }
    this.comboWeight = new Float64Array(combos).fill(Number.NaN);
    this.comboProbability = new Float64Array(combos);
    this.comboReaches = new Int8Array(combos).fill(-1);
    const from = model.levelOffset[F_SIMILARITY] as number;
    const levels = (model.levelOffset[F_SIMILARITY + 1] as number) - from;
    let best = 0;
    for (let l = 1; l < levels; l++)
      if ((model.weights[from + l] as number) > (model.weights[from + best] as number)) best = l;
    this.bestSimilarity = best;
  }

  matchRange(
    a: Int32Array,
    b: Int32Array,
    start: number,
    end: number,
    prepared: PreparedScoreOptions,
    out: PairScores,
  ): void {
    const levels = out.levels;
    for (let k = start; k < end; k++) {
      const at = k * FEATURE_COUNT;
      // The similarity level is set once token_set_ratio is known.
      this.comparer.compare(a[k] as number, b[k] as number, 0, levels, at);
      const alignedSimilarity = this.comparer.alignedSimilarity;
      const conflict = isConflict(levels, at);
      if (this.keepFloor > 0 && !conflict) {
        levels[at + F_SIMILARITY] = this.bestSimilarity;
        if (!this.reachesFloor(levels, at)) {
          out.score[k] = 0;
          out.base[k] = 0;
          out.tokenSort[k] = 0;
          out.tokenSet[k] = 0;
          out.jaccard[k] = 0;
          out.penalties[k] = 0;
          out.probability[k] = 0;
          out.matchWeight[k] = 0;
          out.keep[k] = this.rivalRepeatedAlike(levels, at, a[k] as number, b[k] as number) ? 1 : 0;
          continue;
        }
      }
      this.scorer.scoreRange(a, b, k, k + 1, prepared, out);
      // Or the ratio over the aligned words, when the comparer found every word of one name in the other.
      levels[at + F_SIMILARITY] = similarityLevel(Math.max(out.tokenSet[k] as number, alignedSimilarity));
      const combo = this.comboOf(levels, at);
      const w = this.comboWeight[combo] as number;
      const p = this.comboProbability[combo] as number;
      out.matchWeight[k] = w;
      out.probability[k] = p;
      out.score[k] = scoreOfProbability(p);
      out.base[k] = 100 * p;
      out.keep[k] =
        (out.score[k] as number) >= this.keepFloor ||
        conflict ||
        this.rivalRepeatedAlike(levels, at, a[k] as number, b[k] as number)
          ? 1
          : 0;
    }
  }

  /** A rival pair (`smith heating` / `smyth heating`) whose two names intake repeats about as often. */
  private rivalRepeatedAlike(levels: Uint8Array, at: number, a: number, b: number): boolean {
    return (
      isRival(levels, at) &&
      repeatedAlike(this.nameRecords[a] as number, this.nameRecords[b] as number, this.typoFrequencyRatio)
    );
  }

  /** Code of the levels at `at`, with its weight and probability computed (as matchWeight would) if new. */
  private comboOf(levels: Uint8Array, at: number): number {
    let combo = 0;
    for (let f = 0; f < FEATURE_COUNT; f++) combo += (levels[at + f] as number) * (this.stride[f] as number);
    if (Number.isNaN(this.comboWeight[combo] as number)) {
      const w = matchWeight(this.model, levels, at);
      this.comboWeight[combo] = w;
      this.comboProbability[combo] = probabilityOfWeight(w);
    }
    return combo;
  }

  /**
   * Whether the levels at `at` can score keepFloor. A lower similarity level weighs no more and a sum of doubles
   * grows with its terms, so the true score is at most this one's; a millionth of a bit of margin covers any
   * rounding of the power in the probability.
   */
  private reachesFloor(levels: Uint8Array, at: number): boolean {
    const combo = this.comboOf(levels, at);
    let reaches = this.comboReaches[combo] as number;
    if (reaches < 0) {
      const best = scoreOfProbability(probabilityOfWeight((this.comboWeight[combo] as number) + 1e-6));
      reaches = best >= this.keepFloor ? 1 : 0;
      this.comboReaches[combo] = reaches;
    }
    return reaches === 1;
  }
}
