import { join } from 'node:path';
import type { Engine } from './database.js';
import type { ReviewStore } from './review-store.js';
import { sqlString } from './sql-quote.js';

export interface RawNameRow {
  account_id: string;
  account_name: string | null;
  group_id: string;
  name_raw: string | null;
}

// Tokens `&`, `@` and `+` become in name_base; they need not appear as letters in the raw name.
const SYMBOL_WORDS = new Set(['and', 'at', 'plus']);
/** RE2 pattern (bound, not spliced) for a character outside ASCII. */
const NON_ASCII_PATTERN = '[^\\x00-\\x7F]';

/**
 * Records of a run whose whole raw name could hold `normalisedTerm`, in record order: the blacklist preview's
 * candidates (REVIEW §2.5; issue 11: the blacklist reads the whole raw name). A superset — the caller's term
 * matcher decides. name_base tokens are runs of ASCII letters and digits of the lower-cased name, with apostrophes
 * and the dots of legal forms removed; so each term token other than `and`/`at`/`plus` appears in the name once
 * everything but letters and digits is dropped — unless the name has non-ASCII text, which is transliterated
 * first and so always kept.
 */
export function recordsWhoseRawNameCouldHold(
  store: ReviewStore,
  runDir: string,
  normalisedTerm: string,
): Promise<RawNameRow[]> {
  const tokens = normalisedTerm.split(' ').filter((t) => t.length > 0 && !SYMBOL_WORDS.has(t));
  const squeezed = "regexp_replace(lower(coalesce(name_raw, '')), '[^a-z0-9]+', '', 'g')";
  const filter =
    tokens.length === 0
      ? { where: 'true', params: [] as string[] }
      : {
          where: `(regexp_matches(coalesce(name_raw, ''), ?) OR (${tokens.map(() => `contains(${squeezed}, ?)`).join(' AND ')}))`,
          params: [NON_ASCII_PATTERN, ...tokens],
        };
  return store.rows<RawNameRow>(
    'blacklist preview',
    `SELECT account_id, account_name, group_id, name_raw
     FROM read_parquet(${sqlString(join(runDir, 'records.parquet'))})
     WHERE ${filter.where}
     ORDER BY row_index`,
    filter.params,
  );
}

/**
 * (account_id, group_id) of the records of a records.parquet whose account id is one of `accountIds`, as the run
 * spells them: `junction eval --labels-from` places the steward's labelled pairs in the run's groups (issue 13).
 */
export function groupsOfAccounts(
  engine: Engine,
  recordsParquet: string,
  accountIds: readonly string[],
): Promise<{ account_id: string; group_id: string }[]> {
  if (accountIds.length === 0) return Promise.resolve([]);
  return engine.rows<{ account_id: string; group_id: string }>(
    'steward labels: groups of labelled records',
    `SELECT account_id, group_id FROM read_parquet(${sqlString(recordsParquet)})
     WHERE account_id IN (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))`,
    [JSON.stringify(accountIds)],
  );
}
