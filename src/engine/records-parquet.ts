import { join } from 'node:path';
import type { ReviewStore } from './review-store.js';
import { sqlString } from './sql-quote.js';

export interface NameBaseRow {
  account_id: string;
  account_name: string | null;
  group_id: string;
  name_base: string;
}

/**
 * Records of a run whose `name_base`, padded with a space each side, contains `padded` (a normalised term with a
 * space each side): the blacklist preview's candidates (REVIEW §2.5), in record order. name_base is
 * single-spaced whole tokens, so every whole-word hit is among them; the caller's term matcher decides.
 */
export function recordsWithNameBaseContaining(
  store: ReviewStore,
  runDir: string,
  padded: string,
): Promise<NameBaseRow[]> {
  return store.rows<NameBaseRow>(
    'blacklist preview',
    `SELECT account_id, account_name, group_id, name_base
     FROM read_parquet(${sqlString(join(runDir, 'records.parquet'))})
     WHERE contains(' ' || coalesce(name_base, '') || ' ', ?)
     ORDER BY row_index`,
    [padded],
  );
}
