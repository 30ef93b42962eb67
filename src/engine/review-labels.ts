import { decisionIdKey } from '../journal/fold.js';
import type { LabelledPair } from '../journal/labelled-pairs.js';
import { EVIDENCE_COLUMNS, type EvidenceRow } from './review-pairs.js';
import { lookupForms } from './review-state.js';
import type { ReviewStore, RunTables } from './review-store.js';

/** A steward's labelled pair found in a run: both records, as the run spells their ids, with their groups. */
export interface RunLabel {
  label: LabelledPair;
  account_id_a: string;
  account_id_b: string;
  row_index_a: number;
  row_index_b: number;
  gid_a: number;
  gid_b: number;
  group_id_a: string;
  group_id_b: string;
  name_a: string;
  name_b: string;
}

/**
 * The labelled pairs whose two records are both in the run (15- and 18-character ids both match, SPEC §10).
 * Labels naming a record the run lacks are left out (the caller reports how many matched).
 */
export async function labelsInRun(
  store: ReviewStore,
  t: RunTables,
  labels: readonly LabelledPair[],
): Promise<RunLabel[]> {
  if (labels.length === 0) return [];
  const keys = new Set<string>();
  for (const l of labels) {
    keys.add(l.a);
    keys.add(l.b);
  }
  const rows = await store.rows<{
    account_id: string;
    row_index: number;
    gid: number;
    group_id: string;
    account_name: string;
  }>(
    'workbench: records of labelled pairs',
    `WITH wanted AS (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')) AS id)
     SELECT m.account_id, m.row_index, m.gid, g.group_id, m.account_name
     FROM ${t.members} m JOIN ${t.groups} g ON g.gid = m.gid
     WHERE m.account_id IN (SELECT id FROM wanted)`,
    [JSON.stringify(lookupForms(keys))],
  );
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = decisionIdKey(r.account_id);
    if (keys.has(key)) byKey.set(key, r);
  }
  const out: RunLabel[] = [];
  for (const label of labels) {
    const a = byKey.get(label.a);
    const b = byKey.get(label.b);
    if (a === undefined || b === undefined) continue;
    out.push({
      label,
      account_id_a: a.account_id,
      account_id_b: b.account_id,
      row_index_a: a.row_index,
      row_index_b: b.row_index,
      gid_a: a.gid,
      gid_b: b.gid,
      group_id_a: a.group_id,
      group_id_b: b.group_id,
      name_a: a.account_name,
      name_b: b.account_name,
    });
  }
  return out;
}

/**
 * The scored pair of each labelled pair's two names (pairs are scored between distinct (core, suffix) keys, so
 * any two records with those names share it), by index into `labels`; a pair never scored has no entry.
 */
export async function labelScores(
  store: ReviewStore,
  t: RunTables,
  pairsTable: string,
  labels: readonly RunLabel[],
): Promise<Map<number, EvidenceRow>> {
  const out = new Map<number, EvidenceRow>();
  if (labels.length === 0) return out;
  const cols = EVIDENCE_COLUMNS.split(', ')
    .map((c) => `p.${c}`)
    .join(', ');
  const wanted = labels.map((l, i) => ({ i, a: l.row_index_a, b: l.row_index_b, ga: l.gid_a, gb: l.gid_b }));
  const rows = await store.rows<EvidenceRow & { i: number }>(
    'workbench: scores of labelled pairs',
    `WITH w AS (SELECT unnest(from_json(?::JSON, '[{"i":"INTEGER","a":"INTEGER","b":"INTEGER","ga":"INTEGER","gb":"INTEGER"}]'), recursive := true)),
          k AS (SELECT w.i, ma.name_core AS ca, ma.suffix_class AS sa, mb.name_core AS cb, mb.suffix_class AS sb
                FROM w JOIN ${t.members} ma ON ma.gid = w.ga AND ma.row_index = w.a
                       JOIN ${t.members} mb ON mb.gid = w.gb AND mb.row_index = w.b)
     SELECT DISTINCT ON (i) * FROM (
       SELECT k.i, ${cols} FROM k JOIN ${pairsTable} p
         ON p.core_a = k.ca AND p.suffix_a = k.sa AND p.core_b = k.cb AND p.suffix_b = k.sb
       UNION ALL
       SELECT k.i, ${cols} FROM k JOIN ${pairsTable} p
         ON p.core_a = k.cb AND p.suffix_a = k.sb AND p.core_b = k.ca AND p.suffix_b = k.sa)
     ORDER BY i`,
    [JSON.stringify(wanted)],
  );
  for (const { i, ...row } of rows) out.set(i, row);
  return out;
}
