import type { MatchModelSpec } from '../core/match/match-model.js';

/**
 * The shipped match model (issue 10): weights in bits per feature level. Refit with
 * `node --import tsx bench/fit-match-model.ts --write-default` (logistic regression on labelled candidate pairs
 * of the tuning sets; the sets held out are listed in ACCURACY.md).
 */
/**
 * The reasoned starting point, in bits: what each level says before any data (see docs/guides/matching.md).
 * The fit pulls towards it, so a level the tuning data rarely shows keeps this weight.
 */
export const HAND_SET_MATCH_MODEL: MatchModelSpec = {
  prior: -6,
  weights: {
    alignment: {
      exact: 2,
      joined: 2,
      // Initials alone meet many names (`cvs` / `castro valley staffing`): an acronym counts when the data supports it
      // (alias `acronym`).
      acronym: 0,
      truncated: 1,
      typo_rare_to_common: 1.5,
      typo_both_rare: -2,
      typo_similar_frequency: -8,
      none: -10,
    },
    remainder: {
      none: 8,
      generic_one_side: 5,
      extra_one_side_head: 4,
      extra_one_side: 2,
      extra_after_one_word: -2,
      extra_at_start: -4,
      both_sides_generic: 2,
      both_sides: -8,
      // A word added inside a name rather than after it is another company more often than a tail (`Garcia & Sons
      // Staffing` / `Garcia Staffing`), so it weighs as a tail after a one-word name.
      extra_inside: -2,
      // A place after a frequent name is one of its sites (`Target - Mesa`): intake adds them to chains, while a
      // generic tail also ends look-alikes' names (`Lowe Group` beside `Lowe's`).
      site_one_side: 6,
    },
    evidence: { ge14: 3, '10to14': 2, '7to10': 1, '4to7': -1, lt4: -4 },
    numbers: { none: 0, equal: 1, one_side: -2, differ: -10 },
    legal_form: { both_none: 0, same: 1, one_none: 0, compatible: 0, conflict: -6 },
    // An acronym the data supports is evidence, not a listed fact: half the dictionary's weight.
    alias: { none: 0, dictionary: 6, acronym: 3 },
    similarity: { ge95: 2, '90to95': 1, '80to90': 0, '70to80': -1, lt70: -2 },
    // Only in a site list: two names at one address (a building may hold several businesses, so not conclusive).
    site: { none: 0, same: 6 },
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
  // The web suffix of a name written as its site (`Amazon.com`, `Amazon.com Services`).
  'com',
];

/** The shipped model: the MAP fit around {@link HAND_SET_MATCH_MODEL} on the tuning sets (rewritten by the fit). */
export const DEFAULT_MATCH_MODEL: MatchModelSpec = HAND_SET_MATCH_MODEL;
