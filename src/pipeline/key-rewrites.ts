import { normaliseOptionsFromConfig } from '../config/core-options.js';
import type { Config } from '../config/schema.js';
import { rewriteTokens, type TokenRewriteOptions } from '../core/key-tokens.js';
import { createNormaliser, type NormalisedName } from '../core/normalise/index.js';
import { withLinkedSpellings } from '../core/steward-aliases.js';
import type { KeysBundle } from './block.js';

/**
 * The matching rewrites (SPEC §3 step 8) with what a file taught, and the alias spellings rewritten by them: read by
 * the block stage's keys and by the match table the score stage compares with (src/pipeline/match-table-of.ts).
 */

/** The learned abbreviations of a keys bundle. */
export type LearnedRewrites = Pick<KeysBundle, 'abbreviationShort' | 'abbreviationLong'>;
export const NOTHING_LEARNED: LearnedRewrites = { abbreviationShort: [], abbreviationLong: [] };
/** What the file taught that the alias groups read: its abbreviations and, once blocked, its declared trade names. */
export type LearnedFromFile = LearnedRewrites & Partial<Pick<KeysBundle, 'clauseAliasLinks'>>;

/**
 * The matching rewrites of SPEC §3 step 8: the configured ones, then what this file taught (`learned`). A
 * configured rewrite whose result is a learned abbreviation goes straight to its full word (rewrites apply once).
 */
export function rewriteOptions(config: Config, learned: LearnedRewrites = NOTHING_LEARNED): TokenRewriteOptions {
  const configured = config.normalise.token_rewrites;
  if (learned.abbreviationShort.length === 0) {
    return { tokenRewrites: configured, weakTokens: config.normalise.weak_tokens };
  }
  const full = new Map(learned.abbreviationShort.map((short, i) => [short, learned.abbreviationLong[i] as string]));
  const tokenRewrites: Record<string, string> = {};
  for (const [from, to] of Object.entries(configured)) tokenRewrites[from] = full.get(to) ?? to;
  for (const [short, long] of full) if (!Object.hasOwn(tokenRewrites, short)) tokenRewrites[short] = long;
  return { tokenRewrites, weakTokens: config.normalise.weak_tokens };
}

/** The normaliser made last, and the config `normalise` (as JSON) it was made of. */
let lastNormaliser: { settings: string; normalise: (name: string) => NormalisedName } | null = null;

/**
 * A record name's normaliser for config `normalise`, made once for as long as the settings stay the same: the block
 * stage (twice) and the group stage normalise the alias dictionary with it, and making one builds its place matcher
 * (issue 14: 17–42 ms of the main thread each time at 94K records). A pure function of the settings, so one made for
 * an earlier run serves a later one with the same settings.
 */
export function normaliserOf(config: Pick<Config, 'normalise'>): (name: string) => NormalisedName {
  const settings = JSON.stringify(config.normalise);
  if (lastNormaliser?.settings !== settings) {
    lastNormaliser = { settings, normalise: createNormaliser(normaliseOptionsFromConfig(config)) };
  }
  return lastNormaliser.normalise;
}

/**
 * `matching.aliases`, with the trade names the file declares folded in, as the blocking index reads them: each
 * spelling normalised like a record's name and rewritten for matching (SPEC §3), spellings with an empty core dropped.
 */
export function aliasTokenGroups(config: Config, learned: LearnedFromFile = NOTHING_LEARNED): string[][][] {
  const normalise = normaliserOf(config);
  const rewrite = rewriteOptions(config, learned);
  const links = learned.clauseAliasLinks?.json ?? [];
  const entries =
    links.length === 0
      ? config.matching.aliases
      : withLinkedSpellings(config.matching.aliases, links, (name) => normalise(name).name_core);
  return entries.map((group) =>
    group.map((name) => rewriteTokens(normalise(name).name_core, rewrite)).filter((tokens) => tokens.length > 0),
  );
}
