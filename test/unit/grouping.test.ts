import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { JOIN_REASON_CODE, JOIN_REASONS } from '../../src/core/column-codes.js';
import {
  EDGE_REASON,
  type GroupCentres,
  type GroupingInput,
  type GroupingResult,
  groupRecords,
  membersByGroup,
} from '../../src/core/grouping.js';
import { NO_SITE } from '../../src/core/site.js';
import { seededUniform } from '../../src/generate/random.js';

const SEED = 7_340_021;
const HIGH = 92;
const MEDIUM = 84;

interface Edge {
  a: number;
  b: number;
  score: number;
  exact?: boolean;
  /** Distinctive tokens shared; default 1. */
  shared?: number;
  /** (key_a, key_b) tie-break ids; default the two records' core ids. */
  keys?: readonly [number, number];
}

interface World {
  /** Record → core id; default every record its own core. */
  cores?: readonly number[];
  /** Records that are unusable or junk (SPEC §4). */
  outsiders?: readonly number[];
  must?: readonly (readonly [number, number])[];
  cannot?: readonly (readonly [number, number])[];
  canopy?: number;
  /**
   * Chain guard: records per core, the core pairs scored ≥ medium, and each core's distinctive words (default:
   * a word of its own).
   */
  centres?: {
    coreRecords: readonly number[];
    agree: readonly (readonly [number, number])[];
    words?: readonly (readonly string[])[];
    /** Cores spelling one alias-dictionary employer, per employer. */
    aliasCores?: readonly (readonly number[])[];
    /** Core pairs the model found to be rival spellings: repeated, of similar counts, a letter apart. */
    rivals?: readonly (readonly [number, number])[];
    /** Town names of one word and of several (`runs`); the head ratio is 5; siblings override the model unless false. */
    places?: { single: readonly string[]; runs?: readonly (readonly string[])[]; siblingsOverrideModel?: boolean };
  };
  /** Per record its house number (NO_SITE: none): the file is a site list. */
  sites?: readonly number[];
}

function grouping(n: number, edges: readonly Edge[], world: World = {}): GroupingInput {
  const cores = world.cores ?? Array.from({ length: n }, (_, i) => i);
  const participates = new Uint8Array(n).fill(1);
  for (const i of world.outsiders ?? []) participates[i] = 0;
  const pairs = (list: readonly (readonly [number, number])[] = []) => ({
    a: Int32Array.from(list, (p) => p[0]),
    b: Int32Array.from(list, (p) => p[1]),
  });
  return {
    recordCount: n,
    coreId: Int32Array.from(cores),
    participates,
    edges: {
      a: Int32Array.from(edges, (e) => e.a),
      b: Int32Array.from(edges, (e) => e.b),
      score: Uint8Array.from(edges, (e) => e.score),
      reason: Uint8Array.from(edges, (e) => (e.exact ? EDGE_REASON.exact_name : EDGE_REASON.scored)),
      sharedDistinctive: Uint8Array.from(edges, (e) => e.shared ?? 1),
      tieA: Int32Array.from(edges, (e) => e.keys?.[0] ?? (cores[e.a] as number)),
      tieB: Int32Array.from(edges, (e) => e.keys?.[1] ?? (cores[e.b] as number)),
    },
    mustLink: pairs(world.must),
    cannotLink: pairs(world.cannot),
    thresholds: { high: HIGH, medium: MEDIUM },
    canopyMaxWithoutHighEdge: world.canopy ?? 8,
    ...(world.centres === undefined
      ? {}
      : {
          centres: centresOf(world.centres),
        }),
    ...(world.sites === undefined ? {} : { sites: Int32Array.from(world.sites) }),
  };
}

/** The chain guard's input: one key per core, every word distinctive. */
function centresOf(c: NonNullable<World['centres']>): GroupCentres {
  const words = c.coreRecords.map((_, core) => c.words?.[core] ?? [`core${core}`]);
  const vocabulary = [...new Set(words.flat())];
  const offsets = [0];
  for (const w of words) offsets.push((offsets.at(-1) as number) + w.length);
  return {
    coreRecords: Int32Array.from(c.coreRecords),
    agreeA: Int32Array.from(c.agree, (p) => p[0]),
    agreeB: Int32Array.from(c.agree, (p) => p[1]),
    coreKey: Int32Array.from(words, (_, core) => core),
    tokens: {
      keyCount: words.length,
      tokens: vocabulary,
      isWeak: new Uint8Array(vocabulary.length),
      offsets: Int32Array.from(offsets),
      ids: Int32Array.from(words.flat(), (w) => vocabulary.indexOf(w)),
    },
    distinctive: new Uint8Array(vocabulary.length).fill(1),
    ...(c.aliasCores === undefined ? {} : { aliasCores: c.aliasCores.map((cores) => Int32Array.from(cores)) }),
    ...(c.rivals === undefined
      ? {}
      : { rivalA: Int32Array.from(c.rivals, (p) => p[0]), rivalB: Int32Array.from(c.rivals, (p) => p[1]) }),
    ...(c.places === undefined
      ? {}
      : {
          places: {
            single: Uint8Array.from(vocabulary, (w) => (c.places?.single.includes(w) ? 1 : 0)),
            runs: new Set((c.places.runs ?? []).map((run) => run.map((w) => vocabulary.indexOf(w)).join(' '))),
            headRatio: 5,
            repeatedTailRatio: 20,
            siblingsOverrideModel: c.places.siblingsOverrideModel ?? true,
          },
        }),
  };
}

/** Groups as sorted lists of records, for readable assertions. */
function groupsOf(r: GroupingResult): number[][] {
  const { offsets, members } = membersByGroup(r.component, r.groupCount);
  const out: number[][] = [];
  for (let g = 0; g < r.groupCount; g++) out.push([...members.subarray(offsets[g], offsets[g + 1])]);
  return out;
}

/** Tree edges as sorted, order-free strings `a-b score reason shared`. */
function treeOf(r: GroupingResult): string[] {
  const f = r.forest;
  const out: string[] = [];
  for (let e = 0; e < f.count; e++) {
    const a = Math.min(f.a[e] as number, f.b[e] as number);
    const b = Math.max(f.a[e] as number, f.b[e] as number);
    out.push(`${a}-${b} ${f.score[e]} ${JOIN_REASONS[f.joinReason[e] as number]} ${f.sharedTokens[e]}`);
  }
  return out.sort();
}

test('a high edge joins two records (edge>=high)', () => {
  const r = groupRecords(grouping(2, [{ a: 0, b: 1, score: 95, shared: 0 }]));
  assert.deepEqual(groupsOf(r), [[0, 1]]);
  assert.deepEqual(treeOf(r), ['0-1 95 edge>=high 0']);
});

test('an exact join arrives as an exact_name edge of score 100', () => {
  const r = groupRecords(grouping(2, [{ a: 0, b: 1, score: 100, exact: true, shared: 2 }], { cores: [0, 0] }));
  assert.deepEqual(groupsOf(r), [[0, 1]]);
  assert.deepEqual(treeOf(r), ['0-1 100 exact_name 2']);
});

test('a medium edge sharing a distinctive token joins (edge>=medium+shared_token)', () => {
  const r = groupRecords(grouping(2, [{ a: 0, b: 1, score: 86, shared: 1 }]));
  assert.deepEqual(groupsOf(r), [[0, 1]]);
  assert.deepEqual(treeOf(r), ['0-1 86 edge>=medium+shared_token 1']);
});

test('a medium edge without a shared distinctive token is refused', () => {
  const r = groupRecords(grouping(2, [{ a: 0, b: 1, score: 91, shared: 0 }]));
  assert.deepEqual(groupsOf(r), [[0], [1]]);
  assert.equal(r.stats.refusedNoSharedToken, 1);
});

test('an edge below medium is ignored', () => {
  const r = groupRecords(grouping(2, [{ a: 0, b: 1, score: 83 }]));
  assert.deepEqual(groupsOf(r), [[0], [1]]);
  assert.equal(r.stats.edgesIgnored, 1);
  assert.equal(r.stats.edgesConsidered, 0);
});

test('score exactly high joins without a shared token; score exactly medium joins with one', () => {
  const r = groupRecords(
    grouping(4, [
      { a: 0, b: 1, score: HIGH, shared: 0 },
      { a: 2, b: 3, score: MEDIUM, shared: 1 },
    ]),
  );
  assert.deepEqual(groupsOf(r), [
    [0, 1],
    [2, 3],
  ]);
});

test('canopy bound refuses a medium join that would exceed max_without_high_edge distinct cores', () => {
  // A chain of medium edges over 5 distinct cores with a bound of 3: the first three cores join, the rest stay out.
  const edges = [0, 1, 2, 3].map((i) => ({ a: i, b: i + 1, score: 88 - i }));
  const r = groupRecords(grouping(5, edges, { canopy: 3 }));
  assert.deepEqual(groupsOf(r), [
    [0, 1, 2],
    [3, 4],
  ]);
  assert.equal(r.stats.refusedByCanopy, 1);
});

test('canopy bound counts distinct cores, not records: exact duplicates do not fill it', () => {
  // Records 0,1,2 share core 0; record 3 has core 1. Bound 2: joining 3 gives 2 distinct cores, allowed.
  const r = groupRecords(
    grouping(
      4,
      [
        { a: 0, b: 1, score: 100, exact: true },
        { a: 1, b: 2, score: 100, exact: true },
        { a: 2, b: 3, score: 86 },
      ],
      { cores: [0, 0, 0, 1], canopy: 2 },
    ),
  );
  assert.deepEqual(groupsOf(r), [[0, 1, 2, 3]]);
});

test('canopy bound does not apply to high edges', () => {
  const edges = [0, 1, 2, 3].map((i) => ({ a: i, b: i + 1, score: 95 }));
  const r = groupRecords(grouping(5, edges, { canopy: 2 }));
  assert.deepEqual(groupsOf(r), [[0, 1, 2, 3, 4]]);
  assert.equal(r.stats.refusedByCanopy, 0);
});

test('a component grown past the canopy by high edges refuses every later medium join', () => {
  const r = groupRecords(
    grouping(
      4,
      [
        { a: 0, b: 1, score: 99 },
        { a: 1, b: 2, score: 99 },
        { a: 2, b: 3, score: 85 },
      ],
      { canopy: 2 },
    ),
  );
  assert.deepEqual(groupsOf(r), [[0, 1, 2], [3]]);
  assert.equal(r.stats.refusedByCanopy, 1);
});

test('descending order matters: a high edge is preferred over a medium one when canopy binds', () => {
  // Bound 2. In input order the medium edge 0-1 comes first; processed by descending score, the high edge 1-2
  // takes the room and the medium join would make 3 cores, so record 0 stays alone.
  const r = groupRecords(
    grouping(
      3,
      [
        { a: 0, b: 1, score: 85 },
        { a: 1, b: 2, score: 95 },
      ],
      { canopy: 2 },
    ),
  );
  assert.deepEqual(groupsOf(r), [[0], [1, 2]]);
});

test('descending order matters: the higher medium edge wins the last canopy slot', () => {
  const r = groupRecords(
    grouping(
      3,
      [
        { a: 0, b: 1, score: 85 },
        { a: 1, b: 2, score: 90 },
      ],
      { canopy: 2 },
    ),
  );
  assert.deepEqual(groupsOf(r), [[0], [1, 2]]);
});

test('equal scores are ordered by (key_a, key_b): the smaller key pair wins the canopy slot', () => {
  const r = groupRecords(
    grouping(
      3,
      [
        { a: 1, b: 2, score: 88, keys: [5, 9] },
        { a: 0, b: 1, score: 88, keys: [5, 7] },
      ],
      { canopy: 2 },
    ),
  );
  assert.deepEqual(groupsOf(r), [[0, 1], [2]]);
});

test('equal scores and keys are ordered by the record pair, so either input order builds the same tree', () => {
  // One core, three records: 0-1 joins first; 0-2 and 1-2 tie on score and keys, and the pair (0, 2) goes first.
  const first = { a: 0, b: 2, score: 93 };
  const second = { a: 2, b: 1, score: 93 };
  const exact = { a: 0, b: 1, score: 100, exact: true };
  for (const edges of [
    [exact, first, second],
    [second, exact, first],
  ]) {
    const r = groupRecords(grouping(3, edges, { cores: [4, 4, 4] }));
    assert.deepEqual(treeOf(r), ['0-1 100 exact_name 1', '0-2 93 edge>=high 1']);
  }
});

test('cannot-link refuses a join that would put the pair in one component', () => {
  // 0-1 joins first (higher score); 1-2 would bring 2 next to 0, which a reviewer said is another company.
  const r = groupRecords(
    grouping(
      3,
      [
        { a: 0, b: 1, score: 99 },
        { a: 1, b: 2, score: 97 },
      ],
      { cannot: [[2, 0]] },
    ),
  );
  assert.deepEqual(groupsOf(r), [[0, 1], [2]]);
  assert.equal(r.stats.refusedByCannotLink, 1);
});

test('cannot-link tags survive merges: a later join through a third record is refused too', () => {
  const r = groupRecords(
    grouping(
      4,
      [
        { a: 0, b: 1, score: 99 },
        { a: 2, b: 3, score: 98 },
        { a: 1, b: 2, score: 97 },
      ],
      { cannot: [[0, 3]] },
    ),
  );
  assert.deepEqual(groupsOf(r), [
    [0, 1],
    [2, 3],
  ]);
});

test('must-links join first, before any scored edge, with reason must_link and score 100', () => {
  // The must-link 0-2 is applied first, so the high edge 1-2 then meets the cannot-link 0-1 and is refused.
  const r = groupRecords(grouping(3, [{ a: 1, b: 2, score: 99 }], { must: [[0, 2]], cannot: [[0, 1]] }));
  assert.deepEqual(groupsOf(r), [[0, 2], [1]]);
  assert.deepEqual(treeOf(r), ['0-2 100 must_link 0']);
  assert.equal(r.forest.source[0], -1);
  assert.equal(r.stats.mustLinksApplied, 1);
});

test('a must-link that contradicts a cannot-link directly is not applied and is reported', () => {
  const r = groupRecords(grouping(2, [], { must: [[0, 1]], cannot: [[1, 0]] }));
  assert.deepEqual(groupsOf(r), [[0], [1]]);
  assert.deepEqual([...r.contradictedMustLinks], [0]);
  assert.equal(r.stats.mustLinksApplied, 0);
});

test('a must-link that contradicts a cannot-link through earlier must-links is not applied and is reported', () => {
  const r = groupRecords(
    grouping(3, [], {
      must: [
        [0, 1],
        [1, 2],
      ],
      cannot: [[0, 2]],
    }),
  );
  assert.deepEqual(groupsOf(r), [[0, 1], [2]]);
  assert.deepEqual([...r.contradictedMustLinks], [1]);
});

test('must-links are exempt from the canopy bound', () => {
  const r = groupRecords(
    grouping(4, [], {
      must: [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
      canopy: 1,
    }),
  );
  assert.deepEqual(groupsOf(r), [[0, 1, 2, 3]]);
});

test('unusable and junk records are never joined, even by an exact or high edge that mentions them', () => {
  const r = groupRecords(
    grouping(
      4,
      [
        { a: 0, b: 1, score: 100, exact: true },
        { a: 1, b: 2, score: 99 },
        { a: 2, b: 3, score: 95 },
      ],
      { cores: [0, 0, 1, 2], outsiders: [1, 3] },
    ),
  );
  assert.deepEqual(groupsOf(r), [[0], [1], [2], [3]]);
  assert.equal(r.stats.edgesIgnored, 3);
});

test('junk cannot chain two real companies into one group', () => {
  // `Acme` — `Unknown` — `Zenith`: both edges touch the junk record, so neither applies.
  const r = groupRecords(
    grouping(
      3,
      [
        { a: 0, b: 1, score: 96 },
        { a: 1, b: 2, score: 96 },
      ],
      { outsiders: [1] },
    ),
  );
  assert.deepEqual(groupsOf(r), [[0], [1], [2]]);
});

test('a reviewer must-link does bring a junk record into a group (SPEC §9.1 rule 4 then applies)', () => {
  const r = groupRecords(grouping(2, [], { outsiders: [1], must: [[0, 1]] }));
  assert.deepEqual(groupsOf(r), [[0, 1]]);
});

test('self-loops and edges within one component add no tree edge', () => {
  const r = groupRecords(
    grouping(3, [
      { a: 0, b: 0, score: 100 },
      { a: 0, b: 1, score: 99 },
      { a: 1, b: 2, score: 98 },
      { a: 2, b: 0, score: 97 },
    ]),
  );
  assert.deepEqual(groupsOf(r), [[0, 1, 2]]);
  assert.deepEqual(treeOf(r), ['0-1 99 edge>=high 1', '1-2 98 edge>=high 1']);
});

test('the same pair found twice keeps the exact edge in the tree', () => {
  const r = groupRecords(
    grouping(
      2,
      [
        { a: 1, b: 0, score: 100, shared: 3 },
        { a: 0, b: 1, score: 100, exact: true, shared: 1 },
      ],
      { cores: [0, 0] },
    ),
  );
  assert.deepEqual(treeOf(r), ['0-1 100 exact_name 1']);
});

test('group numbers follow each group’s smallest record index', () => {
  const r = groupRecords(grouping(4, [{ a: 3, b: 1, score: 99 }]));
  assert.deepEqual([...r.component], [0, 1, 2, 1]);
  assert.deepEqual([...r.groupSize], [1, 2, 1]);
});

test('an edge naming a record outside the input is an error that names it', () => {
  assert.throws(() => groupRecords(grouping(2, [{ a: 0, b: 5, score: 99 }])), /edge 0 names record 5/);
});

test('medium above high is an error', () => {
  const input = grouping(1, []);
  assert.throws(() => groupRecords({ ...input, thresholds: { high: 80, medium: 90 } }), /medium \(90\) exceeds/);
});

test('membersByGroup lists each group’s records in ascending order', () => {
  const m = membersByGroup(Int32Array.from([1, 0, 1]), 2);
  assert.deepEqual([...m.offsets], [0, 1, 3]);
  assert.deepEqual([...m.members], [1, 0, 2]);
});

/** mulberry32: a tiny seeded PRNG for the shuffles. */

const world = fc.integer({ min: 2, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    cores: fc.array(fc.nat(Math.max(1, n >> 2)), { minLength: n, maxLength: n }),
    outsiders: fc.uniqueArray(fc.nat(n - 1), { maxLength: 3 }),
    edges: fc.array(
      fc.record({
        a: fc.nat(n - 1),
        b: fc.nat(n - 1),
        score: fc.integer({ min: 80, max: 100 }),
        exact: fc.boolean(),
        shared: fc.nat(2),
      }),
      { maxLength: 3 * n },
    ),
    cannot: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 }),
    canopy: fc.integer({ min: 1, max: 5 }),
    shuffleSeed: fc.integer(),
  }),
);

test(`grouping is blind to edge input order: same groups and same tree (seed ${SEED})`, () => {
  fc.assert(
    fc.property(world, ({ n, cores, outsiders, edges, cannot, canopy, shuffleSeed }) => {
      const w: World = { cores, outsiders, cannot, canopy };
      const shuffled: Edge[] = edges.slice();
      const next = seededUniform(shuffleSeed);
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j] as Edge, shuffled[i] as Edge];
      }
      // Also swap the ends of every other edge: (a, b) and (b, a) are the same pair.
      const flipped = shuffled.map((e, i) => (i % 2 === 0 ? e : { ...e, a: e.b, b: e.a }));
      const base = groupRecords(grouping(n, edges, w));
      const other = groupRecords(grouping(n, flipped, w));
      const context = `seed ${SEED}: ${JSON.stringify({ n, cores, outsiders, edges, cannot, canopy, shuffleSeed })}`;
      assert.deepEqual([...other.component], [...base.component], context);
      assert.deepEqual(treeOf(other), treeOf(base), context);
      assert.deepEqual(other.stats, base.stats, context);
    }),
    { seed: SEED, numRuns: 1000 },
  );
});

test(`no accepted tree edge violates a rule of SPEC §6 (seed ${SEED})`, () => {
  fc.assert(
    fc.property(world, ({ n, cores, outsiders, edges, cannot, canopy }) => {
      const r = groupRecords(grouping(n, edges, { cores, outsiders, cannot, canopy }));
      const f = r.forest;
      for (let e = 0; e < f.count; e++) {
        const src = edges[f.source[e] as number] as Edge;
        assert.ok((f.score[e] as number) >= MEDIUM);
        assert.ok(!outsiders.includes(src.a) && !outsiders.includes(src.b), 'edge touches an outsider');
        if (f.joinReason[e] === JOIN_REASON_CODE['edge>=medium+shared_token']) assert.ok((src.shared ?? 1) > 0);
      }
      for (const [x, y] of cannot) {
        if (x !== y) assert.notEqual(r.component[x], r.component[y], `cannot-link ${x}-${y} violated`);
      }
      assert.equal(f.count, n - r.groupCount);
    }),
    { seed: SEED, numRuns: 1000 },
  );
});

test('chain guard: a high edge may not join two groups whose centres do not agree', () => {
  // 0 `lowes` ×3 (cores 0), 3 `lowes grroup` (core 1, a typo of Lowe's), 4 `lowe group` (core 2, another firm).
  // 3—4 is scored high, but Lowe's centre `lowes` and `lowe group` were never a pair ≥ medium: no chain.
  const world: World = {
    cores: [0, 0, 0, 1, 2],
    centres: {
      coreRecords: [3, 1, 1],
      agree: [
        [0, 1],
        [1, 2],
      ],
    },
  };
  const edges: Edge[] = [
    { a: 0, b: 1, score: 100, exact: true },
    { a: 0, b: 2, score: 100, exact: true },
    { a: 0, b: 3, score: 99 },
    { a: 3, b: 4, score: 95 },
  ];
  const r = groupRecords(grouping(5, edges, world));
  assert.deepEqual(groupsOf(r), [[0, 1, 2, 3], [4]]);
  assert.equal(r.stats.refusedByCentre, 1);
});

test('chain guard: the heavier centre leads, and agreeing centres join whatever edge links them', () => {
  // 0 `walmart` ×2 (core 0), 2 `walmrt` (core 1), 3 `wal mart stores` (core 2): centres agree pairwise with walmart.
  const world: World = {
    cores: [0, 0, 1, 2],
    centres: {
      coreRecords: [2, 1, 1],
      agree: [
        [0, 1],
        [2, 0],
        [1, 2],
      ],
    },
  };
  const edges: Edge[] = [
    { a: 0, b: 1, score: 100, exact: true },
    { a: 2, b: 3, score: 95 },
    { a: 0, b: 2, score: 93 },
  ];
  const r = groupRecords(grouping(4, edges, world));
  assert.deepEqual(groupsOf(r), [[0, 1, 2, 3]]);
  assert.equal(r.stats.refusedByCentre, 0);
});

test('chain guard: without agreeing centres a group grows only around its centre', () => {
  // A star of look-alikes around core 0 may join it one by one, but two leaves never bring their own neighbours.
  const world: World = {
    cores: [0, 1, 2, 3],
    centres: {
      coreRecords: [5, 1, 1, 1],
      agree: [
        [0, 1],
        [0, 2],
        [2, 3],
      ],
    },
  };
  const edges: Edge[] = [
    { a: 0, b: 1, score: 99 },
    { a: 0, b: 2, score: 98 },
    { a: 1, b: 3, score: 97 },
  ];
  const r = groupRecords(grouping(4, edges, world));
  assert.deepEqual(groupsOf(r), [[0, 1, 2], [3]]);
});

test('chain guard: centres that share a distinctive word agree (`philips` / `koninklijke philips electronics`)', () => {
  const world: World = {
    cores: [0, 0, 1, 2],
    centres: {
      coreRecords: [2, 1, 1],
      agree: [[1, 2]],
      words: [
        ['koninklijke', 'philips', 'electronics'],
        ['philips', 'gloeilampenfabrieken'],
        ['philps', 'gloeilampenfabrieken'],
      ],
    },
  };
  const edges: Edge[] = [
    { a: 0, b: 1, score: 100, exact: true },
    { a: 2, b: 3, score: 96 },
    { a: 1, b: 3, score: 93 },
  ];
  const r = groupRecords(grouping(4, edges, world));
  assert.deepEqual(groupsOf(r), [[0, 1, 2, 3]]);
});

test('chain guard: the name of a town is no shared word (`Hartford` / `East Hartford Construction`)', () => {
  const world = (towns: string[]): World => ({
    cores: [0, 0, 0, 1, 1, 1],
    centres: {
      coreRecords: [3, 3],
      agree: [],
      words: [['hartford'], ['east', 'hartford', 'construction']],
      places: { single: towns },
    },
  });
  assert.deepEqual(groupsOf(groupRecords(grouping(6, twoCoresBridged(95), world(['hartford'])))), [
    [0, 1, 2],
    [3, 4, 5],
  ]);
  // Read as a word of the names, it lets them agree.
  assert.deepEqual(groupsOf(groupRecords(grouping(6, twoCoresBridged(95), world([])))), [[0, 1, 2, 3, 4, 5]]);
});

test('chain guard: a centre stands for every spelling of its dictionary employer (`subway` / `subway sandwiches`)', () => {
  // 0–1 `subway` ×2 (core 0), 2 `subway sandwiches` (core 1, same employer), 3 `subwayy sandwiches` (core 2, a typo
  // of it). Once 2 joins subway, 3 meets the centre `subway`, which shares no word with it: only the dictionary
  // spelling `subway sandwiches` does.
  const base = {
    cores: [0, 0, 1, 2],
    centres: {
      coreRecords: [2, 1, 1],
      agree: [[0, 1]] as [number, number][],
      words: [['subway'], ['subway', 'sandwiches'], ['subwayy', 'sandwiches']],
    },
  };
  const edges: Edge[] = [
    { a: 0, b: 1, score: 100, exact: true },
    { a: 1, b: 2, score: 99 },
    { a: 2, b: 3, score: 97 },
  ];
  assert.deepEqual(groupsOf(groupRecords(grouping(4, edges, base))), [[0, 1, 2], [3]]);
  const withDictionary = { ...base, centres: { ...base.centres, aliasCores: [[0, 1]] } };
  assert.deepEqual(groupsOf(groupRecords(grouping(4, edges, withDictionary))), [[0, 1, 2, 3]]);
});

test('chain guard: a word written joined agrees with its parts (`starbuckscoffee` / `starbucks`, `homedepot` / `home depot`)', () => {
  // 0–1 `starbucks` (core 0); 2 `starbuckscoffee` (core 1): the joined word starts with the centre's word and
  // the rest is a word of the file. 3–4 `home depot` (core 2); 5 `homedepot` (core 3): two words written as one.
  // 6 `starbucksville` (core 4): the rest is no word of the file, so no agreement.
  const world: World = {
    cores: [0, 0, 1, 2, 2, 3, 4],
    centres: {
      // Core 5 `coffee` has no record here; it only puts the word in the file's vocabulary.
      coreRecords: [2, 1, 2, 1, 1, 1],
      agree: [],
      words: [['starbucks'], ['starbuckscoffee'], ['home', 'depot'], ['homedepot'], ['starbucksville'], ['coffee']],
    },
  };
  const edges: Edge[] = [
    { a: 0, b: 1, score: 100, exact: true },
    { a: 3, b: 4, score: 100, exact: true },
    { a: 0, b: 2, score: 94 },
    { a: 3, b: 5, score: 95 },
    { a: 1, b: 6, score: 93 },
  ];
  const r = groupRecords(grouping(7, edges, world));
  assert.deepEqual(groupsOf(r), [[0, 1, 2], [3, 4, 5], [6]]);
  assert.equal(r.stats.refusedByCentre, 1);
});

test('chain guard: an established spelling of a group stands beside its centre (`wlgreen` / `walgreen` / `walgreens`)', () => {
  // 0–5 `walgreens` (core 0), 6–8 `walgreen` (core 1, three records: a spelling intake repeats, not a one-off
  // typo), 9 `wlgreen` (core 2), scored against `walgreen` only. 10 `walgren` (core 3) is scored against the
  // one-off typo `walgrens` (core 4, record 11) only: a spelling seen once stands for nothing.
  const world: World = {
    cores: [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3, 4],
    centres: {
      coreRecords: [6, 3, 1, 1, 1],
      agree: [
        [0, 1],
        [1, 2],
        [0, 4],
        [3, 4],
      ],
    },
  };
  const edges: Edge[] = [
    ...[1, 2, 3, 4, 5].map((b) => ({ a: 0, b, score: 100, exact: true })),
    { a: 6, b: 7, score: 100, exact: true },
    { a: 6, b: 8, score: 100, exact: true },
    { a: 0, b: 6, score: 99 },
    { a: 0, b: 11, score: 98 },
    { a: 6, b: 9, score: 97 },
    { a: 10, b: 11, score: 95 },
  ];
  const r = groupRecords(grouping(12, edges, world));
  assert.deepEqual(groupsOf(r), [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11], [10]]);
  assert.equal(r.stats.refusedByCentre, 1);
});

test('a site list: records at different house numbers never share a group, exact joins included', () => {
  // 0, 1: `the palm` at 9001; 2: `palm` at 837; 3: `palm` without an address.
  const r = groupRecords(
    grouping(
      4,
      [
        { a: 0, b: 1, score: 100, exact: true },
        { a: 1, b: 2, score: 100, exact: true },
        { a: 2, b: 3, score: 100, exact: true },
        { a: 0, b: 3, score: 95 },
      ],
      { cores: [0, 0, 0, 0], sites: [9001, 9001, 837, NO_SITE] },
    ),
  );
  assert.deepEqual(groupsOf(r), [
    [0, 1],
    [2, 3],
  ]);
  assert.equal(r.stats.refusedBySite, 2);
});

test('a site list: a group without a house number takes the first one it meets, then keeps others out', () => {
  const r = groupRecords(
    grouping(
      3,
      [
        { a: 0, b: 1, score: 96 },
        { a: 1, b: 2, score: 95 },
      ],
      { sites: [NO_SITE, 12, 14] },
    ),
  );
  assert.deepEqual(groupsOf(r), [[0, 1], [2]]);
});

test("a site list: a must-link joins two house numbers (a steward's word)", () => {
  const r = groupRecords(grouping(2, [], { sites: [12, 14], must: [[0, 1]] }));
  assert.deepEqual(groupsOf(r), [[0, 1]]);
});

test('without sites, house numbers play no part', () => {
  const r = groupRecords(grouping(2, [{ a: 0, b: 1, score: 100, exact: true }], { cores: [0, 0] }));
  assert.deepEqual(groupsOf(r), [[0, 1]]);
});

/** Records 0–2 and 3–5 joined exactly within each triple, then by one scored edge of `score` between them. */
function twoCoresBridged(score: number): Edge[] {
  return [
    { a: 0, b: 1, score: 100, exact: true },
    { a: 1, b: 2, score: 100, exact: true },
    { a: 3, b: 4, score: 100, exact: true },
    { a: 4, b: 5, score: 100, exact: true },
    { a: 2, b: 5, score },
  ];
}

test('chain guard: rival spellings do not agree through the words they share (`smith heating` / `smyth heating`)', () => {
  // 0–2 `smith heating` ×3 (core 0), 3–5 `smyth heating` ×3 (core 1), bridged by a high edge (a one-off like
  // `smythheating` scores high against both). The model scored the two names as rivals: a letter apart at similar
  // counts. Sharing `heating` is then no reason to agree.
  const world = (rivals: [number, number][]): World => ({
    cores: [0, 0, 0, 1, 1, 1],
    centres: {
      coreRecords: [3, 3],
      agree: [],
      words: [
        ['smith', 'heating'],
        ['smyth', 'heating'],
      ],
      rivals,
    },
  });
  assert.deepEqual(groupsOf(groupRecords(grouping(6, twoCoresBridged(95), world([[1, 0]])))), [
    [0, 1, 2],
    [3, 4, 5],
  ]);
  assert.deepEqual(groupsOf(groupRecords(grouping(6, twoCoresBridged(95), world([])))), [[0, 1, 2, 3, 4, 5]]);
});

test('chain guard: two centres that differ only by towns are sibling companies (`Biergarten Apex` / `Biergarten Rancho Cordova`)', () => {
  // 0–2 `biergarten apex` ×3 (core 0), 3–5 `biergarten rancho cordova` ×3 (core 1); a high edge between them
  // (through a misspelt record, say). Sharing `biergarten` is no reason to agree once both differ only by towns.
  const centres = {
    coreRecords: [3, 3],
    agree: [],
    words: [
      ['biergarten', 'apex'],
      ['biergarten', 'rancho', 'cordova'],
    ],
  };
  const edges = twoCoresBridged(95);
  const world = (places?: { single: string[]; runs: string[][] }): World => ({
    cores: [0, 0, 0, 1, 1, 1],
    centres: places === undefined ? centres : { ...centres, places },
  });
  const towns = { single: ['apex'], runs: [['rancho', 'cordova']] };
  assert.deepEqual(groupsOf(groupRecords(grouping(6, edges, world(towns)))), [
    [0, 1, 2],
    [3, 4, 5],
  ]);
  // Without towns the shared word lets them agree.
  assert.deepEqual(groupsOf(groupRecords(grouping(6, edges, world()))), [[0, 1, 2, 3, 4, 5]]);
});

test('chain guard: a brand and its dealership named by a town stay apart though the model scored them medium, except in a site list', () => {
  // 0–2 `mercedes benz` ×3 (core 0), 3–5 `mercedes benz of elk grove` ×3 (core 1), scored ≥ medium on their shared
  // words; a high edge between them through a misspelt record.
  const edges = twoCoresBridged(96);
  const world = (siblingsOverrideModel: boolean): World => ({
    cores: [0, 0, 0, 1, 1, 1],
    centres: {
      coreRecords: [3, 3],
      agree: [[0, 1]],
      words: [
        ['mercedes', 'benz'],
        ['mercedes', 'benz', 'elk', 'grove'],
      ],
      places: { single: [], runs: [['elk', 'grove']], siblingsOverrideModel },
    },
  });
  assert.deepEqual(groupsOf(groupRecords(grouping(6, edges, world(true)))), [
    [0, 1, 2],
    [3, 4, 5],
  ]);
  // A site list's sites named by their neighbourhood are one organisation's: the model's agreement stands.
  assert.deepEqual(groupsOf(groupRecords(grouping(6, edges, world(false)))), [[0, 1, 2, 3, 4, 5]]);
});

/**
 * Groups made of a head `name` ×head (core 0) and `name mesa` ×tail (core 1), each joined exactly, then by one high
 * edge between them; `mesa` is a town.
 */
function headAndTown(name: string, head: number, tail: number): number {
  const n = head + tail;
  const edges: Edge[] = [];
  for (let i = 1; i < n; i++) if (i !== head) edges.push({ a: i < head ? 0 : head, b: i, score: 100, exact: true });
  edges.push({ a: 0, b: head, score: 95 });
  const world: World = {
    cores: Array.from({ length: n }, (_, i) => (i < head ? 0 : 1)),
    centres: {
      coreRecords: [head, tail],
      agree: [],
      words: [[name], [name, 'mesa']],
      places: { single: ['mesa'] },
    },
  };
  return groupsOf(groupRecords(grouping(n, edges, world))).length;
}

test('chain guard: a town after a head is its tail only at five times the records (`Target` / `Target Mesa`)', () => {
  assert.equal(headAndTown('target', 10, 2), 1, 'ten records: a head, its town a tail');
  assert.equal(headAndTown('target', 6, 2), 2, 'six records: two companies');
});

test('chain guard: a town after a name written once is its location beside a name written twice (`Torres Builders Galveston`)', () => {
  // CRM-INTAKE: a location qualifier may follow any company's name (`X, Watsonville`); town siblings are each repeated.
  assert.equal(headAndTown('torres builders', 2, 1), 1, 'a one-off after a name seen twice: its site');
  assert.equal(headAndTown('torres builders', 1, 1), 2, 'two one-offs: nothing says which is the company');
  assert.equal(headAndTown('torres builders', 3, 2), 2, 'a town written twice needs five times the records');
});

test('chain guard: a town name intake repeats is a site of a head only at twenty times its records (`Pho` / `Pho Mesa`)', () => {
  assert.equal(headAndTown('pho', 30, 3), 2, 'thirty records: `pho mesa` ×3 is a restaurant of its own');
  assert.equal(headAndTown('pho', 60, 3), 1, 'sixty records: a site of the head');
});
