import type { EvidenceModel, GraphEdge, GraphNode } from '../shared/workbench-api.js';
import { GRAPH_MAX_NODES } from '../shared/workbench-api.js';
import { EVIDENCE_COLUMNS, type EvidenceRow, ensurePairs, evidenceOf, type ScorePenalties } from './review-pairs.js';
import type { ReviewStore, RunTables } from './review-store.js';

/**
 * A group as a graph (issue 13): its distinct (name_core, suffix) keys as nodes — the unit that blocking and
 * scoring compare — the edges its members joined through (the spanning forest, SPEC §6), and the scored pairs
 * inside it that grouping did not need or refused. Also the member forest itself, for a split on an edge.
 */

/** Scored pairs read per group for the rejected edges; the strongest first, the rest counted. */
const MAX_GROUP_PAIRS = 5000;
/** Rejected edges drawn; a dense group of similar names would otherwise be a hairball. */
const MAX_REJECTED_EDGES = 150;
/**
 * A medium edge whose smaller side holds this many records is a weak bridge: the pipeline's reading of SPEC §6
 * (src/core/forest.ts), so the edges highlighted are those that flag the group.
 */
export const WEAK_BRIDGE_RECORDS = 3;
const MEDIUM_JOIN = 'edge>=medium+shared_token';
const SCORED_JOINS = new Set(['edge>=high', MEDIUM_JOIN]);

interface MemberRow {
  account_id: string;
  account_name: string;
  name_core: string;
  suffix_class: string;
  is_primary: boolean;
  parent_in_group: string | null;
  join_reason: string;
}

/** The member forest of one group: who joined whom, rooted at the primary. */
export interface MemberForest {
  gid: number;
  members: MemberRow[];
  byId: Map<string, MemberRow>;
  children: Map<string, string[]>;
}

/** The group's members and their forest; null for an unknown group. */
export async function memberForest(store: ReviewStore, t: RunTables, groupId: string): Promise<MemberForest | null> {
  const [group] = await store.rows<{ gid: number }>(
    'graph: the group',
    `SELECT gid FROM ${t.groups} WHERE group_id = ?`,
    [groupId],
  );
  if (group === undefined) return null;
  const members = await store.rows<MemberRow>(
    'graph: the group members',
    `SELECT account_id, account_name, coalesce(name_core, '') AS name_core, coalesce(suffix_class, '') AS suffix_class,
            is_primary, parent_in_group, join_reason
     FROM ${t.members} WHERE gid = ? ORDER BY row_index`,
    [group.gid],
  );
  const byId = new Map(members.map((m) => [m.account_id, m]));
  const children = new Map<string, string[]>();
  for (const m of members) {
    if (m.parent_in_group === null || !byId.has(m.parent_in_group)) continue;
    const list = children.get(m.parent_in_group) ?? [];
    if (list.length === 0) children.set(m.parent_in_group, list);
    list.push(m.account_id);
  }
  return { gid: group.gid, members, byId, children };
}

/** The member ids under `accountId` in the forest, itself included (iterative: trees can be deep). */
export function subtreeOf(forest: MemberForest, accountId: string): Set<string> {
  const out = new Set<string>([accountId]);
  const stack = [accountId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const child of forest.children.get(id) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        stack.push(child);
      }
    }
  }
  return out;
}

/** Records under each member (itself included), in one pass: children before parents. */
function subtreeSizes(forest: MemberForest): Map<string, number> {
  const sizes = new Map<string, number>();
  const order: string[] = [];
  const roots = forest.members.filter((m) => m.parent_in_group === null || !forest.byId.has(m.parent_in_group));
  const stack = roots.map((m) => m.account_id);
  const visited = new Set(stack);
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    order.push(id);
    for (const child of forest.children.get(id) ?? []) {
      if (visited.has(child)) continue;
      visited.add(child);
      stack.push(child);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i] as string;
    let n = 1;
    for (const child of forest.children.get(id) ?? []) n += sizes.get(child) ?? 0;
    sizes.set(id, n);
  }
  return sizes;
}

const keyOf = (core: string, suffix: string): string => `${suffix}\u0001${core}`;

export interface GroupGraphRows {
  model: EvidenceModel;
  nodes: GraphNode[];
  nodesTotal: number;
  /** Accepted edges between shown nodes, then rejected ones (strongest first). */
  edges: GraphEdge[];
  rejectedTotal: number;
  /** Every accepted edge of the group (for "why together"), weakest first. */
  accepted: GraphEdge[];
}

type PairRow = EvidenceRow & { core_a: string; suffix_a: string; core_b: string; suffix_b: string };

export async function groupGraph(
  store: ReviewStore,
  t: RunTables,
  forest: MemberForest,
  penalties: ScorePenalties,
): Promise<GroupGraphRows> {
  const pairs = await ensurePairs(store, t);
  const scored = await store.rows<PairRow>(
    'graph: scored pairs inside the group',
    `SELECT core_a, suffix_a, core_b, suffix_b, ${EVIDENCE_COLUMNS}
     FROM ${pairs.table} WHERE gid_a = ? AND gid_b = ? ORDER BY score DESC, core_a, core_b LIMIT ${MAX_GROUP_PAIRS}`,
    [forest.gid, forest.gid],
  );
  const pairOf = new Map<string, PairRow>();
  for (const p of scored) {
    const a = keyOf(p.core_a, p.suffix_a);
    const b = keyOf(p.core_b, p.suffix_b);
    pairOf.set(`${a}\u0002${b}`, p);
    pairOf.set(`${b}\u0002${a}`, p);
  }

  // Nodes: one per key, labelled by its most frequent account name.
  const nodeOf = new Map<string, string>();
  const nameCounts = new Map<string, Map<string, number>>();
  const records = new Map<string, number>();
  let primaryNode = '';
  for (const m of forest.members) {
    const key = keyOf(m.name_core, m.suffix_class);
    nodeOf.set(m.account_id, key);
    records.set(key, (records.get(key) ?? 0) + 1);
    const names = nameCounts.get(key) ?? new Map<string, number>();
    if (names.size === 0) nameCounts.set(key, names);
    names.set(m.account_name, (names.get(m.account_name) ?? 0) + 1);
    if (m.is_primary) primaryNode = key;
  }
  const labelOf = (key: string): string => {
    let best = '';
    let bestCount = -1;
    for (const [name, n] of nameCounts.get(key) ?? []) {
      if (n > bestCount || (n === bestCount && name < best)) {
        best = name;
        bestCount = n;
      }
    }
    return best;
  };

  // Accepted edges: each member's join to its parent, between different keys (same-key joins collapse).
  const accepted: GraphEdge[] = [];
  const adjacency = new Map<string, string[]>();
  const seen = new Set<string>();
  const sizes = subtreeSizes(forest);
  for (const m of forest.members) {
    if (m.parent_in_group === null) continue;
    const parent = forest.byId.get(m.parent_in_group);
    if (parent === undefined) continue;
    const a = nodeOf.get(m.account_id) as string;
    const b = nodeOf.get(parent.account_id) as string;
    if (a === b || seen.has(`${a}\u0002${b}`)) continue;
    seen.add(`${a}\u0002${b}`);
    seen.add(`${b}\u0002${a}`);
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = adjacency.get(x) ?? [];
      if (list.length === 0) adjacency.set(x, list);
      list.push(y);
    }
    const pair = SCORED_JOINS.has(m.join_reason) ? pairOf.get(`${a}\u0002${b}`) : undefined;
    const splitOff = sizes.get(m.account_id) ?? 1;
    accepted.push({
      a,
      b,
      account_id_a: m.account_id,
      account_id_b: parent.account_id,
      name_a: m.account_name,
      name_b: parent.account_name,
      accepted: true,
      join_reason: m.join_reason,
      evidence: pair === undefined ? null : evidenceOf(pair, pairs.model, penalties),
      weak_bridge:
        m.join_reason === MEDIUM_JOIN && Math.min(splitOff, forest.members.length - splitOff) >= WEAK_BRIDGE_RECORDS,
      split_off: splitOff,
    });
  }

  // Breadth-first from the primary's key: depth for the layout, and the nodes nearest the primary first.
  const depth = new Map<string, number>([[primaryNode, 0]]);
  const parentNode = new Map<string, string | null>([[primaryNode, null]]);
  const order = [primaryNode];
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as string;
    for (const next of adjacency.get(at) ?? []) {
      if (depth.has(next)) continue;
      depth.set(next, (depth.get(at) ?? 0) + 1);
      parentNode.set(next, at);
      order.push(next);
    }
  }
  // Keys the forest does not reach from the primary (should not happen) still appear, at depth 0.
  for (const key of records.keys()) {
    if (!depth.has(key)) {
      depth.set(key, 0);
      parentNode.set(key, null);
      order.push(key);
    }
  }
  const shown = new Set(order.slice(0, GRAPH_MAX_NODES));
  const nodes: GraphNode[] = order.slice(0, GRAPH_MAX_NODES).map((key) => ({
    id: key,
    label: labelOf(key),
    records: records.get(key) ?? 0,
    names: nameCounts.get(key)?.size ?? 0,
    is_primary: key === primaryNode,
    parent: parentNode.get(key) ?? null,
    depth: depth.get(key) ?? 0,
  }));

  // Rejected edges: scored pairs inside the group that are not an accepted edge.
  const representative = new Map<string, { id: string; name: string }>();
  for (const m of forest.members) {
    const key = nodeOf.get(m.account_id) as string;
    if (!representative.has(key) || m.is_primary) representative.set(key, { id: m.account_id, name: m.account_name });
  }
  const rejected: GraphEdge[] = [];
  let rejectedTotal = 0;
  for (const p of scored) {
    const a = keyOf(p.core_a, p.suffix_a);
    const b = keyOf(p.core_b, p.suffix_b);
    if (seen.has(`${a}\u0002${b}`) || !records.has(a) || !records.has(b)) continue;
    rejectedTotal++;
    if (!shown.has(a) || !shown.has(b) || rejected.length >= MAX_REJECTED_EDGES) continue;
    const ra = representative.get(a) as { id: string; name: string };
    const rb = representative.get(b) as { id: string; name: string };
    rejected.push({
      a,
      b,
      account_id_a: ra.id,
      account_id_b: rb.id,
      name_a: ra.name,
      name_b: rb.name,
      accepted: false,
      join_reason: null,
      evidence: evidenceOf(p, pairs.model, penalties),
      weak_bridge: false,
      split_off: null,
    });
  }
  const strength = (e: GraphEdge): number => e.evidence?.probability ?? 1;
  return {
    model: pairs.model,
    nodes,
    nodesTotal: records.size,
    edges: [...accepted.filter((e) => shown.has(e.a) && shown.has(e.b)), ...rejected],
    rejectedTotal,
    accepted: [...accepted].sort((x, y) => strength(x) - strength(y)),
  };
}
