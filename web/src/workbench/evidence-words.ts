/** Words and numbers for match evidence (issue 13): one place, so every screen says it the same way. */
import type { EvidenceModel } from '../../../src/shared/workbench-api.js';

const FEATURE_WORDS: Record<string, string> = {
  prior: 'prior (any candidate pair)',
  token_sort: 'token_sort × 0.45',
  token_set: 'token_set × 0.35',
  jaccard: 'jaccard × 20',
  alignment: 'token alignment',
  remainder: 'unpaired words',
  evidence: 'rarest shared word',
  numbers: 'numbers',
  legal_form: 'legal form',
  alias: 'alias (dictionary or acronym)',
  similarity: 'string similarity',
  site: 'same address (site list)',
  frequency: 'name frequencies',
};

export const featureLabel = (feature: string): string => FEATURE_WORDS[feature] ?? feature.replaceAll('_', ' ');

/** `87%`, or one decimal near the ends where it matters (`99.6%`). */
export function fmtProbability(p: number): string {
  const pct = p * 100;
  if (pct > 99 || pct < 1) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

export function fmtWeight(w: number, model: EvidenceModel): string {
  return model === 'probability' ? `${w.toFixed(1)} bits` : `${w.toFixed(1)} pts`;
}

/** How the run's pairs are scored, for the line above a list of pairs. */
export const MODEL_WORDS: Record<EvidenceModel, string> = {
  probability: 'Match probability from the run’s model, with each feature’s weight in bits.',
  score: 'This run has no probability model: its score is shown as the percentage, with the score’s terms.',
};
