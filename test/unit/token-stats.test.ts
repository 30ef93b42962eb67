import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildKeyTokens, extendKeyTokens, type KeyTokens } from '../../src/core/key-tokens.js';
import {
  computeTokenStats,
  countSharedDistinctiveTokens,
  dfCapFromShare,
  distinctiveTokenMask,
} from '../../src/core/token-stats.js';

const REWRITES = { tokenRewrites: { stores: 'store', shop: 'store' }, weakTokens: ['the', 'and', 'of'] };

function keysOf(cores: string[]): KeyTokens {
  return buildKeyTokens(cores, REWRITES);
}

function dfOf(keys: KeyTokens, df: Int32Array, token: string): number {
  const id = keys.tokens.indexOf(token);
  assert.ok(id >= 0, `token ${token} is in the dictionary`);
  return df[id] as number;
}

test('df counts distinct cores: two keys with one core (Acme Inc / Acme LLC) are one document', () => {
  const cores = ['acme', 'acme', 'acme tools'];
  const keys = keysOf(cores);
  const stats = computeTokenStats(keys, cores);
  assert.equal(dfOf(keys, stats.df, 'acme'), 2);
  assert.equal(dfOf(keys, stats.df, 'tools'), 1);
  assert.equal(stats.distinctCores, 2);
  assert.deepEqual([...stats.coreId], [0, 0, 1]);
});

test('df counts a token repeated inside one core once (walla walla)', () => {
  const cores = ['walla walla', 'walla bakery'];
  const keys = keysOf(cores);
  assert.equal(dfOf(keys, computeTokenStats(keys, cores).df, 'walla'), 2);
});

test('df counts rewritten tokens: acme stores and acme shop both hold store', () => {
  const cores = ['acme stores', 'acme shop', 'zeta store'];
  const keys = keysOf(cores);
  assert.equal(dfOf(keys, computeTokenStats(keys, cores).df, 'store'), 3);
});

test('df leaves ineligible keys out (junk takes no part, SPEC §4)', () => {
  const cores = ['acme', 'acme tools', 'unknown acme'];
  const keys = keysOf(cores);
  const stats = computeTokenStats(keys, cores, Uint8Array.from([1, 1, 0]));
  assert.equal(dfOf(keys, stats.df, 'acme'), 2);
  assert.equal(dfOf(keys, stats.df, 'unknown'), 0);
  assert.equal(stats.distinctCores, 2);
  assert.equal(stats.coreId[2], -1);
});

test('df with interleaved keys of one core still counts the core once', () => {
  const cores = ['acme', 'beta', 'acme', 'acme beta'];
  const keys = keysOf(cores);
  const stats = computeTokenStats(keys, cores);
  assert.equal(dfOf(keys, stats.df, 'acme'), 2);
  assert.equal(dfOf(keys, stats.df, 'beta'), 2);
  assert.equal(stats.distinctCores, 3);
});

test('computeTokenStats rejects a cores list of the wrong length', () => {
  const keys = keysOf(['acme']);
  assert.throws(() => computeTokenStats(keys, ['acme', 'beta']), /one core per key/);
});

for (const [cores, share, atLeast, expected] of [
  [10_000, 0.01, 50, 100],
  [1_000, 0.01, 50, 50],
  [490_195, 0.01, 50, 4901],
  [1_000, 0.05, 1, 50],
  [0, 0.05, 1, 1],
] as const) {
  test(`dfCapFromShare(${cores}, ${share}, ${atLeast}) → ${expected}`, () => {
    assert.equal(dfCapFromShare(cores, share, atLeast), expected);
  });
}

test('distinctive tokens: not weak, not a legal form, 1 ≤ df ≤ cap (SPEC §6)', () => {
  const cores = ['acme of texas co', 'acme tools', 'zeta of ohio co', 'common a', 'common b', 'common c'];
  const keys = keysOf(cores);
  const stats = computeTokenStats(keys, cores);
  const mask = distinctiveTokenMask(keys, stats, { legalFormTokens: ['co', 'inc'], maxSharedTokenDf: 2 });
  const flag = (t: string) => mask[keys.tokens.indexOf(t)];
  assert.equal(flag('acme'), 1, 'df 2 ≤ cap');
  assert.equal(flag('texas'), 1);
  assert.equal(flag('of'), 0, 'weak');
  assert.equal(flag('co'), 0, 'legal form');
  assert.equal(flag('common'), 0, 'df 3 > cap');
});

test('a token held only by ineligible keys is never distinctive', () => {
  const cores = ['acme', 'junkword'];
  const keys = keysOf(cores);
  const stats = computeTokenStats(keys, cores, Uint8Array.from([1, 0]));
  const mask = distinctiveTokenMask(keys, stats, { legalFormTokens: [], maxSharedTokenDf: 10 });
  assert.equal(mask[keys.tokens.indexOf('junkword')], 0);
  assert.equal(mask[keys.tokens.indexOf('acme')], 1);
});

test('shared distinctive tokens: acme tools / acme tools and dies → 2, symmetric', () => {
  const cores = ['acme tools', 'acme tools and dies', 'zeta'];
  const keys = keysOf(cores);
  const mask = distinctiveTokenMask(keys, computeTokenStats(keys, cores), { legalFormTokens: [], maxSharedTokenDf: 5 });
  assert.equal(countSharedDistinctiveTokens(keys, 0, 1, mask), 2);
  assert.equal(countSharedDistinctiveTokens(keys, 1, 0, mask), 2);
  assert.equal(countSharedDistinctiveTokens(keys, 0, 2, mask), 0);
});

test('shared distinctive tokens ignore weak and too-common tokens and count a repeated token once', () => {
  const cores = ['walla walla of bread', 'walla walla of cake', 'bread x', 'bread y', 'bread z'];
  const keys = keysOf(cores);
  const stats = computeTokenStats(keys, cores);
  const mask = distinctiveTokenMask(keys, stats, { legalFormTokens: [], maxSharedTokenDf: 3 });
  // walla (df 2) is shared once although each core holds it twice; of is weak; bread (df 4) is too common.
  assert.equal(countSharedDistinctiveTokens(keys, 0, 1, mask), 1);
  assert.equal(countSharedDistinctiveTokens(keys, 0, 2, mask), 0);
});

test('extendKeyTokens gives what buildKeyTokens of all the cores gives, base ids unchanged (issue 14: alias queries)', () => {
  const opts = { tokenRewrites: { stores: 'store', '^n': 'north', intl: 'international' }, weakTokens: ['the', 'of'] };
  const cores = ['the home depot', 'n hollywood cafe', 'acme stores', 'twenty four hour fitness', ''];
  const queries = ['acme intl', 'the new thing', '', 'home depot stores'];
  const base = buildKeyTokens(cores, opts);
  const extended = extendKeyTokens(base, queries, opts);
  const whole = buildKeyTokens([...cores, ...queries], opts);
  assert.deepEqual(extended, whole);
  assert.deepEqual(extended.tokens.slice(0, base.tokens.length), base.tokens);
  // The base is left as it was.
  assert.deepEqual(base, buildKeyTokens(cores, opts));
});
