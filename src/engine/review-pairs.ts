import { join } from 'node:path';
import type { Contribution, EvidenceModel, PairEvidence } from '../shared/workbench-api.js';
import type { ReviewStore, RunTables } from './review-store.js';
import { sqlString } from './sql-quote.js';

/**
 * Every scored pair of a run (pairs.parquet), with both groups, for the steward's workbench (issue 13): near
 * misses, the group graph, "why together" and the threshold explorer. Built on first use, not when a run opens,
 * so the groups list stays as fast as before.
 *
 * pairs.parquet is changing (issue 10, v2): `probability`, `match_weight` and `contributions` (per-feature log2
 * terms, the waterfall) join `score`, and `token_sort`, `token_set`, `jaccard`, `base` may go. Each column is
 * taken when the file has it and is NULL otherwise, so older runs and newer runs read alike.
 */
export interface WorkbenchPairs {
  /** Table: gid_a, gid_b, account_id_a/b, core_a/b, suffix_a/b, score, probability, match_weight, contributions,
   * token_sort, token_set, jaccard, penalty_num_style, penalty_suffix_conflict, blocking_key, sample_key. */
  table: string;
  /** `probability` when pairs.parquet carries the v2 model's probability; `score` for an older run. */
  model: EvidenceModel;
}

/** Columns of pairs.parquet read when present (the v2 columns and the legacy components), with their SQL type. */
const OPTIONAL_COLUMNS = {
  probability: 'DOUBLE',
  match_weight: 'DOUBLE',
  contributions: 'STRUCT(feature VARCHAR, level VARCHAR, weight DOUBLE)[]',
  token_sort: 'DOUBLE',
  token_set: 'DOUBLE',
  jaccard: 'DOUBLE',
  penalty_num_style: 'BOOLEAN',
  penalty_suffix_conflict: 'BOOLEAN',
} as const;

const building = new WeakMap<RunTables, Promise<WorkbenchPairs>>();

/** The name of a workbench table of a run, registered so it is dropped with the run's other tables. */
export function workbenchTable(t: RunTables, what: string): string {
  const name = `${t.groups.replace(/_groups$/, '')}_wb_${what}`;
  t.extra.add(name);
  return name;
}

/** The run's pairs table, built once per opened run (concurrent callers share the build). */
export function ensurePairs(store: ReviewStore, t: RunTables): Promise<WorkbenchPairs> {
  let pending = building.get(t);
  if (pending === undefined) {
    pending = buildPairs(store, t);
    building.set(t, pending);
    pending.catch(() => building.delete(t));
  }
  return pending;
}

async function buildPairs(store: ReviewStore, t: RunTables): Promise<WorkbenchPairs> {
  const file = sqlString(join(t.dir, 'pairs.parquet'));
  const described = await store.rows<{ column_name: string }>(
    'reading the pairs columns',
    `DESCRIBE SELECT * FROM read_parquet(${file})`,
  );
  const present = new Set(described.map((c) => c.column_name));
  const optional = Object.entries(OPTIONAL_COLUMNS)
    .map(([name, type]) => (present.has(name) ? `p.${name}::${type} AS ${name}` : `NULL::${type} AS ${name}`))
    .join(', ');
  // The score thresholds compare against; a v2 file without `score` rounds the probability (issue 10).
  const score = present.has('score') ? 'p.score::INTEGER' : 'round(100 * p.probability)::INTEGER';
  const table = workbenchTable(t, 'pairs');
  await store.run(
    'workbench: scored pairs of the run',
    `CREATE OR REPLACE TABLE ${table} AS
     SELECT ga.gid AS gid_a, gb.gid AS gid_b, p.account_id_a, p.account_id_b, p.core_a, p.suffix_a, p.core_b, p.suffix_b,
            ${score} AS score, ${optional}, p.blocking_key,
            hash(p.account_id_a || '|' || p.account_id_b) AS sample_key
     FROM read_parquet(${file}) p
     JOIN ${t.groups} ga ON ga.group_id = p.group_id_a JOIN ${t.groups} gb ON gb.group_id = p.group_id_b
     ORDER BY gid_a, gid_b`,
  );
  return { table, model: present.has('probability') ? 'probability' : 'score' };
}

/** The pair columns `evidenceOf` reads; select them with `EVIDENCE_COLUMNS`. */
export interface EvidenceRow {
  score: number;
  probability: number | null;
  match_weight: number | null;
  contributions: Contribution[] | null;
  token_sort: number | null;
  token_set: number | null;
  jaccard: number | null;
  penalty_num_style: boolean | null;
  penalty_suffix_conflict: boolean | null;
}

export const EVIDENCE_COLUMNS =
  'score, probability, match_weight, contributions, token_sort, token_set, jaccard, penalty_num_style, penalty_suffix_conflict';

/** The penalties of an older run's score (SPEC §5.4, config `penalty.*`), for its breakdown. */
export interface ScorePenalties {
  num_style_mismatch: number;
  suffix_conflict: number;
}

/**
 * A pair's evidence for the waterfall. With the v2 model: the probability and the contributions as written.
 * For an older run: score/100 as the probability, and the score's terms in points — 0.45·token_sort,
 * 0.35·token_set, 20·jaccard and the penalties applied (SPEC §5.4), which sum to the unrounded score.
 * @example evidenceOf({ score: 87, probability: null, token_sort: 90, token_set: 100, jaccard: 0.5, … }, 'score', p)
 *   → { model: 'score', probability: 0.87, contributions: [token_sort 40.5, token_set 35, jaccard 10], … }
 */
export function evidenceOf(row: EvidenceRow, model: EvidenceModel, penalties: ScorePenalties): PairEvidence {
  const probability = row.probability ?? row.score / 100;
  if (model === 'probability') {
    return {
      model,
      probability,
      score: row.score,
      match_weight: row.match_weight,
      contributions: (row.contributions ?? []).map((c) => ({
        feature: c.feature,
        level: c.level,
        weight: c.weight,
      })),
    };
  }
  const contributions: Contribution[] = [];
  if (row.token_sort !== null)
    contributions.push({ feature: 'token_sort', level: row.token_sort.toFixed(1), weight: 0.45 * row.token_sort });
  if (row.token_set !== null)
    contributions.push({ feature: 'token_set', level: row.token_set.toFixed(1), weight: 0.35 * row.token_set });
  if (row.jaccard !== null)
    contributions.push({ feature: 'jaccard', level: row.jaccard.toFixed(2), weight: 20 * row.jaccard });
  if (row.penalty_num_style === true)
    contributions.push({ feature: 'number style', level: 'digits differ', weight: -penalties.num_style_mismatch });
  if (row.penalty_suffix_conflict === true)
    contributions.push({ feature: 'legal form', level: 'conflict', weight: -penalties.suffix_conflict });
  return { model, probability, score: row.score, match_weight: null, contributions };
}
