import { BLOCKING_KEY_KINDS } from '../core/blocking.js';
import { FEATURE_COUNT } from '../core/match/features.js';
import { PENALTY_NUM_STYLE, PENALTY_SUFFIX_CONFLICT } from '../core/score.js';
import { loadColumns } from '../engine/load-columns.js';
import { contributionsSql } from '../engine/match-contributions.js';
import { PARQUET_OPTIONS } from '../engine/parquet-options.js';
import { sqlString } from '../engine/sql-quote.js';
import type { RunInput } from './ingest.js';
import type { Stage, StageContext } from './runner.js';
import { loadArtifact, loadArtifactColumns } from './stage-io.js';

/**
 * SPEC §1 stage `write`: pairs.parquet (scored pairs ≥ pairs_floor with components and blocking key),
 * alias_matches.parquet, and the search index the review UI reads (name tokens → records).
 */
export const writeStage: Stage<RunInput> = {
  name: 'write',
  module: import.meta.url,
  usesEngine: true,
  inputs: ['canonical.bin', 'keys.bin', 'scored.bin', 'grouping.bin', 'survive.bin', 'alias.bin', 'records.parquet'],
  outputs: ['pairs.parquet', 'alias_matches.parquet', 'search_tokens.parquet'],
  configKeys: ['pairs_floor', 'matching.model'],
  async run(ctx) {
    // Search index (SPEC §12, REVIEW §2.2): every name token of every record, sorted so a prefix is a range scan.
    // It reads only records.parquet, so it is written on a second connection alongside the pairs.
    // A record's repeated token is dropped per row (list_distinct), not by hashing every (token, record) pair.
    const searchIndex = `COPY (SELECT unnest(list_distinct(name_tokens)) AS token, row_index, group_id
           FROM read_parquet(${sqlString(ctx.input('records.parquet'))})
           ORDER BY token, group_id, row_index)
     TO ${sqlString(ctx.output('search_tokens.parquet'))} (${PARQUET_OPTIONS})`;
    const kept = await ctx.engine.runAlongside('writing search_tokens.parquet', searchIndex, () => writePairs(ctx));
    await ctx.engine.run(
      'cleaning up',
      'DROP TABLE pairs_out; DROP TABLE pair_keys; DROP TABLE pair_key_rows; DROP TABLE alias_out',
    );
    return { counts: { pairs_written: kept } };
  },
};

/** pairs.parquet and alias_matches.parquet; returns the pairs written. */
async function writePairs(ctx: StageContext<RunInput>): Promise<number> {
  const records = await loadArtifact(ctx, 'canonical.bin');
  // Only each record's key and the key count: keys.bin's strings are most of its read (stats let it go).
  const keys = await loadArtifactColumns(ctx, 'keys.bin', ['keyOf', 'keyCoreId']);
  const scored = await loadArtifact(ctx, 'scored.bin');
  const grouping = await loadArtifact(ctx, 'grouping.bin');
  const survive = await loadArtifact(ctx, 'survive.bin');
  const alias = await loadArtifact(ctx, 'alias.bin');
  const n = records.accountId.length;
  const groupIdOf = (record: number): string =>
    `g-${records.accountId[survive.groupIdRecord[grouping.component[record] as number] as number]}`;

  // A key's representative record: its first record in input order. A key is a (name_core, suffix_class) of its
  // records, so its texts and the representative's ids are read from records.parquet by row (issue 14: four
  // strings a key through the Appender cost 1.3 s at 1M records; two integers a key cost nothing).
  const keyCount = keys.keyCoreId.length;
  const rep = new Int32Array(keyCount).fill(-1);
  for (let i = 0; i < n; i++) {
    const k = keys.keyOf[i] as number;
    if (k >= 0 && rep[k] === -1) rep[k] = i;
  }
  await loadColumns(ctx.engine, 'pair_key_rows', keyCount, [
    { name: 'key', type: 'INTEGER', values: Int32Array.from({ length: keyCount }, (_v, k) => k) },
    { name: 'row_index', type: 'INTEGER', values: rep },
  ]);
  await ctx.engine.run(
    'reading the keys of pairs',
    `CREATE OR REPLACE TEMP TABLE pair_keys AS
     SELECT k.key, r.name_core AS core, r.suffix_class AS suffix, r.account_id, r.group_id
     FROM pair_key_rows k JOIN read_parquet(${sqlString(ctx.input('records.parquet'))}) r USING (row_index)`,
  );
  // The pairs at or above the floor, found once for the twenty-odd columns gathered.
  const keptRows = rowsAtLeast(scored.score, ctx.config.pairs_floor);
  const kept = keptRows.length;
  const take = <T extends Int32Array | Uint8Array | Float64Array>(column: T): T => {
    if (kept === column.length) return column;
    const out = new (column.constructor as new (n: number) => T)(kept);
    for (let k = 0; k < kept; k++) out[k] = column[keptRows[k] as number] as number;
    return out;
  };
  await loadColumns(ctx.engine, 'pairs_out', kept, [
    { name: 'a', type: 'INTEGER', values: take(scored.a) },
    { name: 'b', type: 'INTEGER', values: take(scored.b) },
    { name: 'score', type: 'UTINYINT', values: take(scored.score) },
    { name: 'base', type: 'DOUBLE', values: take(scored.base) },
    { name: 'token_sort', type: 'DOUBLE', values: take(scored.tokenSort) },
    { name: 'token_set', type: 'DOUBLE', values: take(scored.tokenSet) },
    { name: 'jaccard', type: 'DOUBLE', values: take(scored.jaccard) },
    { name: 'penalties', type: 'UTINYINT', values: take(scored.penalties) },
    { name: 'kind', type: 'UTINYINT', values: take(scored.kind) },
    { name: 'probability', type: 'DOUBLE', values: take(scored.probability) },
    { name: 'match_weight', type: 'DOUBLE', values: take(scored.matchWeight) },
    ...Array.from({ length: FEATURE_COUNT }, (_v, f) => ({
      name: `level${f}`,
      type: 'UTINYINT' as const,
      values: levelColumn(scored.levels, f, keptRows),
    })),
  ]);
  const kinds = BLOCKING_KEY_KINDS.map((k, i) => `WHEN ${i} THEN ${sqlString(k)}`).join(' ');
  // Key ids follow (core, suffix) order, so ordering by ids is ordering by names. The rows are sorted before their
  // contributions, penalty flags and key kind are spelt out, which keep the sorted order: the sort then carries
  // levels and codes, not a list of structs a row (issue 14: at 1M records the COPY took 2.8–3.4 s on its one
  // thread, 1.8–2.0 s this way, the file byte for byte the same).
  await ctx.engine.run(
    'writing pairs.parquet',
    `COPY (SELECT core_a, suffix_a, core_b, suffix_b, account_id_a, account_id_b, group_id_a, group_id_b,
                    p.score::INTEGER AS score, p.probability, p.match_weight,
                    ${contributionsSql('p.level', ctx.config.matching.model)} AS contributions,
                    p.base, p.token_sort, p.token_set, p.jaccard,
                    (p.penalties & ${PENALTY_NUM_STYLE}) <> 0 AS penalty_num_style,
                    (p.penalties & ${PENALTY_SUFFIX_CONFLICT}) <> 0 AS penalty_suffix_conflict,
                    CASE p.kind ${kinds} END AS blocking_key
             FROM (SELECT ka.core AS core_a, ka.suffix AS suffix_a, kb.core AS core_b, kb.suffix AS suffix_b,
                          ka.account_id AS account_id_a, kb.account_id AS account_id_b,
                          ka.group_id AS group_id_a, kb.group_id AS group_id_b, p.*
                   FROM pairs_out p JOIN pair_keys ka ON ka.key = p.a JOIN pair_keys kb ON kb.key = p.b
                   ORDER BY p.score DESC, p.a, p.b) p)
       TO ${sqlString(ctx.output('pairs.parquet'))} (${PARQUET_OPTIONS})`,
  );

  const m = alias.record.length;
  await loadColumns(ctx.engine, 'alias_out', m, [
    {
      name: 'account_id',
      type: 'VARCHAR',
      values: Array.from(alias.record, (r) => records.accountId[r] as string),
    },
    { name: 'alias', type: 'VARCHAR', values: alias.alias },
    { name: 'alias_source', type: 'VARCHAR', values: alias.aliasSource },
    {
      name: 'matched_account_id',
      type: 'VARCHAR',
      values: Array.from(alias.matchedRecord, (r) => records.accountId[r] as string),
    },
    { name: 'matched_group_id', type: 'VARCHAR', values: Array.from(alias.matchedRecord, (r) => groupIdOf(r)) },
    { name: 'score', type: 'INTEGER', values: alias.score },
  ]);
  await ctx.engine.run(
    'writing alias_matches.parquet',
    `COPY (SELECT * FROM alias_out ORDER BY account_id, alias, matched_group_id)
       TO ${sqlString(ctx.output('alias_matches.parquet'))} (${PARQUET_OPTIONS})`,
  );
  return kept;
}

/** Feature f's level of each pair in `rows`, out of the interleaved levels array. */
function levelColumn(levels: Uint8Array, f: number, rows: Int32Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = levels[(rows[k] as number) * FEATURE_COUNT + f] as number;
  return out;
}

/** The indices of the scores at least `floor`, ascending. */
function rowsAtLeast(score: Uint8Array, floor: number): Int32Array {
  let count = 0;
  for (let p = 0; p < score.length; p++) if ((score[p] as number) >= floor) count++;
  const rows = new Int32Array(count);
  let k = 0;
  for (let p = 0; p < score.length; p++) if ((score[p] as number) >= floor) rows[k++] = p;
  return rows;
}
