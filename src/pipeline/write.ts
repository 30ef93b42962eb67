import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCKING_KEY_KINDS } from '../core/blocking.js';
import { PENALTY_NUM_STYLE, PENALTY_SUFFIX_CONFLICT } from '../core/score.js';
import { loadColumns } from '../engine/load-columns.js';
import { sqlString } from '../engine/sql-quote.js';
import type { AliasBundle } from './alias.js';
import type { KeysBundle } from './block.js';
import type { GroupingBundle } from './group.js';
import type { CanonicalRecords, RunInput } from './ingest.js';
import type { Stage } from './runner.js';
import type { ScoredBundle } from './score.js';
import { loadArtifact } from './stage-io.js';
import type { SurviveBundle } from './survive.js';

/**
 * SPEC §1 stage `write`: pairs.parquet (scored pairs ≥ pairs_floor with components and blocking key),
 * alias_matches.parquet, and the search index the review UI reads (name tokens → records).
 */
export const writeStage: Stage<RunInput> = {
  name: 'write',
  version: 1,
  inputs: ['canonical.bin', 'keys.bin', 'scored.bin', 'grouping.bin', 'survive.bin', 'alias.bin', 'records.parquet'],
  outputs: ['pairs.parquet', 'alias_matches.parquet', 'search_tokens.parquet'],
  configKeys: ['pairs_floor'],
  async run(ctx) {
    const scratch = await mkdtemp(join(tmpdir(), 'junction-write-'));
    try {
      const records = await loadArtifact<CanonicalRecords>(ctx, 'canonical.bin');
      const keys = await loadArtifact<KeysBundle>(ctx, 'keys.bin');
      const scored = await loadArtifact<ScoredBundle>(ctx, 'scored.bin');
      const grouping = await loadArtifact<GroupingBundle>(ctx, 'grouping.bin');
      const survive = await loadArtifact<SurviveBundle>(ctx, 'survive.bin');
      const alias = await loadArtifact<AliasBundle>(ctx, 'alias.bin');
      const n = records.accountId.length;
      const groupIdOf = (record: number): string =>
        `g-${records.accountId[survive.groupIdRecord[grouping.component[record] as number] as number]}`;

      // A key's representative record: its first record in input order.
      const rep = new Int32Array(keys.keyCore.length).fill(-1);
      for (let i = 0; i < n; i++) {
        const k = keys.keyOf[i] as number;
        if (k >= 0 && rep[k] === -1) rep[k] = i;
      }
      const floor = ctx.config.pairs_floor;
      const keep: number[] = [];
      for (let p = 0; p < scored.a.length; p++) if ((scored.score[p] as number) >= floor) keep.push(p);
      const pick = <T>(f: (p: number) => T): T[] => keep.map(f);
      const repOf = (k: number): number => rep[k] as number;
      await loadColumns(
        ctx.engine,
        'pairs_out',
        keep.length,
        [
          { name: 'core_a', type: 'VARCHAR', values: pick((p) => keys.keyCore[scored.a[p] as number] as string) },
          { name: 'suffix_a', type: 'VARCHAR', values: pick((p) => keys.keySuffix[scored.a[p] as number] as string) },
          { name: 'core_b', type: 'VARCHAR', values: pick((p) => keys.keyCore[scored.b[p] as number] as string) },
          { name: 'suffix_b', type: 'VARCHAR', values: pick((p) => keys.keySuffix[scored.b[p] as number] as string) },
          {
            name: 'account_id_a',
            type: 'VARCHAR',
            values: pick((p) => records.accountId[repOf(scored.a[p] as number)] as string),
          },
          {
            name: 'account_id_b',
            type: 'VARCHAR',
            values: pick((p) => records.accountId[repOf(scored.b[p] as number)] as string),
          },
          { name: 'group_id_a', type: 'VARCHAR', values: pick((p) => groupIdOf(repOf(scored.a[p] as number))) },
          { name: 'group_id_b', type: 'VARCHAR', values: pick((p) => groupIdOf(repOf(scored.b[p] as number))) },
          { name: 'score', type: 'INTEGER', values: pick((p) => scored.score[p] as number) },
          { name: 'base', type: 'DOUBLE', values: pick((p) => scored.base[p] as number) },
          { name: 'token_sort', type: 'DOUBLE', values: pick((p) => scored.tokenSort[p] as number) },
          { name: 'token_set', type: 'DOUBLE', values: pick((p) => scored.tokenSet[p] as number) },
          { name: 'jaccard', type: 'DOUBLE', values: pick((p) => scored.jaccard[p] as number) },
          {
            name: 'penalty_num_style',
            type: 'BOOLEAN',
            values: pick((p) => ((scored.penalties[p] as number) & PENALTY_NUM_STYLE ? 1 : 0)),
          },
          {
            name: 'penalty_suffix_conflict',
            type: 'BOOLEAN',
            values: pick((p) => ((scored.penalties[p] as number) & PENALTY_SUFFIX_CONFLICT ? 1 : 0)),
          },
          {
            name: 'blocking_key',
            type: 'VARCHAR',
            values: pick((p) => BLOCKING_KEY_KINDS[scored.kind[p] as number] as string),
          },
        ],
        scratch,
      );
      await ctx.engine.run(
        'writing pairs.parquet',
        `COPY (SELECT * FROM pairs_out ORDER BY score DESC, core_a, suffix_a, core_b, suffix_b)
         TO ${sqlString(ctx.output('pairs.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
      );

      const m = alias.record.length;
      await loadColumns(
        ctx.engine,
        'alias_out',
        m,
        [
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
        ],
        scratch,
      );
      await ctx.engine.run(
        'writing alias_matches.parquet',
        `COPY (SELECT * FROM alias_out ORDER BY account_id, alias, matched_group_id)
         TO ${sqlString(ctx.output('alias_matches.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
      );
      // Search index (SPEC §12, REVIEW §2.2): every name token of every record, sorted so a prefix is a range scan.
      await ctx.engine.run(
        'writing search_tokens.parquet',
        `COPY (SELECT DISTINCT token, row_index, group_id
               FROM (SELECT unnest(name_tokens) AS token, row_index, group_id FROM read_parquet(${sqlString(ctx.input('records.parquet'))}))
               ORDER BY token, group_id, row_index)
         TO ${sqlString(ctx.output('search_tokens.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
      );
      await ctx.engine.run('cleaning up', 'DROP TABLE pairs_out; DROP TABLE alias_out');
      return { counts: { pairs_written: keep.length } };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  },
};
