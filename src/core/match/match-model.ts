import { FEATURE_COUNT, FEATURE_NAMES, MATCH_FEATURES, type MatchFeature } from './features.js';

/**
 * The match model (issue 10): a prior and one weight per feature level, all in bits (log2 odds), as Splink's
 * Fellegi–Sunter weights. A pair's match weight is the prior plus the weights of its levels; its probability
 * is 2^w / (1 + 2^w). The weights are fitted on labelled pairs (`bench/fit-match-model.ts`, logistic
 * regression) and shipped as config data, so a user can refit on their own labelled data.
 */
export interface MatchModelSpec {
  /** log2 odds that a candidate pair is a match before any feature is seen. */
  prior: number;
  /** Feature → level → bits. Missing levels weigh 0. */
  weights: { readonly [F in MatchFeature]?: { readonly [level: string]: number } };
}

/** A model compiled for the hot loop: `weights[levelOffset[f] + level]`. */
export interface CompiledMatchModel {
  prior: number;
  weights: Float64Array;
  levelOffset: Int32Array;
}

export function compileMatchModel(spec: MatchModelSpec): CompiledMatchModel {
  const levelOffset = new Int32Array(FEATURE_COUNT + 1);
  for (let f = 0; f < FEATURE_COUNT; f++) {
    levelOffset[f + 1] = (levelOffset[f] as number) + MATCH_FEATURES[FEATURE_NAMES[f] as MatchFeature].length;
  }
  const weights = new Float64Array(levelOffset[FEATURE_COUNT] as number);
  FEATURE_NAMES.forEach((feature, f) => {
    const given = spec.weights[feature] ?? {};
    MATCH_FEATURES[feature].forEach((level, l) => {
      weights[(levelOffset[f] as number) + l] = given[level] ?? 0;
    });
  });
  return { prior: spec.prior, weights, levelOffset };
}

/** Match weight (bits) of one pair's levels, `levels[at .. at + FEATURE_COUNT)`. */
export function matchWeight(model: CompiledMatchModel, levels: Uint8Array, at: number): number {
  let w = model.prior;
  for (let f = 0; f < FEATURE_COUNT; f++)
    w += model.weights[(model.levelOffset[f] as number) + (levels[at + f] as number)] as number;
  return w;
}

/** Probability of a match weight in bits. @example probabilityOfWeight(0) → 0.5 */
export function probabilityOfWeight(bits: number): number {
  return 1 / (1 + 2 ** -bits);
}

/**
 * The score thresholds compare against: floor(100 · p), so 0.9999 is 99 and a score of 95 means p ≥ 0.95.
 * @example scoreOfProbability(0.956) → 95
 */
export function scoreOfProbability(p: number): number {
  return Math.max(0, Math.min(100, Math.floor(100 * p + 1e-9)));
}
