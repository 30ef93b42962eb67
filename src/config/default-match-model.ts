import type { MatchModelSpec } from '../core/match/match-model.js';

/**
 * The shipped match model (issue 10): weights in bits per feature level. Refit with
 * `node --import tsx bench/fit-match-model.ts --write-default` (logistic regression on labelled candidate pairs
 * of the tuning sets; the sets held out are listed in ACCURACY.md).
 */
export const DEFAULT_MATCH_MODEL: MatchModelSpec = {
  prior: -5.81,
  weights: {
    alignment: {
      exact: -3.102,
      joined: 0,
      acronym: 0,
      truncated: 1.593,
      typo_rare_to_common: 2.626,
      typo_both_rare: 1.391,
      typo_similar_frequency: -3.883,
      none: 1.375,
    },
    remainder: {
      none: 3.007,
      generic_one_side: -2.843,
      extra_one_side_head: 1.618,
      extra_one_side: -2.07,
      both_sides_generic: -0.594,
      both_sides: 0.883,
    },
    evidence: {
      ge14: 0.785,
      '10to14': -0.363,
      '7to10': -0.637,
      '4to7': -1.159,
      lt4: 1.375,
    },
    numbers: {
      none: 0.914,
      equal: 2.711,
      one_side: -0.509,
      differ: -3.117,
    },
    legal_form: {
      both_none: 0.588,
      same: 2.114,
      one_none: -0.228,
      compatible: -0.285,
      conflict: -2.188,
    },
    alias: {
      none: 0,
      dictionary: 0,
    },
    similarity: {
      ge95: 4.88,
      '90to95': 4.344,
      '80to90': 0.228,
      '70to80': -3.116,
      lt70: -6.336,
    },
  },
};

/** Words that are tails of many names (`Starbucks Coffee Company`), so one side's extra generic words cost little. */
export const DEFAULT_GENERIC_TOKENS = [
  'company',
  'companies',
  'co',
  'corporation',
  'group',
  'services',
  'service',
  'store',
  'stores',
  'enterprises',
  'enterprise',
  'industries',
  'holdings',
  'holding',
  'systems',
  'solutions',
  'international',
  'national',
  'usa',
  'us',
  'america',
  'american',
  'associates',
  'partners',
  'global',
  'worldwide',
  'incorporated',
  'ventures',
  'management',
  'operations',
  'supercenter',
  'wholesale',
  'center',
  'centers',
  'inc',
  'llc',
];
