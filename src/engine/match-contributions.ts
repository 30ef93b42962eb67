import { FEATURE_NAMES, MATCH_FEATURES } from '../core/match/features.js';
import type { MatchModelSpec } from '../core/match/match-model.js';
import { sqlString } from './sql-quote.js';

/**
 * SQL for pairs.parquet's `contributions` (issue 10: the waterfall of "why together"): the prior, then each
 * feature's level and weight in bits, from level columns `<prefix>0 .. <prefix>N` (UTINYINT, the order of
 * FEATURE_NAMES). The weights are the run's model, so the file explains itself without the config. A `site` of
 * `none` is left out.
 */
export function contributionsSql(prefix: string, model: MatchModelSpec): string {
  const terms = [`struct_pack(feature := 'prior', level := 'all pairs', weight := ${model.prior}::DOUBLE)`];
  FEATURE_NAMES.forEach((feature, f) => {
    const levels = MATCH_FEATURES[feature] as readonly string[];
    const weights = model.weights[feature] ?? {};
    const column = `${prefix}${f}`;
    const levelCase = levels.map((level, l) => `WHEN ${l} THEN ${sqlString(level)}`).join(' ');
    const weightCase = levels.map((level, l) => `WHEN ${l} THEN ${weights[level] ?? 0}`).join(' ');
    terms.push(
      `struct_pack(feature := ${sqlString(feature)}, level := CASE ${column} ${levelCase} END, weight := (CASE ${column} ${weightCase} END)::DOUBLE)`,
    );
  });
  // `site` applies to site lists only (src/core/site.ts): elsewhere its `none` says nothing, so it is left out.
  return `list_filter(list_value(${terms.join(', ')}), c -> NOT (c.feature = 'site' AND c.level = 'none'))`;
}
