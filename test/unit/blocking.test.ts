import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { configSchema } from '../../src/config/schema.js';
import { charKeyHashes, charKeyHashOf } from '../../src/core/blocking/char-key.js';
import {
  BLOCKING_KEY_KINDS,
  type BlockingKeyKind,
  type BlockingOptions,
  type Candidates,
  createBlockingIndex,
  generateCandidates,
} from '../../src/core/blocking.js';
import { buildKeyTokens, rewriteTokens, type TokenRewriteOptions } from '../../src/core/key-tokens.js';
import { blockingOptions } from '../../src/pipeline/block.js';

const SEED = 20_260_522;
const REWRITES: TokenRewriteOptions = {
  tokenRewrites: { stores: 'store', services: 'service', shop: 'store' },
  weakTokens: ['the', 'and', 'of', 'for', 'in', 'on', 'at', 'to', 'from', 'only'],
};
/** The config's options with the bridge blocks (issue 10) off: these tests are about the SPEC §5.2 keys. */
const BRIDGE_OPTS = { ...blockingOptions(configSchema.parse({}), 0), bridges: false };
/** Options under which no block is jumbo and no window cuts: the naive SPEC §5.2 pairs. */
const wideOpen = (maxTokenDf: number): BlockingOptions => ({
  ...BRIDGE_OPTS,
  maxTokenDf,
  maxBlock: 1000,
  windowSize: 1000,
  charKeyMinLength: 4,
});
const OPTS: BlockingOptions = { ...BRIDGE_OPTS, maxTokenDf: 50, maxBlock: 500, windowSize: 20, charKeyMinLength: 4 };

function run(cores: string[], opts: Partial<BlockingOptions> = {}, eligible?: Uint8Array) {
  const keys = buildKeyTokens(cores, REWRITES);
  const flags = eligible ?? new Uint8Array(cores.length).fill(1);
  return generateCandidates(keys, cores, flags, { ...OPTS, ...opts });
}

/** Pairs as `a|b` → recorded kind. */
function pairMap(c: Candidates): Map<string, BlockingKeyKind> {
  const m = new Map<string, BlockingKeyKind>();
  for (let i = 0; i < c.count; i++) {
    m.set(`${c.a[i]}|${c.b[i]}`, BLOCKING_KEY_KINDS[c.keyKind[i] as number] as BlockingKeyKind);
  }
  return m;
}

/** `count` filler cores that hold `token` and nothing else in common with anything. */
function filler(token: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${token} q${i.toString(36)}x${(i * 7919).toString(36)}`);
}

test('walmrt stores meets walmart stores through the char key (SPEC §5.2)', () => {
  // `store` is in more cores than maxTokenDf, so only the typo-tolerant key can pair the two names.
  const cores = ['walmart stores', 'walmrt stores', ...filler('store', 10)];
  const { candidates } = run(cores, { maxTokenDf: 5 });
  assert.equal(pairMap(candidates).get('0|1'), 'char_key');
});

for (const [label, x, y] of [
  ['delete', 'walmart stores', 'walmrt stores'],
  ['insert', 'walmart stores', 'wallmart stores'],
  ['substitute', 'walmart stores', 'walmurt stores'],
  ['transpose', 'walmart stores', 'walmrat stores'],
  ['delete first letter', 'walmart stores', 'almart stores'],
  ['substitute last letter', 'walmart stores', 'walmarx stores'],
  ['four-letter word, one deletion', 'acme stores', 'acm stores'],
] as const) {
  test(`char key survives a one-letter ${label} in the first word: ${x} / ${y}`, () => {
    const { candidates } = run([x, y, ...filler('store', 10)], { maxTokenDf: 5 });
    assert.equal(pairMap(candidates).get('0|1'), 'char_key', `${x} / ${y}`);
  });
}

test('char key needs the next word to agree: walmrt stores does not meet walmart tools', () => {
  const cores = ['walmart tools', 'walmrt stores', ...filler('store', 10), ...filler('tools', 10)];
  const { candidates } = run(cores, { maxTokenDf: 5 });
  assert.equal(pairMap(candidates).has('0|1'), false);
});

test('char key pairs single-word names: walmrt / walmart', () => {
  const { candidates } = run(['walmart', 'walmrt']);
  assert.equal(pairMap(candidates).get('0|1'), 'char_key');
});

test('char key: first words shorter than charKeyMinLength − 1 get no key (bay / by)', () => {
  const cores = ['bay restaurant', 'by restaurant', ...filler('restaurant', 10)];
  const { candidates } = run(cores, { maxTokenDf: 5 });
  assert.equal(pairMap(candidates).has('0|1'), false);
});

test('charKeyHashes: the token itself from minLength − 1 characters, its deletions from minLength', () => {
  const out = new Uint32Array(16);
  assert.equal(charKeyHashes('ab', 4, out), 0);
  assert.equal(charKeyHashes('abc', 4, out), 1);
  assert.equal(out[0], charKeyHashOf('abc'));
  assert.equal(charKeyHashes('abcd', 4, out), 5);
  assert.deepEqual(
    [...out.subarray(0, 5)],
    ['abcd', 'bcd', 'acd', 'abd', 'abc'].map((s) => charKeyHashOf(s)),
  );
});

test('pairs sharing a rare token meet, recorded as rare_token', () => {
  // zephyr (df 2) is one of the two rarest tokens of both cores; north and south are common first words.
  const cores = ['north zephyr', 'south zephyr', 'east gadget', ...filler('north', 4), ...filler('south', 4)];
  const { candidates } = run(cores, { maxTokenDf: 3 });
  const pairs = pairMap(candidates);
  assert.equal(pairs.get('0|1'), 'rare_token');
  assert.equal([...pairs.keys()].filter((p) => p.startsWith('2|') || p.endsWith('|2')).length, 0);
});

test('only the two rarest tokens block: a third, commoner shared token does not', () => {
  // alpha and beta (df 1) are the rarest of core 0; gamma (df 2) is its third, so 0 and 1 do not meet.
  const cores = ['alpha beta gamma', 'omega gamma', 'zulu gamma', 'yankee'];
  const { candidates } = run(cores, { maxTokenDf: 5 });
  const pairs = pairMap(candidates);
  assert.equal(pairs.has('0|1'), false);
  assert.equal(pairs.get('1|2'), 'rare_token');
});

test('a token above maxTokenDf makes no block', () => {
  const cores = ['apple common', 'banana common', 'cherry common', 'durian common'];
  assert.equal(run(cores, { maxTokenDf: 3 }).candidates.count, 0);
  // Control: under the cap the shared token pairs all four.
  assert.equal(run(cores, { maxTokenDf: 4 }).candidates.count, 6);
  assert.equal(run(cores, { maxTokenDf: 3 }).report.tokensOverMaxDf, 1);
});

test('weak tokens never block: and apple / and banana share only a weak token', () => {
  const cores = ['and apple', 'and banana', 'of cherry of', 'durian of'];
  const { candidates, report } = run(cores);
  assert.equal(candidates.count, 0);
  assert.equal(report.keysWithoutBlockingKey, 0);
});

test('a core of weak tokens only meets nothing and is reported', () => {
  const { candidates, report } = run(['the and', 'of the']);
  assert.equal(candidates.count, 0);
  assert.equal(report.keysWithoutBlockingKey, 2);
});

test('the first non-weak token blocks even above maxTokenDf', () => {
  const cores = ['acme x1', 'acme y2', 'acme z3'];
  const { candidates } = run(cores, { maxTokenDf: 1 });
  assert.deepEqual([...pairMap(candidates).values()], ['first_token', 'first_token', 'first_token']);
});

test('keys with one core and different suffix classes are a candidate (SPEC §5.1: Acme Inc / Acme LLC)', () => {
  const { candidates } = run(['acme', 'acme', 'acme tools']);
  assert.equal(pairMap(candidates).has('0|1'), true);
});

/** Naive sorted-neighbourhood pairs: keys within w − 1 positions in `order`. */
function windowPairs(order: number[], w: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < Math.min(order.length, i + w); j++) {
      const a = order[i] as number;
      const b = order[j] as number;
      out.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
  }
  return out;
}

test('a jumbo block falls back to windows: each key meets exactly its sorted neighbours', () => {
  // 40 keys share the first token `acme` (the only shared key: the other tokens are unique, `acme` is over the df
  // cap). The middle words make the forward and backward orders differ.
  const words = Array.from(
    { length: 40 },
    (_, i) => `m${(i % 7).toString()}x w${((i * 37) % 40).toString().padStart(2, '0')}v${i}`,
  );
  const cores = words.map((w) => `acme ${w}`);
  const maxBlock = 10;
  const windowSize = 3;
  const { candidates, report } = run(cores, { maxTokenDf: 1, maxBlock, windowSize });
  const ids = cores.map((_, i) => i);
  const byCore = [...ids].sort((x, y) => ((cores[x] as string) < (cores[y] as string) ? -1 : 1));
  // The secondary order reads each core backwards, character by character.
  const backward = (s: string) => [...s].reverse().join('');
  const byReversed = [...ids].sort((x, y) => (backward(cores[x] as string) < backward(cores[y] as string) ? -1 : 1));
  const expected = new Set([...windowPairs(byCore, windowSize), ...windowPairs(byReversed, windowSize)]);
  const got = pairMap(candidates);
  assert.deepEqual(new Set(got.keys()), expected);
  assert.ok([...got.values()].every((k) => k === 'window'));
  assert.equal(report.byKind.first_token.windowedBlocks, 1);
  assert.equal(report.byKind.first_token.largestBlock, 40);
  // Every key meets its immediate neighbours in core order.
  for (let i = 0; i + 1 < byCore.length; i++) {
    const a = Math.min(byCore[i] as number, byCore[i + 1] as number);
    const b = Math.max(byCore[i] as number, byCore[i + 1] as number);
    assert.ok(got.has(`${a}|${b}`), `${cores[a]} meets ${cores[b]}`);
  }
});

test('a block of exactly maxBlock keys pairs all its members', () => {
  const cores = Array.from({ length: 10 }, (_, i) => `acme k${i}z`);
  const { candidates, report } = run(cores, { maxTokenDf: 5, maxBlock: 10, windowSize: 2 });
  assert.equal(candidates.count, 45);
  assert.equal(report.byKind.first_token.windowedBlocks, 0);
});

test('a char block wider than the window pairs each key with its tail-order neighbours only', () => {
  // 30 `abbott plumbing …` keys and one `abott plumbing k15`; only the first-word typo links the two groups.
  const cores = [
    ...Array.from({ length: 30 }, (_, i) => `abbott plumbing k${i.toString().padStart(2, '0')}`),
    'abott plumbing k15',
  ];
  const { candidates, report } = run(cores, { maxTokenDf: 1, windowSize: 3 });
  const typo = cores.length - 1;
  const charPartners = [...pairMap(candidates)].filter(([, kind]) => kind === 'char_key').map(([p]) => p);
  assert.ok(charPartners.includes(`15|${typo}`), `abott plumbing k15 meets abbott plumbing k15: ${charPartners}`);
  assert.ok(charPartners.length <= 2 * 2, 'at most w − 1 neighbours on each side');
  assert.equal(report.byKind.char_key.windowedBlocks, 1);
});

test('empty input and all-ineligible input give no pairs', () => {
  assert.equal(run([]).candidates.count, 0);
  assert.equal(run(['acme', 'acme tools'], {}, Uint8Array.from([0, 0])).candidates.count, 0);
});

test('ineligible keys never appear in a pair', () => {
  const cores = ['acme tools', 'acme tools', 'acme paint', 'acmee tools', 'zeta acme'];
  const eligible = Uint8Array.from([1, 0, 1, 0, 1]);
  const { candidates, report } = run(cores, {}, eligible);
  for (let i = 0; i < candidates.count; i++) {
    assert.equal(eligible[candidates.a[i] as number], 1);
    assert.equal(eligible[candidates.b[i] as number], 1);
  }
  assert.ok(candidates.count > 0);
  assert.equal(report.eligibleKeys, 3);
});

test('report totals agree with the candidates', () => {
  const cores = ['walmart stores', 'walmrt stores', 'acme', 'acme tools', 'zeta acme', ...filler('store', 8)];
  const { candidates, report } = run(cores, { maxTokenDf: 3 });
  assert.equal(report.totalPairs, candidates.count);
  const byKind = Object.values(report.pairsByKeyKind).reduce((s, v) => s + v, 0);
  assert.equal(byKind, candidates.count);
  assert.equal(report.keyCount, cores.length);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'the report is plain JSON for the manifest');
});

test('options are checked: a window of 1 is refused with the offending value', () => {
  assert.throws(() => run(['a b'], { windowSize: 1 }), /windowSize=1/);
  assert.throws(() => run(['a b'], { maxBlock: 0, maxTokenDf: 0 }), /maxTokenDf=0.*maxBlock=0/);
});

test('the alias query finds the key that holds its rare tokens (SPEC §7.2)', () => {
  const cores = ['quick drain plumbing', 'acme', 'zeta tools', ...filler('plumbing', 5)];
  const keys = buildKeyTokens(cores, REWRITES);
  const index = createBlockingIndex(keys, cores, new Uint8Array(cores.length).fill(1), OPTS);
  assert.deepEqual([...index.query(rewriteTokens('quick drain', REWRITES), 'quick drain')], [0]);
  assert.deepEqual([...index.query(rewriteTokens('acme', REWRITES), 'acme')], [1]);
  assert.deepEqual([...index.query(rewriteTokens('nothing known', REWRITES), 'nothing known')], []);
  assert.deepEqual([...index.query([], '')], []);
});

test('the alias query tolerates a typo in the first word (walmrt stores → walmart stores)', () => {
  const cores = ['walmart stores', 'acme', ...filler('store', 10)];
  const keys = buildKeyTokens(cores, REWRITES);
  const index = createBlockingIndex(keys, cores, new Uint8Array(cores.length).fill(1), { ...OPTS, maxTokenDf: 5 });
  assert.deepEqual([...index.query(rewriteTokens('walmrt stores', REWRITES), 'walmrt stores')], [0]);
});

test('the alias query meets a jumbo block through its windows', () => {
  const cores = Array.from({ length: 60 }, (_, i) => `acme m${i.toString().padStart(2, '0')}`);
  const keys = buildKeyTokens(cores, REWRITES);
  const index = createBlockingIndex(keys, cores, new Uint8Array(cores.length).fill(1), {
    ...OPTS,
    maxTokenDf: 5,
    maxBlock: 10,
    windowSize: 3,
  });
  const found = [...index.query(['acme', 'm30x'], 'acme m30x')];
  assert.ok(found.includes(30) && found.includes(31), `neighbours of acme m30x: ${found.map((k) => cores[k])}`);
  assert.ok(found.length <= 8, 'a window, not the whole block');
});

test('the alias query never returns an ineligible key', () => {
  const cores = ['quick drain', 'quick drain'];
  const keys = buildKeyTokens(cores, REWRITES);
  const index = createBlockingIndex(keys, cores, Uint8Array.from([0, 1]), OPTS);
  assert.deepEqual([...index.query(['quick', 'drain'], 'quick drain')], [1]);
});

// ---------------------------------------------------------------------------------------------------------
// Naive model of SPEC §5.2 (obviously right, quadratic): the blocking keys of each key, computed from strings.

interface NaiveKeys {
  rare: string[];
  first: string | undefined;
  next: string | undefined;
  variants: Set<string>;
}

function naiveKeys(cores: string[], eligible: Uint8Array, opts: BlockingOptions): NaiveKeys[] {
  const weak = new Set(REWRITES.weakTokens);
  const docs = new Map<string, Set<string>>();
  cores.forEach((core, k) => {
    if (eligible[k] === 0) return;
    for (const t of rewriteTokens(core, REWRITES)) {
      const set = docs.get(t) ?? new Set<string>();
      set.add(core);
      docs.set(t, set);
    }
  });
  return cores.map((core) => {
    const content = rewriteTokens(core, REWRITES).filter((t) => !weak.has(t));
    const distinct = [...new Set(content)];
    const rare = distinct
      .map((t, position) => ({ t, df: docs.get(t)?.size ?? 0, position }))
      .filter((x) => x.df <= opts.maxTokenDf)
      .sort((x, y) => x.df - y.df || x.position - y.position)
      .slice(0, 2)
      .map((x) => x.t);
    const first = content[0];
    const variants = new Set<string>();
    if (first !== undefined && first.length >= opts.charKeyMinLength - 1) variants.add(first);
    if (first !== undefined && first.length >= opts.charKeyMinLength) {
      for (let i = 0; i < first.length; i++) variants.add(first.slice(0, i) + first.slice(i + 1));
    }
    return { rare, first, next: content[1], variants };
  });
}

const VOCABULARY = [
  'acme',
  'acne',
  'acm',
  'walmart',
  'walmrt',
  'wallmart',
  'stores',
  'store',
  'shop',
  'tools',
  'tool',
  'and',
  'of',
  'zeta',
  'zetta',
  'a',
  'bay',
  'by',
  'north',
  'plumbing',
];
const coreArb = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const inputArb = fc.record({
  cores: fc.array(coreArb, { minLength: 1, maxLength: 30 }),
  eligibleBits: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  maxTokenDf: fc.integer({ min: 1, max: 8 }),
});

test('cross-check: with no jumbo blocks the output is exactly the naive SPEC §5.2 pairs', () => {
  fc.assert(
    fc.property(inputArb, ({ cores, eligibleBits, maxTokenDf }) => {
      const eligible = Uint8Array.from(cores, (_, i) => (eligibleBits[i] === false ? 0 : 1));
      const opts = wideOpen(maxTokenDf);
      const naive = naiveKeys(cores, eligible, opts);
      const expected = new Set<string>();
      for (let a = 0; a < cores.length; a++) {
        for (let b = a + 1; b < cores.length; b++) {
          if (eligible[a] === 0 || eligible[b] === 0) continue;
          const x = naive[a] as NaiveKeys;
          const y = naive[b] as NaiveKeys;
          if (x.first === undefined || y.first === undefined) continue;
          const rare = x.rare.some((t) => y.rare.includes(t));
          const first = x.first === y.first;
          const char = !first && x.next === y.next && [...x.variants].some((v) => y.variants.has(v));
          if (rare || first || char) expected.add(`${a}|${b}`);
        }
      }
      const { candidates } = run(cores, opts, eligible);
      const got = new Set(pairMap(candidates).keys());
      assert.deepEqual(got, expected, `cores ${JSON.stringify(cores)} maxTokenDf ${maxTokenDf}`);
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test('cross-check: with small blocks every pair sharing a rare or first token in a non-jumbo block is found', () => {
  fc.assert(
    fc.property(inputArb, ({ cores, eligibleBits, maxTokenDf }) => {
      const eligible = Uint8Array.from(cores, (_, i) => (eligibleBits[i] === false ? 0 : 1));
      const opts: BlockingOptions = { ...BRIDGE_OPTS, maxTokenDf, maxBlock: 4, windowSize: 2, charKeyMinLength: 4 };
      const naive = naiveKeys(cores, eligible, opts);
      const rareSize = new Map<string, number>();
      const firstSize = new Map<string, number>();
      naive.forEach((k, i) => {
        if (eligible[i] === 0 || k.first === undefined) return;
        for (const t of k.rare) rareSize.set(t, (rareSize.get(t) ?? 0) + 1);
        firstSize.set(k.first, (firstSize.get(k.first) ?? 0) + 1);
      });
      const got = new Set(pairMap(run(cores, opts, eligible).candidates).keys());
      for (let a = 0; a < cores.length; a++) {
        for (let b = a + 1; b < cores.length; b++) {
          if (eligible[a] === 0 || eligible[b] === 0) continue;
          const x = naive[a] as NaiveKeys;
          const y = naive[b] as NaiveKeys;
          const sharedSmallRare = x.rare.some((t) => y.rare.includes(t) && (rareSize.get(t) ?? 0) <= opts.maxBlock);
          const sharedSmallFirst =
            x.first !== undefined && x.first === y.first && (firstSize.get(x.first) ?? 0) <= opts.maxBlock;
          if (sharedSmallRare || sharedSmallFirst) {
            assert.ok(got.has(`${a}|${b}`), `${cores[a]} / ${cores[b]} in ${JSON.stringify(cores)}`);
          }
        }
      }
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test("cross-check: the alias query of a key's own tokens finds every partner generation gives it", () => {
  fc.assert(
    fc.property(inputArb, ({ cores, eligibleBits, maxTokenDf }) => {
      const eligible = Uint8Array.from(cores, (_, i) => (eligibleBits[i] === false ? 0 : 1));
      const opts = wideOpen(maxTokenDf);
      const { candidates } = run(cores, opts, eligible);
      const index = createBlockingIndex(buildKeyTokens(cores, REWRITES), cores, eligible, opts);
      const partners = cores.map(() => new Set<number>());
      for (let i = 0; i < candidates.count; i++) {
        partners[candidates.a[i] as number]?.add(candidates.b[i] as number);
        partners[candidates.b[i] as number]?.add(candidates.a[i] as number);
      }
      cores.forEach((core, k) => {
        const found = new Set(index.query(rewriteTokens(core, REWRITES)));
        for (const p of found) assert.equal(eligible[p], 1, `query returned ineligible key ${p}`);
        for (const p of partners[k] ?? []) {
          assert.ok(found.has(p), `query(${core}) misses ${cores[p]} in ${JSON.stringify(cores)}`);
        }
      });
    }),
    { seed: SEED, numRuns: 200 },
  );
});

function assertWellFormed(c: Candidates, eligible: Uint8Array): void {
  for (let i = 0; i < c.count; i++) {
    const a = c.a[i] as number;
    const b = c.b[i] as number;
    assert.ok(a < b, `a < b at ${i}`);
    assert.ok(eligible[a] === 1 && eligible[b] === 1, `eligible pair at ${i}`);
    if (i > 0) {
      const pa = c.a[i - 1] as number;
      const pb = c.b[i - 1] as number;
      assert.ok(pa < a || (pa === a && pb < b), `sorted by (a, b) and no pair twice at ${i}`);
    }
  }
  assert.equal(c.a.length, c.count);
  assert.equal(c.keyKind.length, c.count);
}

test('property: pairs are unique, a < b, sorted, eligible; the same input gives the same pairs', () => {
  fc.assert(
    fc.property(inputArb, fc.integer({ min: 2, max: 6 }), ({ cores, eligibleBits, maxTokenDf }, maxBlock) => {
      const eligible = Uint8Array.from(cores, (_, i) => (eligibleBits[i] === false ? 0 : 1));
      const opts = { maxTokenDf, maxBlock, windowSize: 2 };
      const first = run(cores, opts, eligible).candidates;
      assertWellFormed(first, eligible);
      const again = run(cores, opts, eligible).candidates;
      assert.deepEqual(again, first);
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test('property: with distinct cores the pairs do not depend on key order', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(coreArb, { minLength: 2, maxLength: 25 }),
      fc.integer({ min: 2, max: 5 }),
      fc.integer(),
      (cores, maxBlock, shuffleSeed) => {
        // A seeded permutation of the keys.
        const perm = cores.map((_, i) => i);
        let s = shuffleSeed >>> 0;
        for (let i = perm.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
          const j = s % (i + 1);
          [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
        }
        const shuffled = perm.map((i) => cores[i] as string);
        const opts = { maxTokenDf: 3, maxBlock, windowSize: 2 };
        const asText = (list: string[], c: Candidates) =>
          new Set(
            Array.from({ length: c.count }, (_, i) =>
              [list[c.a[i] as number], list[c.b[i] as number]].sort().join(' | '),
            ),
          );
        assert.deepEqual(asText(shuffled, run(shuffled, opts).candidates), asText(cores, run(cores, opts).candidates));
      },
    ),
    { seed: SEED, numRuns: 200 },
  );
});
