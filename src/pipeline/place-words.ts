import { normaliseOptionsFromConfig } from '../config/core-options.js';
import { placeLists } from '../config/places.js';
import type { Config } from '../config/schema.js';
import { rewriteTokens } from '../core/key-tokens.js';
import { createBaseNormaliser } from '../core/normalise/index.js';
import { type LearnedRewrites, rewriteOptions } from './key-rewrites.js';

// The gazetteer's places as key tokens: what the comparer and the chain guard read as a place (issue 10).

/**
 * One-word places of the gazetteer as tokens (`dubuque`, `mesa`): a place in front of a name is identity. Two-letter
 * state codes are left out, as they are words too (`in`, `or`, `me`). `cities` leaves states and countries out.
 */
export function placeTokensOf(config: Config, list: 'places' | 'cities' = 'places'): string[] {
  return placeLists(config.normalise.places)[list].filter((place) => /^[a-z]{3,}$/.test(place));
}

/**
 * Places of several words of the gazetteer (`santa cruz`, `port st lucie`) as the tokens a core holds: normalised
 * like a name's words and rewritten like a key's.
 */
export function placeRunsOf(
  config: Config,
  learned: LearnedRewrites,
  list: 'places' | 'cities' = 'places',
): string[][] {
  const base = createBaseNormaliser(normaliseOptionsFromConfig(config));
  const rewrite = rewriteOptions(config, learned);
  const runs: string[][] = [];
  for (const place of placeLists(config.normalise.places)[list]) {
    if (!place.includes(' ') && !place.includes('-')) continue;
    const tokens = rewriteTokens(base(place), rewrite);
    if (tokens.length >= 2) runs.push(tokens);
  }
  return runs;
}
