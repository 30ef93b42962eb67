import type { Config } from '../config/schema.js';
import { abbreviationsOf, type KeyTokens } from '../core/key-tokens.js';
import { buildMatchTable, knownSpellingsOf, type MatchTable } from '../core/match/match-table.js';
import { NO_SUFFIX } from '../core/types.js';
import type { KeysBundle } from './block.js';
import { HandOver } from './hand-over.js';
import { aliasTokenGroups, rewriteOptions } from './key-rewrites.js';
import { placeRunsOf, placeTokensOf } from './place-words.js';

/**
 * The run's match table (src/core/match/match-table.ts): what the comparer reads of the keys. Built by the block
 * stage while it waits for its bridge blocks and handed to the score stage in memory, or by the score stage itself.
 */

/** What the match table reads of a keys bundle: all of it but the tokens (given apart) and the blocking facts. */
type MatchTableKeys = Pick<
  KeysBundle,
  | 'keyOf'
  | 'keySuffix'
  | 'keyCoreId'
  | 'abbreviationShort'
  | 'abbreviationLong'
  | 'keySiteOffsets'
  | 'keySiteIds'
  | 'clauseAliasLinks'
>;

/** Records per key: the data's own frequencies are the match model's evidence. */
export function recordsPerKey(keys: Pick<KeysBundle, 'keyOf' | 'keyCoreId'>): Int32Array {
  const counts = new Int32Array(keys.keyCoreId.length);
  const keyOf = keys.keyOf;
  for (let i = 0; i < keyOf.length; i++) {
    const k = keyOf[i] as number;
    if (k >= 0) counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

/** Singulars the token rewrites make of plurals (`holdings` → `holding`, `companies` → `company`). */
function singularTokensOf(config: Config): string[] {
  return Object.entries(config.normalise.token_rewrites)
    .filter(([from, to]) => from.endsWith('s') && !to.endsWith('s') && from.startsWith(to.slice(0, -1)))
    .map(([, to]) => to);
}

/** The words the token rewrites make of numbers (`4` → `four`, `1st` → `first`): a name's number, though no digits. */
export function numberWordsOf(config: Config): string[] {
  const words = new Set<string>();
  for (const [from, to] of Object.entries(config.normalise.token_rewrites))
    if (/^\d+(st|nd|rd|th)?$/.test(from)) words.add(to);
  return [...words];
}

/** The run's match table (src/core/match/match-table.ts) from the block stage's keys. */
export function matchTableOf(keys: MatchTableKeys, tokens: KeyTokens, config: Config): MatchTable {
  const rewrites = rewriteOptions(config, keys).tokenRewrites;
  return buildMatchTable({
    tokens,
    keySuffix: keys.keySuffix,
    keyRecords: recordsPerKey(keys),
    keyCoreId: keys.keyCoreId,
    genericTokens: config.matching.generic_tokens,
    placeTokens: placeTokensOf(config),
    placeRuns: placeRunsOf(config, keys),
    singularTokens: singularTokensOf(config),
    numberWords: numberWordsOf(config),
    aliasCores: aliasTokenGroups(config, keys).map((group) => group.map((tokens) => tokens.join(' '))),
    aliasTypoRatios: {
      typo: config.matching.comparison.typo_frequency_ratio,
      threeLetter: config.matching.comparison.three_letter_typo_ratio,
    },
    acronyms: {
      minLength: config.matching.comparison.acronym_min_length,
      dominance: config.matching.comparison.acronym_dominance,
    },
    knownSpellings: knownSpellingsOf(rewrites, config.matching.generic_tokens),
    abbreviations: abbreviationsOf(rewrites),
    suffixEquivalence: config.suffix.equivalence,
    noSuffix: NO_SUFFIX,
    ...(keys.keySiteOffsets.length === 0 ? {} : { keySites: { offsets: keys.keySiteOffsets, ids: keys.keySiteIds } }),
  });
}

/**
 * The match table of a keys bundle, built by the block stage while it waits for its bridge blocks, with the score
 * stage's config (`StageContext.configOf`) — issue 14: a core was idle there, and the score workers, which need the
 * table, waited for it at the start of the score stage. Handed over once, in memory, as the key store is
 * (`takeKeyStore`); a resumed run builds its own.
 */
const tableOfKeys = new HandOver<KeysBundle, MatchTable>();

/** Remember the table built for `keys`, for {@link takeMatchTable}. */
export function rememberMatchTable(keys: KeysBundle, table: MatchTable): void {
  tableOfKeys.remember(keys, table);
}

/** The table the block stage built for `keys` in this process, once; undefined after that or on a resumed run. */
export function takeMatchTable(keys: KeysBundle): MatchTable | undefined {
  return tableOfKeys.take(keys);
}
