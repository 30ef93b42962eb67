import type { Thresholds } from '../shared/api.js';
import type { NearMissBand, NearMissPage, NearMissPair, NearMissQuery, PairLabel } from '../shared/workbench-api.js';
import type { RunLabel } from './review-labels.js';
import { EVIDENCE_COLUMNS, type EvidenceRow, ensurePairs, evidenceOf, type ScorePenalties } from './review-pairs.js';
import type { ReviewStore, RunTables } from './review-store.js';

/**
 * Near-miss review (issue 13, as Splink's comparison viewer): scored pairs whose records ended in different groups,
 * in probability bands of BAND_WIDTH percent under the medium threshold — the band just under it first, where a
 * typo (`first natl bank` / `first national bank`) most likely hides — and the pairs at or above it that grouping
 * refused. Within a band the order is a hash of the two ids: a stable sample, not the top of the band only.
 */
export const BAND_WIDTH = 5;
export const REFUSED_BAND = 'refused';

export interface NearMissRequest {
  thresholds: Thresholds;
  penalties: ScorePenalties;
  query: NearMissQuery;
  /** The steward's labelled pairs found in this run (every source: near misses, splits, merges). */
  labels: readonly RunLabel[];
}

type Page = Omit<NearMissPage, 'thresholds' | 'labels'>;

/** Band `k` under the threshold holds scores [medium − 5(k+1), medium − 5k); `lowest` is its lowest score. */
function bandOf(k: number, medium: number, lowest: number): { id: string; min: number; max: number; label: string } {
  const max = medium - BAND_WIDTH * k;
  const min = Math.max(0, max - BAND_WIDTH);
  const from = Math.max(min, lowest);
  return { id: `${min}-${max}`, min, max, label: from === max - 1 ? `${from}%` : `${from}–${max - 1}%` };
}

export async function nearMissPage(store: ReviewStore, t: RunTables, req: NearMissRequest): Promise<Page> {
  const pairs = await ensurePairs(store, t);
  const { medium } = req.thresholds;
  const labelled = new Map<string, PairLabel>();
  for (const l of req.labels) {
    const label: PairLabel = {
      kind: l.label.match ? 'must_link' : 'cannot_link',
      seq: l.label.seq,
      reviewer: l.label.reviewer,
    };
    labelled.set(`${l.account_id_a}|${l.account_id_b}`, label);
    labelled.set(`${l.account_id_b}|${l.account_id_a}`, label);
  }
  const labelledJson = JSON.stringify([...labelled.keys()]);
  const cross = `WITH labelled AS (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')) AS k),
    cross_pairs AS (
      SELECT p.*, (p.account_id_a || '|' || p.account_id_b) IN (SELECT k FROM labelled) AS is_labelled,
             CASE WHEN p.score >= ? THEN -1 ELSE (? - 1 - p.score) // ${BAND_WIDTH} END AS band_k
      FROM ${pairs.table} p WHERE p.gid_a <> p.gid_b)`;
  const counts = await store.rows<{ band_k: number; pairs: number; unlabelled: number; lowest: number }>(
    'near misses: bands',
    `${cross} SELECT band_k, count(*)::INTEGER AS pairs, count(*) FILTER (WHERE NOT is_labelled)::INTEGER AS unlabelled,
            min(score)::INTEGER AS lowest
     FROM cross_pairs GROUP BY band_k ORDER BY band_k`,
    [labelledJson, medium, medium],
  );
  const bands: (NearMissBand & { k: number })[] = [];
  for (const c of counts) {
    if (c.band_k < 0) continue;
    bands.push({ ...bandOf(c.band_k, medium, c.lowest), k: c.band_k, pairs: c.pairs, unlabelled: c.unlabelled });
  }
  const refused = counts.find((c) => c.band_k < 0);
  if (refused !== undefined) {
    bands.push({
      id: REFUSED_BAND,
      label: `≥ ${medium}%, not joined`,
      min: medium,
      max: 100,
      k: -1,
      pairs: refused.pairs,
      unlabelled: refused.unlabelled,
    });
  }
  const shown = (b: NearMissBand): number =>
    req.query.show === 'unlabelled' ? b.unlabelled : req.query.show === 'labelled' ? b.pairs - b.unlabelled : b.pairs;
  const band = bands.find((b) => b.id === req.query.band) ?? bands.find((b) => shown(b) > 0) ?? bands[0] ?? null;
  const publicBands = bands.map(({ k: _k, ...b }) => b);
  const empty = { model: pairs.model, bands: publicBands, offset: req.query.offset, limit: req.query.limit };
  if (band === null) return { ...empty, band: null, pairs: [], total: 0 };
  const show =
    req.query.show === 'unlabelled' ? 'NOT is_labelled' : req.query.show === 'labelled' ? 'is_labelled' : 'TRUE';
  const rows = await store.rows<
    EvidenceRow & {
      account_id_a: string;
      account_id_b: string;
      name_a: string;
      name_b: string;
      group_id_a: string;
      group_id_b: string;
      size_a: number;
      size_b: number;
      primary_a: string | null;
      primary_b: string | null;
      blocking_key: string | null;
    }
  >(
    'near misses: one page',
    `${cross}, chosen AS (
       SELECT * FROM cross_pairs WHERE band_k = ? AND ${show}
       ORDER BY sample_key, account_id_a, account_id_b LIMIT ? OFFSET ?)
     SELECT c.account_id_a, c.account_id_b, coalesce(ma.account_name, c.core_a) AS name_a,
            coalesce(mb.account_name, c.core_b) AS name_b, ga.group_id AS group_id_a, gb.group_id AS group_id_b,
            ga.size AS size_a, gb.size AS size_b, ga.primary_name AS primary_a, gb.primary_name AS primary_b,
            c.blocking_key, ${EVIDENCE_COLUMNS.split(', ')
              .map((col) => `c.${col}`)
              .join(', ')}
     FROM chosen c JOIN ${t.groups} ga ON ga.gid = c.gid_a JOIN ${t.groups} gb ON gb.gid = c.gid_b
     LEFT JOIN ${t.members} ma ON ma.gid = c.gid_a AND ma.account_id = c.account_id_a
     LEFT JOIN ${t.members} mb ON mb.gid = c.gid_b AND mb.account_id = c.account_id_b
     ORDER BY c.sample_key, c.account_id_a, c.account_id_b`,
    [labelledJson, medium, medium, band.k, req.query.limit, req.query.offset],
  );
  const list: NearMissPair[] = rows.map((r) => ({
    a: {
      account_id: r.account_id_a,
      name: r.name_a,
      group_id: r.group_id_a,
      group_size: r.size_a,
      primary_name: r.primary_a,
    },
    b: {
      account_id: r.account_id_b,
      name: r.name_b,
      group_id: r.group_id_b,
      group_size: r.size_b,
      primary_name: r.primary_b,
    },
    evidence: evidenceOf(r, pairs.model, req.penalties),
    blocking_key: r.blocking_key ?? '',
    label: labelled.get(`${r.account_id_a}|${r.account_id_b}`) ?? null,
  }));
  return { ...empty, band: band.id, pairs: list, total: shown(band) };
}
