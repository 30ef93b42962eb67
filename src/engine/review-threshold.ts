import { join } from 'node:path';
import { UnionFind } from '../core/union-find.js';
import type { Thresholds } from '../shared/api.js';
import type { EvidenceModel, ThresholdExamples, ThresholdPoint } from '../shared/workbench-api.js';
import type { RunLabel } from './review-labels.js';
import { ensurePairs, workbenchTable } from './review-pairs.js';
import type { ReviewStore, RunTables } from './review-store.js';
import { sqlIdent, sqlString } from './sql-quote.js';

/**
 * The threshold explorer (issue 13): the run re-grouped with the medium threshold at every whole percent, from
 * pairs.parquet and the run's forest, without running the pipeline again.
 *
 * Each edge gets the highest medium threshold at which it would still join (`tau`); grouping at threshold t is
 * then the connected components of the edges with tau ≥ t — one descending sweep gives every t at once:
 *  - exact-name and reviewer (must-link) joins, and edges at or above `high`: always (high is not moved);
 *  - a medium join of the forest: its score (it joined with a shared distinctive token);
 *  - any other scored pair below `high`: its score, if the two names share a word — but a pair that crossed groups
 *    at or above the run's medium was refused by a guard that still holds (no distinctive token, the canopy bound,
 *    a cannot-link), so it never joins.
 * At the run's own medium this reproduces the run's groups exactly. Below it, merges are an upper bound: grouping
 * also wants the shared word to be distinctive and caps medium chains (SPEC §6), which pairs.parquet cannot
 * replay. Above it, splits are exact: the forest is a maximum spanning forest, so no unused pair reconnects a cut.
 */

/** `tau` of an edge that joins whatever the medium threshold. */
const ALWAYS = 101;

interface SweepGraph {
  /** Nodes are the run's records, numbered by (gid, row_index). */
  nodes: string;
  n: number;
  /** gid of each record (gids are 1..groups). */
  gidOf: Int32Array;
  groups: number;
  a: Int32Array;
  b: Int32Array;
  tau: Int16Array;
  /** 0: an edge of the forest; 1: a scored pair that is not. */
  kind: Uint8Array;
  model: EvidenceModel;
}

const graphs = new WeakMap<RunTables, { key: string; graph: Promise<SweepGraph> }>();

function sweepGraph(store: ReviewStore, t: RunTables, thresholds: Thresholds): Promise<SweepGraph> {
  const key = `${thresholds.high}/${thresholds.medium}`;
  const hit = graphs.get(t);
  if (hit !== undefined && hit.key === key) return hit.graph;
  const graph = buildGraph(store, t, thresholds);
  graphs.set(t, { key, graph });
  graph.catch(() => graphs.delete(t));
  return graph;
}

async function buildGraph(store: ReviewStore, t: RunTables, thresholds: Thresholds): Promise<SweepGraph> {
  const pairs = await ensurePairs(store, t);
  const nodes = workbenchTable(t, 'nodes');
  await store.run(
    'threshold explorer: numbering records',
    `CREATE OR REPLACE TABLE ${nodes} AS
     WITH n AS (SELECT (row_number() OVER (ORDER BY gid, row_index) - 1)::INTEGER AS idx, gid, row_index, account_id,
                       account_name, parent_in_group, join_reason, join_edge_score FROM ${t.members})
     SELECT n.*, p.idx AS parent_idx FROM n LEFT JOIN n p ON p.gid = n.gid AND p.account_id = n.parent_in_group
     ORDER BY n.idx`,
  );
  const [shape] = await store.rows<{ gids: number[]; groups: number }>(
    'threshold explorer: groups of records',
    `SELECT list(gid ORDER BY idx) AS gids, (SELECT count(*) FROM ${t.groups})::INTEGER AS groups FROM ${nodes}`,
  );
  const { high, medium } = thresholds;
  const [edges] = await store.rows<{ a: number[]; b: number[]; tau: number[]; kind: number[] }>(
    'threshold explorer: edges',
    `WITH forest AS (
       SELECT idx AS a, parent_idx AS b, 0 AS kind,
              CASE WHEN join_reason NOT IN ('edge>=high', 'edge>=medium+shared_token') OR join_edge_score >= ? THEN ${ALWAYS}
                   ELSE floor(join_edge_score) END AS tau
       FROM ${nodes} WHERE parent_idx IS NOT NULL),
     scored AS (
       SELECT na.idx AS a, nb.idx AS b, 1 AS kind,
              CASE WHEN p.score >= ? THEN (CASE WHEN p.gid_a = p.gid_b THEN ${ALWAYS} ELSE -1 END)
                   WHEN p.gid_a <> p.gid_b AND p.score >= ? THEN -1
                   WHEN len(list_intersect(string_split(p.core_a, ' '), string_split(p.core_b, ' '))) > 0 THEN p.score
                   ELSE -1 END AS tau
       FROM ${pairs.table} p
       JOIN ${nodes} na ON na.gid = p.gid_a AND na.account_id = p.account_id_a
       JOIN ${nodes} nb ON nb.gid = p.gid_b AND nb.account_id = p.account_id_b),
     e AS (SELECT * FROM forest UNION ALL SELECT * FROM scored)
     SELECT list(a) AS a, list(b) AS b, list(tau::SMALLINT) AS tau, list(kind::UTINYINT) AS kind FROM e WHERE tau >= 0`,
    [high, high, medium],
  );
  return {
    nodes,
    n: shape?.gids.length ?? 0,
    gidOf: Int32Array.from(shape?.gids ?? []),
    groups: shape?.groups ?? 0,
    a: Int32Array.from(edges?.a ?? []),
    b: Int32Array.from(edges?.b ?? []),
    tau: Int16Array.from(edges?.tau ?? []),
    kind: Uint8Array.from(edges?.kind ?? []),
    model: pairs.model,
  };
}

/** Edge indexes by tau, highest first (a counting sort over 0..ALWAYS). */
function edgesByTau(g: SweepGraph): { order: Int32Array; start: Int32Array } {
  const count = new Int32Array(ALWAYS + 2);
  for (let e = 0; e < g.tau.length; e++) count[ALWAYS - (g.tau[e] as number) + 1]! += 1;
  for (let k = 1; k < count.length; k++) count[k]! += count[k - 1] as number;
  const start = Int32Array.from(count);
  const order = new Int32Array(g.tau.length);
  const fill = Int32Array.from(count);
  for (let e = 0; e < g.tau.length; e++) order[fill[ALWAYS - (g.tau[e] as number)]!++] = e;
  return { order, start };
}

/** Per-component counts (of groups, or of entities), kept only for components of two or more records. */
class ComponentCounts {
  private readonly maps = new Map<number, Map<number, number>>();
  constructor(private readonly valueAt: (node: number) => number) {}
  /** The counts of component `root` (a singleton's one value, computed). */
  of(root: number): Map<number, number> {
    return this.maps.get(root) ?? new Map([[this.valueAt(root), 1]]);
  }
  /**
   * Merge `from` into `into` (roots before the union; `root` the surviving root). `onShared(value, x, y)` sees each
   * value both held, with both counts, before they add up.
   */
  merge(into: number, from: number, root: number, onShared: (value: number, x: number, y: number) => void): void {
    let big = this.of(into);
    let small = this.of(from);
    if (small.size > big.size) [big, small] = [small, big];
    for (const [value, n] of small) {
      const m = big.get(value);
      if (m !== undefined) onShared(value, m, n);
      big.set(value, (m ?? 0) + n);
    }
    this.maps.delete(into);
    this.maps.delete(from);
    this.maps.set(root, big);
  }
}

export interface SweepLabels {
  /** Entity id per record (−1 unlabelled: its own entity), from a truth column; null without one. */
  entityOf: Int32Array | null;
  /** The steward's labelled pairs as record numbers. */
  steward: { a: number; b: number; match: boolean }[];
}

/**
 * Every whole-percent medium threshold, 0..100: groups, groups that would split, merges, and precision/recall
 * against the truth column (pairwise, by contingency) and the steward's labels (pair-level).
 */
export async function thresholdSweep(
  store: ReviewStore,
  t: RunTables,
  thresholds: Thresholds,
  labels: SweepLabels,
): Promise<{ model: EvidenceModel; points: ThresholdPoint[] }> {
  const g = await sweepGraph(store, t, thresholds);
  const { order, start } = edgesByTau(g);
  const uf = new UnionFind(g.n);
  const groupSize = new Int32Array(g.groups + 1);
  for (let i = 0; i < g.n; i++) groupSize[g.gidOf[i] as number]! += 1;
  // pieces[gid]: components holding records of that group (a group is split while it is above 1).
  const pieces = Int32Array.from(groupSize);
  let splitGroups = 0;
  for (let gid = 1; gid <= g.groups; gid++) if ((pieces[gid] as number) > 1) splitGroups++;
  let merges = 0;
  let mergedGroups = 0;
  let components = g.n;
  const byGroup = new ComponentCounts((node) => g.gidOf[node] as number);
  const entity = labels.entityOf;
  const byEntity = entity === null ? null : new ComponentCounts((node) => entity[node] as number);
  let truePairs = 0;
  if (entity !== null) {
    const sizes = new Map<number, number>();
    for (const e of entity) if (e >= 0) sizes.set(e, (sizes.get(e) ?? 0) + 1);
    for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;
  }
  let predicted = 0;
  let correct = 0;

  const union = (x: number, y: number): void => {
    const rx = uf.find(x);
    const ry = uf.find(y);
    if (rx === ry) return;
    const before = [byGroup.of(rx).size, byGroup.of(ry).size];
    predicted += (uf.size[rx] as number) * (uf.size[ry] as number);
    const root = uf.unionRoots(rx, ry);
    components--;
    byGroup.merge(rx, ry, root, (gid) => {
      pieces[gid]! -= 1;
      if (pieces[gid] === 1) splitGroups--;
    });
    for (const k of before) {
      if (k >= 2) {
        merges--;
        mergedGroups -= k;
      }
    }
    const after = byGroup.of(root).size;
    if (after >= 2) {
      merges++;
      mergedGroups += after;
    }
    byEntity?.merge(rx, ry, root, (value, m, n) => {
      if (value >= 0) correct += m * n;
    });
  };

  const points: ThresholdPoint[] = [];
  for (let level = 0; level <= ALWAYS; level++) {
    // Bucket `level` holds the edges with tau = ALWAYS − level; the point after it is threshold t = tau.
    for (let k = start[level] as number; k < (start[level + 1] as number); k++) {
      const e = order[k] as number;
      union(g.a[e] as number, g.b[e] as number);
    }
    const threshold = ALWAYS - level;
    if (threshold > 100) continue;
    let stewardPrecision: number | null = null;
    let stewardRecall: number | null = null;
    if (labels.steward.length > 0) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const l of labels.steward) {
        const together = uf.find(l.a) === uf.find(l.b);
        if (l.match && together) tp++;
        else if (l.match) fn++;
        else if (together) fp++;
      }
      stewardPrecision = tp + fp === 0 ? null : tp / (tp + fp);
      stewardRecall = tp + fn === 0 ? null : tp / (tp + fn);
    }
    points.push({
      t: threshold,
      groups: components,
      split_groups: splitGroups,
      merged_groups: mergedGroups,
      merges,
      precision: entity === null ? null : predicted === 0 ? 1 : correct / predicted,
      recall: entity === null ? null : truePairs === 0 ? 1 : correct / truePairs,
      steward_precision: stewardPrecision,
      steward_recall: stewardRecall,
    });
  }
  return { model: g.model, points: points.reverse() };
}

/** The steward's labels as the sweep's record numbers. */
export async function sweepStewardLabels(
  store: ReviewStore,
  t: RunTables,
  thresholds: Thresholds,
  labels: readonly RunLabel[],
): Promise<SweepLabels['steward']> {
  if (labels.length === 0) return [];
  const g = await sweepGraph(store, t, thresholds);
  const wanted = labels.map((l) => ({
    ga: l.gid_a,
    ra: l.row_index_a,
    gb: l.gid_b,
    rb: l.row_index_b,
    m: l.label.match,
  }));
  return store.rows<{ a: number; b: number; match: boolean }>(
    'threshold explorer: labelled records',
    `WITH w AS (SELECT unnest(from_json(?::JSON, '[{"ga":"INTEGER","ra":"INTEGER","gb":"INTEGER","rb":"INTEGER","m":"BOOLEAN"}]'), recursive := true))
     SELECT na.idx AS a, nb.idx AS b, w.m AS match FROM w
     JOIN ${g.nodes} na ON na.gid = w.ga AND na.row_index = w.ra JOIN ${g.nodes} nb ON nb.gid = w.gb AND nb.row_index = w.rb`,
    [JSON.stringify(wanted)],
  );
}

/**
 * Entity per record from a truth column of the run's source columns (`column` is checked against the file's
 * columns by the caller); blank cells are unlabelled (their own entity). Returns the entity count too.
 */
export async function truthEntities(
  store: ReviewStore,
  t: RunTables,
  thresholds: Thresholds,
  column: string,
): Promise<{ entityOf: Int32Array; entities: number }> {
  const g = await sweepGraph(store, t, thresholds);
  const file = sqlString(join(t.dir, 'records.parquet'));
  const [row] = await store.rows<{ entities: number[]; n: number }>(
    'threshold explorer: truth column',
    `WITH v AS (SELECT n.idx, nullif(trim(CAST(r.${sqlIdent(column)} AS VARCHAR)), '') AS v
                FROM ${g.nodes} n JOIN read_parquet(${file}) r ON r.row_index = n.row_index),
          e AS (SELECT idx, CASE WHEN v IS NULL THEN -1 ELSE (dense_rank() OVER (ORDER BY v) - 1) END AS e FROM v)
     SELECT list(e::INTEGER ORDER BY idx) AS entities, (SELECT count(DISTINCT v) FROM v)::INTEGER AS n FROM e`,
  );
  return { entityOf: Int32Array.from(row?.entities ?? []), entities: row?.n ?? 0 };
}

/** Source columns of the run's records.parquet (those not among `recordColumns`), candidates for a truth. */
export async function sourceColumns(
  store: ReviewStore,
  t: RunTables,
  recordColumns: ReadonlySet<string>,
): Promise<string[]> {
  const file = sqlString(join(t.dir, 'records.parquet'));
  const rows = await store.rows<{ column_name: string }>(
    'threshold explorer: record columns',
    `DESCRIBE SELECT * FROM read_parquet(${file})`,
  );
  return rows.map((r) => r.column_name).filter((c) => !recordColumns.has(c.toLowerCase()));
}

/** Groups that would split and merge at threshold `t`, with the edge that cuts or joins them. */
export async function thresholdExamples(
  store: ReviewStore,
  t: RunTables,
  thresholds: Thresholds,
  at: number,
  limit: number,
): Promise<ThresholdExamples> {
  const g = await sweepGraph(store, t, thresholds);
  const uf = new UnionFind(g.n);
  for (let e = 0; e < g.tau.length; e++) if ((g.tau[e] as number) >= at) uf.union(g.a[e] as number, g.b[e] as number);
  // Splits: groups whose records sit in two or more components; the cut is the weakest forest edge below t.
  const rootsOf = new Map<number, Set<number>>();
  const gidsOf = new Map<number, Set<number>>();
  for (let i = 0; i < g.n; i++) {
    const gid = g.gidOf[i] as number;
    const root = uf.find(i);
    const roots = rootsOf.get(gid) ?? new Set<number>();
    if (roots.size === 0) rootsOf.set(gid, roots);
    roots.add(root);
    const gids = gidsOf.get(root) ?? new Set<number>();
    if (gids.size === 0) gidsOf.set(root, gids);
    gids.add(gid);
  }
  const cutOf = new Map<number, number>();
  const viaOf = new Map<number, number>();
  for (let e = 0; e < g.tau.length; e++) {
    const tau = g.tau[e] as number;
    const ga = g.gidOf[g.a[e] as number] as number;
    if (g.kind[e] === 0 && tau < at) {
      const prev = cutOf.get(ga);
      if (prev === undefined || tau < (g.tau[prev] as number)) cutOf.set(ga, e);
    }
    const gb = g.gidOf[g.b[e] as number] as number;
    if (tau >= at && ga !== gb) {
      const root = uf.find(g.a[e] as number);
      const prev = viaOf.get(root);
      if (prev === undefined || tau > (g.tau[prev] as number)) viaOf.set(root, e);
    }
  }
  const splitGids = [...rootsOf]
    .filter(([, roots]) => roots.size > 1)
    .map(([gid, roots]) => ({ gid, pieces: roots.size }));
  const merged = [...gidsOf].filter(([, gids]) => gids.size > 1).map(([root, gids]) => ({ root, gids: [...gids] }));
  const groupRows = new Map<number, { group_id: string; primary_name: string | null; size: number }>();
  const wantedGids = new Set<number>();
  const bySize = (gid: number): number => -(rootsOf.get(gid)?.size ?? 0);
  splitGids.sort((x, y) => bySize(x.gid) - bySize(y.gid) || x.gid - y.gid);
  merged.sort((x, y) => y.gids.length - x.gids.length || (x.gids[0] as number) - (y.gids[0] as number));
  const splits = splitGids.slice(0, limit);
  const merges = merged.slice(0, limit);
  for (const s of splits) wantedGids.add(s.gid);
  for (const m of merges) for (const gid of m.gids.slice(0, 6)) wantedGids.add(gid);
  const wantedNodes = new Set<number>();
  const edgeOfSplit = splits.map((s) => cutOf.get(s.gid));
  const edgeOfMerge = merges.map((m) => viaOf.get(m.root));
  for (const e of [...edgeOfSplit, ...edgeOfMerge]) {
    if (e === undefined) continue;
    wantedNodes.add(g.a[e] as number);
    wantedNodes.add(g.b[e] as number);
  }
  if (wantedGids.size > 0) {
    const rows = await store.rows<{ gid: number; group_id: string; primary_name: string | null; size: number }>(
      'threshold explorer: example groups',
      `SELECT gid, group_id, primary_name, size FROM ${t.groups} WHERE gid IN (SELECT unnest(from_json(?::JSON, '["INTEGER"]')))`,
      [JSON.stringify([...wantedGids])],
    );
    for (const r of rows) groupRows.set(r.gid, r);
  }
  const names = new Map<number, string>();
  if (wantedNodes.size > 0) {
    const rows = await store.rows<{ idx: number; account_name: string }>(
      'threshold explorer: example names',
      `SELECT idx, account_name FROM ${g.nodes} WHERE idx IN (SELECT unnest(from_json(?::JSON, '["INTEGER"]')))`,
      [JSON.stringify([...wantedNodes])],
    );
    for (const r of rows) names.set(r.idx, r.account_name);
  }
  const edge = (e: number | undefined) =>
    e === undefined
      ? null
      : {
          name_a: names.get(g.a[e] as number) ?? '',
          name_b: names.get(g.b[e] as number) ?? '',
          probability: (g.tau[e] as number) >= ALWAYS ? 1 : (g.tau[e] as number) / 100,
        };
  const group = (gid: number) => {
    const row = groupRows.get(gid);
    return { group_id: row?.group_id ?? `#${gid}`, primary_name: row?.primary_name ?? null, size: row?.size ?? 0 };
  };
  return {
    t: at,
    splits: splits.map((s, i) => ({ ...group(s.gid), pieces: s.pieces, cut: edge(edgeOfSplit[i]) })),
    merges: merges.map((m, i) => ({ groups: m.gids.slice(0, 6).map(group), via: edge(edgeOfMerge[i]) })),
    splitTotal: splitGids.length,
    mergeTotal: merged.length,
  };
}
