/**
 * The comparison features of the match model (issue 10) and their levels, as one closed vocabulary: the
 * comparer writes level indices, the model holds one weight (bits) per level, pairs.parquet and the review
 * drawer show `feature: level`. Splink's comparison levels, over name tokens instead of columns.
 *
 * - alignment: the weakest way a distinctive word of one name was found in the other (exact, joined words,
 *   an acronym of several words, a truncated last word, a typo — judged by the two spellings' frequencies);
 * - remainder: the distinctive words left over after alignment — none, generic only, extra words on one side
 *   (a tail such as `Coffee Company`; after a frequent name, after a name of two words or more, or after a
 *   one-word name as in `Tesla` / `Tesla Electric`, or in front of every shared word as in `Peter Luger Steak
 *   House` / `Steak House`, or between two shared words as in `Garcia & Sons Staffing` / `Garcia Staffing`), or
 *   different words on both sides (`Honda` / `Toyota`), or a frequent name's site (`Target - Mesa` / `Target`);
 * - evidence: how rare the aligned words are (IDF bits): two names sharing only `pacific coast` say little;
 * - numbers: digits and roman numerals in the cores (`Fund II` / `Fund III`);
 * - legal_form: the two suffix classes;
 * - alias: both names spell one employer of the alias dictionary (`UPS` / `United Parcel Service`), or one is an
 *   acronym the data supports of the other (`JITB` / `Jack in the Box`: its one frequent reading in the file);
 * - similarity: token_set_ratio of the cores, the character-level view;
 * - site: in a site list (src/core/site.ts), whether the two names have records at one address.
 */
export const MATCH_FEATURES = {
  alignment: [
    'exact',
    'joined',
    'acronym',
    'truncated',
    'typo_rare_to_common',
    'typo_both_rare',
    'typo_similar_frequency',
    'none',
  ],
  remainder: [
    'none',
    'generic_one_side',
    'extra_one_side_head',
    'extra_one_side',
    'extra_after_one_word',
    'extra_at_start',
    'both_sides_generic',
    'both_sides',
    'extra_inside',
    'site_one_side',
  ],
  evidence: ['ge14', '10to14', '7to10', '4to7', 'lt4'],
  numbers: ['none', 'equal', 'one_side', 'differ'],
  legal_form: ['both_none', 'same', 'one_none', 'compatible', 'conflict'],
  alias: ['none', 'dictionary', 'acronym'],
  similarity: ['ge95', '90to95', '80to90', '70to80', 'lt70'],
  site: ['none', 'same'],
} as const;

export type MatchFeature = keyof typeof MATCH_FEATURES;
export const FEATURE_NAMES = Object.keys(MATCH_FEATURES) as MatchFeature[];
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Index of each feature in a pair's level vector. */
export const F_ALIGNMENT = 0;
export const F_REMAINDER = 1;
export const F_EVIDENCE = 2;
export const F_NUMBERS = 3;
export const F_LEGAL_FORM = 4;
export const F_ALIAS = 5;
export const F_SIMILARITY = 6;
export const F_SITE = 7;

/** Level indices, named for the comparer's code (must follow the arrays above). */
export const ALIGN_EXACT = 0;
export const ALIGN_JOINED = 1;
export const ALIGN_ACRONYM = 2;
export const ALIGN_TRUNCATED = 3;
export const ALIGN_TYPO_RARE_TO_COMMON = 4;
export const ALIGN_TYPO_BOTH_RARE = 5;
export const ALIGN_TYPO_SIMILAR = 6;
export const ALIGN_NONE = 7;

export const REM_NONE = 0;
export const REM_GENERIC_ONE_SIDE = 1;
export const REM_EXTRA_ONE_SIDE_HEAD = 2;
export const REM_EXTRA_ONE_SIDE = 3;
export const REM_EXTRA_AFTER_ONE_WORD = 4;
export const REM_EXTRA_AT_START = 5;
export const REM_BOTH_GENERIC = 6;
export const REM_BOTH_SIDES = 7;
/** A distinctive word between two shared words (`garcia sons staffing` / `garcia staffing`): CRM names vary by their tail. */
export const REM_EXTRA_INSIDE = 8;
/** A head's site: the extra words follow every shared word and are a place (`walmart mesa` / `walmart`). */
export const REM_SITE_ONE_SIDE = 9;

export const NUM_NONE = 0;
export const NUM_EQUAL = 1;
export const NUM_ONE_SIDE = 2;
export const NUM_DIFFER = 3;

export const LEGAL_BOTH_NONE = 0;
export const LEGAL_SAME = 1;
export const LEGAL_ONE_NONE = 2;
export const LEGAL_COMPATIBLE = 3;
export const LEGAL_CONFLICT = 4;

export const ALIAS_NONE = 0;
export const ALIAS_DICTIONARY = 1;
/** A one-word name and the name its letters are the initials of, the file's one reading of them (`jitb`). */
export const ALIAS_ACRONYM = 2;

/** Level of matched-word rarity in bits. @example evidenceLevel(11.2) → 1 ('10to14') */
export function evidenceLevel(bits: number): number {
  if (bits >= 14) return 0;
  if (bits >= 10) return 1;
  if (bits >= 7) return 2;
  if (bits >= 4) return 3;
  return 4;
}

/** Level of token_set_ratio (0..100). @example similarityLevel(92) → 1 ('90to95') */
export function similarityLevel(tokenSet: number): number {
  if (tokenSet >= 95) return 0;
  if (tokenSet >= 90) return 1;
  if (tokenSet >= 80) return 2;
  if (tokenSet >= 70) return 3;
  return 4;
}

/** `feature: level` text of level `level` of feature index `f`. */
export function levelName(f: number, level: number): string {
  const feature = FEATURE_NAMES[f] as MatchFeature;
  return (MATCH_FEATURES[feature] as readonly string[])[level] ?? '?';
}

export const SITE_NONE = 0;
export const SITE_SAME = 1;
