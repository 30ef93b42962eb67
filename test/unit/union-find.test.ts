import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { EDGE_REASON, groupRecords } from '../../src/core/grouping.js';
import { UnionFind } from '../../src/core/union-find.js';

const SEED = 20240611;

/** Naive connected components: adjacency lists and a BFS, labels by smallest element (obviously right). */
function bfsLabels(n: number, edges: readonly (readonly [number, number])[]): number[] {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    adj[a]?.push(b);
    adj[b]?.push(a);
  }
  const label = new Array<number>(n).fill(-1);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (label[s] !== -1) continue;
    const queue = [s];
    label[s] = count;
    while (queue.length > 0) {
      const x = queue.shift() as number;
      for (const y of adj[x] ?? []) {
        if (label[y] === -1) {
          label[y] = count;
          queue.push(y);
        }
      }
    }
    count++;
  }
  return label;
}

const randomGraph = fc.integer({ min: 1, max: 60 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
  }),
);

test('a fresh element is its own root', () => {
  const uf = new UnionFind(3);
  assert.equal(uf.find(2), 2);
  assert.deepEqual([...uf.labels().label], [0, 1, 2]);
});

test('union of two elements already together returns -1', () => {
  const uf = new UnionFind(4);
  assert.notEqual(uf.union(0, 1), -1);
  assert.notEqual(uf.union(1, 2), -1);
  assert.equal(uf.union(2, 0), -1);
});

test('labels are numbered by each set’s smallest element, whatever the union order', () => {
  const uf = new UnionFind(5);
  uf.union(4, 3);
  uf.union(1, 2);
  assert.deepEqual(uf.labels(), { label: Int32Array.from([0, 1, 1, 2, 2]), count: 3 });
});

test('unionRoots keeps the larger set’s root and sums sizes', () => {
  const uf = new UnionFind(4);
  uf.union(0, 1);
  const big = uf.find(0);
  const root = uf.unionRoots(uf.find(3), big);
  assert.equal(root, big);
  assert.equal(uf.size[root], 3);
});

test('a 200K-element chain unions and finds without recursion', () => {
  const n = 200_000;
  const uf = new UnionFind(n);
  for (let i = 1; i < n; i++) uf.union(i - 1, i);
  assert.equal(uf.labels().count, 1);
  assert.equal(uf.size[uf.find(n - 1)], n);
});

test(`union-find equals naive BFS components on random edge lists (seed ${SEED})`, () => {
  fc.assert(
    fc.property(randomGraph, ({ n, edges }) => {
      const uf = new UnionFind(n);
      for (const [a, b] of edges) uf.union(a, b);
      assert.deepEqual(
        [...uf.labels().label],
        bfsLabels(n, edges),
        `seed ${SEED}: n=${n} edges=${JSON.stringify(edges)}`,
      );
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test(`groupRecords equals naive BFS components when every edge is high (seed ${SEED})`, () => {
  fc.assert(
    fc.property(randomGraph, fc.integer({ min: 92, max: 100 }), ({ n, edges }, score) => {
      const m = edges.length;
      const result = groupRecords({
        recordCount: n,
        coreId: Int32Array.from({ length: n }, (_, i) => i),
        participates: new Uint8Array(n).fill(1),
        edges: {
          a: Int32Array.from(edges, (e) => e[0]),
          b: Int32Array.from(edges, (e) => e[1]),
          score: new Uint8Array(m).fill(score),
          reason: new Uint8Array(m).fill(EDGE_REASON.scored),
          sharedDistinctive: new Uint8Array(m),
          tieA: Int32Array.from(edges, (e) => e[0]),
          tieB: Int32Array.from(edges, (e) => e[1]),
        },
        mustLink: { a: new Int32Array(0), b: new Int32Array(0) },
        cannotLink: { a: new Int32Array(0), b: new Int32Array(0) },
        thresholds: { high: 92, medium: 84 },
        // Canopy binds medium edges only; a bound of 1 proves high edges ignore it.
        canopyMaxWithoutHighEdge: 1,
      });
      const expected = bfsLabels(n, edges);
      assert.deepEqual([...result.component], expected, `seed ${SEED}: n=${n} edges=${JSON.stringify(edges)}`);
      assert.equal(result.forest.count, n - result.groupCount, 'a spanning forest has n - components edges');
    }),
    { seed: SEED, numRuns: 300 },
  );
});
