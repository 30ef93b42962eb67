import { FEATURE_COUNT, FEATURE_NAMES, MATCH_FEATURES, type MatchFeature } from './features.js';
import type { MatchModelSpec } from './match-model.js';

/**
 * Fits the match model by L2-regularised logistic regression over one-hot feature levels (issue 10: parameters
 * "fitted on labelled data and shipped as defaults"). Every feature is categorical, so pairs collapse into
 * level patterns with match / non-match counts: Newton's method runs on a few thousand patterns whatever the
 * number of pairs.
 */
export class LevelPatterns {
  private readonly index = new Map<string, number>();
  readonly patterns: Uint8Array[] = [];
  readonly matches: number[] = [];
  readonly nonMatches: number[] = [];

  add(levels: Uint8Array, at: number, isMatch: boolean, weight = 1): void {
    const slice = levels.subarray(at, at + FEATURE_COUNT);
    const key = slice.join(',');
    let p = this.index.get(key);
    if (p === undefined) {
      p = this.patterns.length;
      this.index.set(key, p);
      this.patterns.push(Uint8Array.from(slice));
      this.matches.push(0);
      this.nonMatches.push(0);
    }
    if (isMatch) this.matches[p] = (this.matches[p] as number) + weight;
    else this.nonMatches[p] = (this.nonMatches[p] as number) + weight;
  }
}

export interface FitResult {
  model: MatchModelSpec;
  iterations: number;
  /** Mean log-loss per pair at the end (nats). */
  logLoss: number;
}

/**
 * Newton–Raphson with an L2 penalty `lambda` on every level weight (not the intercept), pulling each weight
 * towards `centre` (a maximum a-posteriori fit around the hand-set model): levels the labelled data rarely
 * shows keep their reasoned weight instead of collapsing to 0.
 */
export function fitMatchModel(
  data: LevelPatterns,
  lambda = 1,
  centre: MatchModelSpec | null = null,
  maxIterations = 50,
): FitResult {
  const offsets: number[] = [0];
  for (const f of FEATURE_NAMES) offsets.push((offsets[offsets.length - 1] as number) + MATCH_FEATURES[f].length);
  const dims = 1 + (offsets[FEATURE_COUNT] as number);
  const beta = new Float64Array(dims);
  const target = new Float64Array(dims);
  if (centre !== null) {
    target[0] = centre.prior * Math.LN2;
    FEATURE_NAMES.forEach((feature: MatchFeature, f) => {
      MATCH_FEATURES[feature].forEach((level, l) => {
        target[1 + (offsets[f] as number) + l] = (centre.weights[feature]?.[level] ?? 0) * Math.LN2;
      });
    });
    beta.set(target);
  }
  const columnsOf = (pattern: Uint8Array): number[] => {
    const cols = [0];
    for (let f = 0; f < FEATURE_COUNT; f++) cols.push(1 + (offsets[f] as number) + (pattern[f] as number));
    return cols;
  };
  const rows = data.patterns.map(columnsOf);
  let total = 0;
  for (let p = 0; p < rows.length; p++) total += (data.matches[p] as number) + (data.nonMatches[p] as number);
  // Penalised negative log-likelihood (nats) at `b`.
  const objective = (b: Float64Array): number => {
    let value = 0;
    for (let p = 0; p < rows.length; p++) {
      let z = 0;
      for (const c of rows[p] as number[]) z += b[c] as number;
      // log(1 + e^z) without overflow.
      const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      value += (data.matches[p] as number) * (softplus - z) + (data.nonMatches[p] as number) * softplus;
    }
    for (let c = 1; c < dims; c++) value += 0.5 * lambda * ((b[c] as number) - (target[c] as number)) ** 2;
    return value;
  };
  let iterations = 0;
  let current = objective(beta);
  for (; iterations < maxIterations; iterations++) {
    const grad = new Float64Array(dims);
    const hess = new Float64Array(dims * dims);
    for (let p = 0; p < rows.length; p++) {
      const cols = rows[p] as number[];
      let z = 0;
      for (const c of cols) z += beta[c] as number;
      const prob = 1 / (1 + Math.exp(-z));
      const pos = data.matches[p] as number;
      const n = pos + (data.nonMatches[p] as number);
      const residual = pos - n * prob;
      const w = n * prob * (1 - prob);
      for (const c of cols) {
        grad[c] = (grad[c] as number) + residual;
        for (const d of cols) hess[c * dims + d] = (hess[c * dims + d] as number) + w;
      }
    }
    for (let c = 1; c < dims; c++) {
      grad[c] = (grad[c] as number) - lambda * ((beta[c] as number) - (target[c] as number));
      hess[c * dims + c] = (hess[c * dims + c] as number) + lambda;
    }
    hess[0] = (hess[0] as number) + 1e-6;
    const step = solve(hess, grad, dims);
    // Newton steps overshoot where probabilities saturate: halve until the objective improves.
    let scale = 1;
    let next = new Float64Array(dims);
    let value = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40; tries++) {
      next = beta.map((x, c) => x + scale * (step[c] as number));
      value = objective(next);
      if (value <= current) break;
      scale /= 2;
    }
    if (!(value <= current)) break;
    const improvement = current - value;
    beta.set(next);
    current = value;
    if (improvement < 1e-7 * Math.max(1, Math.abs(current))) break;
  }
  const logLoss = total === 0 ? 0 : current / total;
  const LN2 = Math.LN2;
  const weights: Record<string, Record<string, number>> = {};
  FEATURE_NAMES.forEach((feature: MatchFeature, f) => {
    const levels: Record<string, number> = {};
    MATCH_FEATURES[feature].forEach((level, l) => {
      levels[level] = round((beta[1 + (offsets[f] as number) + l] as number) / LN2);
    });
    weights[feature] = levels;
  });
  return {
    model: { prior: round((beta[0] as number) / LN2), weights },
    iterations,
    logLoss: total === 0 ? 0 : logLoss / total,
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Solve the symmetric positive-definite system H x = g (Cholesky). */
function solve(h: Float64Array, g: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = h[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * n + j] = sum / (l[j * n + j] as number);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = g[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * n + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * n + i] as number);
  }
  return x;
}
