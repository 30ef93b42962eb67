import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JOIN_REASON_CODE, JOIN_REASONS } from '../../src/core/column-codes.js';
import { rootForest } from '../../src/core/forest.js';
import { EDGE_REASON, groupRecords, type SpanningForest } from '../../src/core/grouping.js';
import type { JoinReason } from '../../src/core/types.js';
import { UnionFind } from '../../src/core/union-find.js';

type TreeEdge = readonly [a: number, b: number, score: number, reason: Exclude<JoinReason, 'primary'>, shared?: number];

const H = 'edge>=high';
const M = 'edge>=medium+shared_token';

/** A rooted forest from tree edges and primaries given per group (groups numbered by smallest record). */
function root(n: number, edges: readonly TreeEdge[], primaries: readonly number[]) {
  const uf = new UnionFind(n);
  for (const [a, b] of edges) uf.union(a, b);
  const { label, count } = uf.labels();
  const forest: SpanningForest = {
    count: edges.length,
    a: Int32Array.from(edges, (e) => e[0]),
    b: Int32Array.from(edges, (e) => e[1]),
    score: Uint8Array.from(edges, (e) => e[2]),
    joinReason: Uint8Array.from(edges, (e) => JOIN_REASON_CODE[e[3]]),
    sharedTokens: Uint8Array.from(edges, (e) => e[4] ?? 1),
    source: Int32Array.from(edges, (_, i) => i),
  };
  assert.equal(primaries.length, count, 'one primary per group');
  return rootForest({
    recordCount: n,
    component: label,
    groupCount: count,
    primary: Int32Array.from(primaries),
    forest,
  });
}

const nums = (a: Float64Array): (number | null)[] => [...a].map((v) => (Number.isNaN(v) ? null : v));

test('a singleton is its own primary: parent -1, reason primary, null scores', () => {
  const r = root(1, [], [0]);
  assert.deepEqual([...r.parent], [-1]);
  assert.equal(JOIN_REASONS[r.joinReason[0] as number], 'primary');
  assert.deepEqual(nums(r.joinEdgeScore), [null]);
  assert.deepEqual(nums(r.edgeToPrimary), [null]);
  assert.deepEqual(nums(r.sharedTokensCount), [null]);
  assert.deepEqual([...r.weakBridge], [0]);
});

test('edge_to_primary is the minimum edge score along the path to the primary', () => {
  // 0 —95— 1 —86— 2 —100— 3, rooted at 0.
  const edges: TreeEdge[] = [
    [0, 1, 95, H],
    [1, 2, 86, M, 2],
    [2, 3, 100, 'exact_name'],
  ];
  const r = root(4, edges, [0]);
  assert.deepEqual([...r.parent], [-1, 0, 1, 2]);
  assert.deepEqual(nums(r.joinEdgeScore), [null, 95, 86, 100]);
  assert.deepEqual(nums(r.edgeToPrimary), [null, 95, 86, 86]);
  assert.deepEqual(nums(r.sharedTokensCount), [null, 1, 2, 1]);
  assert.deepEqual([...r.depth], [0, 1, 2, 3]);
  assert.deepEqual(
    [...r.joinReason].map((c) => JOIN_REASONS[c]),
    ['primary', H, M, 'exact_name'],
  );
});

test('rooting the same tree at another primary reverses the parents and recomputes edge_to_primary', () => {
  const edges: TreeEdge[] = [
    [0, 1, 95, H],
    [1, 2, 86, M],
    [2, 3, 100, 'exact_name'],
  ];
  const r = root(4, edges, [3]);
  assert.deepEqual([...r.parent], [1, 2, 3, -1]);
  assert.deepEqual(nums(r.joinEdgeScore), [95, 86, 100, null]);
  assert.deepEqual(nums(r.edgeToPrimary), [86, 86, 100, null]);
});

test('a must-link edge to the parent scores 100 with reason must_link', () => {
  const r = root(2, [[0, 1, 100, 'must_link', 0]], [1]);
  assert.equal(JOIN_REASONS[r.joinReason[0] as number], 'must_link');
  assert.deepEqual(nums(r.joinEdgeScore), [100, null]);
  assert.deepEqual(nums(r.sharedTokensCount), [0, null]);
});

/** Two triangles {0,1,2} and {3,4,5}, bridged 2—3 by `bridge`. */
const twoClusters = (bridge: TreeEdge): TreeEdge[] => [
  [0, 1, 99, H],
  [1, 2, 99, H],
  bridge,
  [3, 4, 99, H],
  [4, 5, 99, H],
];

test('weak_bridge: one medium edge chaining two clusters of three records', () => {
  assert.deepEqual([...root(6, twoClusters([2, 3, 86, M]), [0]).weakBridge], [1]);
});

test('weak_bridge is the same whichever side holds the primary', () => {
  assert.deepEqual([...root(6, twoClusters([2, 3, 86, M]), [5]).weakBridge], [1]);
});

test('no weak_bridge when the bridge is a high edge', () => {
  assert.deepEqual([...root(6, twoClusters([2, 3, 95, H]), [0]).weakBridge], [0]);
});

test('no weak_bridge when the bridge is an exact join', () => {
  assert.deepEqual([...root(6, twoClusters([2, 3, 100, 'exact_name']), [0]).weakBridge], [0]);
});

test('no weak_bridge when the bridge is a reviewer must-link', () => {
  assert.deepEqual([...root(6, twoClusters([2, 3, 100, 'must_link']), [0]).weakBridge], [0]);
});

test('no weak_bridge when the medium edge splits off only two records', () => {
  // {0,1,2,3} —medium— {4,5}: the smaller side has two records.
  const edges: TreeEdge[] = [
    [0, 1, 99, H],
    [1, 2, 99, H],
    [2, 3, 99, H],
    [3, 4, 86, M],
    [4, 5, 99, H],
  ];
  assert.deepEqual([...root(6, edges, [0]).weakBridge], [0]);
});

test('no weak_bridge for a star of medium edges: each splits off one record', () => {
  const edges: TreeEdge[] = [1, 2, 3, 4, 5].map((i) => [0, i, 85, M] as const);
  assert.deepEqual([...root(6, edges, [0]).weakBridge], [0]);
});

test('weak_bridge is flagged per group', () => {
  const edges: TreeEdge[] = [...twoClusters([2, 3, 86, M]), [6, 7, 86, M]];
  assert.deepEqual([...root(8, edges, [0, 6]).weakBridge], [1, 0]);
});

test('a 100K-record chain roots without recursion', () => {
  const n = 100_000;
  const edges: TreeEdge[] = [];
  for (let i = 1; i < n; i++) edges.push([i - 1, i, i === n / 2 ? 85 : 97, i === n / 2 ? M : H]);
  const r = root(n, edges, [0]);
  assert.equal(r.depth[n - 1], n - 1);
  assert.equal(r.edgeToPrimary[n - 1], 85);
  assert.equal(r.edgeToPrimary[n / 2 - 1], 97);
  assert.deepEqual([...r.weakBridge], [1]);
});

test('a primary outside its group is an error', () => {
  const forest: SpanningForest = {
    count: 0,
    a: new Int32Array(0),
    b: new Int32Array(0),
    score: new Uint8Array(0),
    joinReason: new Uint8Array(0),
    sharedTokens: new Uint8Array(0),
    source: new Int32Array(0),
  };
  assert.throws(
    () =>
      rootForest({
        recordCount: 2,
        component: Int32Array.from([0, 1]),
        groupCount: 2,
        primary: Int32Array.from([1, 0]),
        forest,
      }),
    /primary 1 of group 0 is not a record of that group/,
  );
});

test('a group whose tree edges do not reach every record is an error', () => {
  const forest: SpanningForest = {
    count: 0,
    a: new Int32Array(0),
    b: new Int32Array(0),
    score: new Uint8Array(0),
    joinReason: new Uint8Array(0),
    sharedTokens: new Uint8Array(0),
    source: new Int32Array(0),
  };
  assert.throws(
    () =>
      rootForest({
        recordCount: 2,
        component: Int32Array.from([0, 0]),
        groupCount: 1,
        primary: Int32Array.from([0]),
        forest,
      }),
    /record 1 of group 0 is not connected/,
  );
});

test('groupRecords’ forest roots at any primary and keeps the accepted edges’ scores', () => {
  // 0—1 exact, 1—2 high 94, 2—3 medium 86 (shares 2 tokens), 4 alone.
  const g = groupRecords({
    recordCount: 5,
    coreId: Int32Array.from([0, 0, 1, 2, 3]),
    participates: new Uint8Array(5).fill(1),
    edges: {
      a: Int32Array.from([2, 0, 1]),
      b: Int32Array.from([3, 1, 2]),
      score: Uint8Array.from([86, 100, 94]),
      reason: Uint8Array.from([EDGE_REASON.scored, EDGE_REASON.exact_name, EDGE_REASON.scored]),
      sharedDistinctive: Uint8Array.from([2, 1, 0]),
      tieA: Int32Array.from([1, 0, 0]),
      tieB: Int32Array.from([2, 0, 1]),
    },
    mustLink: { a: new Int32Array(0), b: new Int32Array(0) },
    cannotLink: { a: new Int32Array(0), b: new Int32Array(0) },
    thresholds: { high: 92, medium: 84 },
    canopyMaxWithoutHighEdge: 8,
  });
  const r = rootForest({
    recordCount: 5,
    component: g.component,
    groupCount: g.groupCount,
    primary: Int32Array.from([1, 4]),
    forest: g.forest,
  });
  assert.deepEqual([...r.parent], [1, -1, 1, 2, -1]);
  assert.deepEqual(
    [...r.joinReason].map((c) => JOIN_REASONS[c]),
    ['exact_name', 'primary', H, M, 'primary'],
  );
  assert.deepEqual(nums(r.edgeToPrimary), [100, null, 94, 86, null]);
  assert.deepEqual(nums(r.sharedTokensCount), [1, null, 0, 2, null]);
});
