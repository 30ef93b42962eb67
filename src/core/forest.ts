/**
 * Rooting each group's spanning tree at its primary (SPEC §6): per record the parent, the join reason and score
 * of the edge to the parent, the weakest score on the way to the primary, and per group the `weak_bridge` flag.
 * Breadth-first with an explicit queue (components can hold 100K records; no recursion).
 */
import { JOIN_REASON_CODE } from './column-codes.js';
import type { SpanningForest } from './grouping.js';

export interface ForestRootingInput {
  recordCount: number;
  component: Int32Array;
  groupCount: number;
  /** Group → record index of its primary (SPEC §8). */
  primary: Int32Array;
  forest: SpanningForest;
}

export interface RootedForest {
  /** Record → parent record, -1 for a primary (and so for every singleton). */
  parent: Int32Array;
  /** Record → JOIN_REASON_CODE of the edge to its parent; `primary` for primaries. */
  joinReason: Uint8Array;
  /** `join_edge_score`: score of the edge to the parent; NaN (null) for primaries. */
  joinEdgeScore: Float64Array;
  /** `edge_to_primary`: minimum edge score on the path to the primary; NaN (null) for primaries. */
  edgeToPrimary: Float64Array;
  /** `shared_tokens_count`: distinctive tokens shared with the parent; NaN (null) for primaries. */
  sharedTokensCount: Float64Array;
  /** Record → edges between it and its primary (0 for the primary): lets a viewer indent the tree. */
  depth: Int32Array;
  /** Group → 1 when the tree hangs on a weak bridge (see `rootForest`). */
  weakBridge: Uint8Array;
}

/**
 * Root the spanning forest at the primaries.
 *
 * `weak_bridge` reading of SPEC §6: a group is flagged when some single tree edge joined by the medium rule
 * (`edge>=medium+shared_token`; never exact, high or must-link edges) separates the tree into two parts that both
 * hold three or more records — "split off three or more" is read as the smaller side having ≥ 3 records, because
 * a medium edge holding one or two stray records onto a big cluster is what the canopy and the shared token
 * already vet, while two real clusters chained by one medium edge are what a reviewer must look at.
 * @example tree 0—1 (95), 1—2 (86, medium), primary 0 → parent [-1, 0, 1], edge_to_primary [NaN, 95, 86]
 */
export function rootForest(input: ForestRootingInput): RootedForest {
  const { recordCount: n, component, groupCount, primary, forest } = input;
  if (component.length !== n) throw new Error(`forest: component must have one value per record (${n}).`);
  if (primary.length !== groupCount) throw new Error(`forest: primary must have one record per group (${groupCount}).`);

  // Adjacency in CSR form: the edges touching record i are adjEdge[offsets[i] .. offsets[i + 1]).
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < forest.count; e++) {
    const x = forest.a[e] as number;
    const y = forest.b[e] as number;
    if (component[x] !== component[y]) {
      throw new Error(`forest: tree edge ${e} joins records ${x} and ${y} of different groups.`);
    }
    offsets[x + 1] = (offsets[x + 1] as number) + 1;
    offsets[y + 1] = (offsets[y + 1] as number) + 1;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const cursor = offsets.slice(0, n);
  const adjEdge = new Int32Array(2 * forest.count);
  for (let e = 0; e < forest.count; e++) {
    const x = forest.a[e] as number;
    const y = forest.b[e] as number;
    const atX = cursor[x] as number;
    cursor[x] = atX + 1;
    adjEdge[atX] = e;
    const atY = cursor[y] as number;
    cursor[y] = atY + 1;
    adjEdge[atY] = e;
  }

  const parent = new Int32Array(n).fill(-2);
  const parentEdge = new Int32Array(n).fill(-1);
  const joinReason = new Uint8Array(n);
  const joinEdgeScore = new Float64Array(n).fill(Number.NaN);
  const edgeToPrimary = new Float64Array(n).fill(Number.NaN);
  const sharedTokensCount = new Float64Array(n).fill(Number.NaN);
  const depth = new Int32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let g = 0; g < groupCount; g++) {
    const root = primary[g] as number;
    if (root < 0 || root >= n || component[root] !== g) {
      throw new Error(`forest: primary ${root} of group ${g} is not a record of that group.`);
    }
    parent[root] = -1;
    joinReason[root] = JOIN_REASON_CODE.primary;
    queue[tail++] = root;
  }
  for (let head = 0; head < tail; head++) {
    const x = queue[head] as number;
    const toPrimary = edgeToPrimary[x] as number;
    for (let k = offsets[x] as number; k < (offsets[x + 1] as number); k++) {
      const e = adjEdge[k] as number;
      if (e === parentEdge[x]) continue;
      const y = forest.a[e] === x ? (forest.b[e] as number) : (forest.a[e] as number);
      if (parent[y] !== -2) throw new Error(`forest: the tree edges of group ${component[x]} contain a cycle.`);
      const s = forest.score[e] as number;
      parent[y] = x;
      parentEdge[y] = e;
      joinReason[y] = forest.joinReason[e] as number;
      joinEdgeScore[y] = s;
      edgeToPrimary[y] = Number.isNaN(toPrimary) ? s : Math.min(toPrimary, s);
      sharedTokensCount[y] = forest.sharedTokens[e] as number;
      depth[y] = (depth[x] as number) + 1;
      queue[tail++] = y;
    }
  }
  if (tail !== n) {
    let lost = 0;
    while (parent[lost] !== -2) lost++;
    throw new Error(
      `forest: record ${lost} of group ${component[lost]} is not connected to its primary by tree edges.`,
    );
  }

  // Subtree sizes, children before parents: reverse breadth-first order.
  const groupSize = new Int32Array(groupCount);
  for (let i = 0; i < n; i++) {
    const k = component[i] as number;
    groupSize[k] = (groupSize[k] as number) + 1;
  }
  const subtree = new Int32Array(n).fill(1);
  const weakBridge = new Uint8Array(groupCount);
  for (let k = n - 1; k >= 0; k--) {
    const y = queue[k] as number;
    const p = parent[y] as number;
    if (p < 0) continue;
    subtree[p] = (subtree[p] as number) + (subtree[y] as number);
    if (joinReason[y] === JOIN_REASON_CODE['edge>=medium+shared_token']) {
      const g = component[y] as number;
      const below = subtree[y] as number;
      if (Math.min(below, (groupSize[g] as number) - below) >= 3) weakBridge[g] = 1;
    }
  }
  return { parent, joinReason, joinEdgeScore, edgeToPrimary, sharedTokensCount, depth, weakBridge };
}
