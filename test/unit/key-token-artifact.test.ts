import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { buildBlockIndex } from '../../src/core/blocking/block-index.js';
import { buildKeyStore } from '../../src/core/key-store.js';
import { buildKeyTokens, type KeyTokens } from '../../src/core/key-tokens.js';
import type { MatchTable } from '../../src/core/match/match-table.js';
import { computeTokenStats } from '../../src/core/token-stats.js';
import {
  blockIndexOf,
  blockingOptions,
  blockKeys,
  distinctCoreCount,
  type KeysBundle,
  keyTokensOf,
  rememberBlockIndex,
  rememberKeyStore,
  takeKeyStore,
  tokenStatsOf,
} from '../../src/pipeline/block.js';
import { rewriteOptions } from '../../src/pipeline/key-rewrites.js';
import { matchTableOf, rememberMatchTable, takeMatchTable } from '../../src/pipeline/match-table-of.js';

// Issue 14: the block stage makes the keys' tokens and their statistics once; score, group and alias read them from
// keys.bin. What they read must be what each of them used to build for itself.
test('keys.bin tokens and df are what buildKeyTokens and computeTokenStats make of the keys', async () => {
  const config = parseConfig({}, 'test');
  // Sorted by (core, suffix), as the block stage makes keys; `acme` twice (two suffix classes) is one core.
  const keyCore = ['acme', 'acme', 'acme constr', 'acme construction', 'beta stores', 'n hollywood cafe', 'zeta const'];
  const keySuffix = ['INC', 'LLC', 'NONE', 'NONE', 'NONE', 'NONE', 'NONE'];
  const keyCoreId = Int32Array.from([0, 0, 1, 2, 3, 4, 5]);
  const keyOf = Int32Array.from(keyCore.keys());
  const blocked = await blockKeys(keyOf, keyCore, keySuffix, keyCoreId, 6, config);
  const keys = { keyCore, keySuffix, keyCoreId, ...blocked.learned, ...blocked.tokenColumns } as KeysBundle;
  const tokens = keyTokensOf(keys);
  assert.deepEqual(tokens, buildKeyTokens(keyCore, rewriteOptions(config, keys)));
  const eligible = new Uint8Array(keyCore.length).fill(1);
  assert.deepEqual(tokenStatsOf(keys), computeTokenStats(tokens, keyCore, eligible));
});

// Issue 14: the alias stage looks aliases up through the index candidate generation built, not a second one.
test('the block index blocking built is the one the alias stage would build, and only its bundle and options get it', async () => {
  const config = parseConfig({}, 'test');
  const keyCore = ['acme', 'acme construction', 'beta stores', 'beta store supply', 'n hollywood cafe', 'zeta const'];
  const keySuffix = ['NONE', 'NONE', 'NONE', 'NONE', 'NONE', 'NONE'];
  const keyCoreId = Int32Array.from(keyCore.keys());
  const keyOf = Int32Array.from(keyCore.keys());
  const blocked = await blockKeys(keyOf, keyCore, keySuffix, keyCoreId, keyCore.length, config);
  const keys = { keyCore, keySuffix, keyCoreId, ...blocked.learned, ...blocked.tokenColumns } as KeysBundle;
  const options = blockingOptions(config, distinctCoreCount(keys));
  const eligible = new Uint8Array(keyCore.length).fill(1);
  assert.deepEqual(
    blocked.index.built,
    buildBlockIndex(keyTokensOf(keys), keyCore, eligible, options, tokenStatsOf(keys)),
  );

  assert.equal(blockIndexOf(keys, options), undefined, 'nothing before the block stage remembers it');
  rememberBlockIndex(keys, blocked.index.options, blocked.index.built);
  assert.equal(blockIndexOf(keys, options), blocked.index.built);
  assert.equal(blockIndexOf(keys, { ...options, windowSize: options.windowSize + 1 }), undefined, 'other options');
  assert.equal(blockIndexOf({ ...keys }, options), undefined, 'keys.bin read back from the cache');
});

// Issue 14: the block stage builds the score stage's key store while it waits for its bridge blocks.
test('the key store the block stage builds is the one the score stage builds, handed over once to its own bundle', async () => {
  const config = parseConfig({}, 'test');
  const keyCore = ['acme', 'acme', 'acme construction 2', 'beta stores', 'n hollywood cafe'];
  const keySuffix = ['INC', 'LLC', 'NONE', 'NONE', 'NONE'];
  const keyCoreId = Int32Array.from([0, 0, 1, 2, 3]);
  const keyOf = Int32Array.from(keyCore.keys());
  const blocked = await blockKeys(keyOf, keyCore, keySuffix, keyCoreId, 4, config);
  const keys = { keyCore, keySuffix, keyCoreId, ...blocked.learned, ...blocked.tokenColumns } as KeysBundle;
  assert.deepEqual(blocked.keyStore, buildKeyStore(keyTokensOf(keys), keySuffix, keyCore));

  assert.equal(takeKeyStore(keys), undefined, 'nothing before the block stage remembers it');
  rememberKeyStore(keys, blocked.keyStore);
  assert.equal(takeKeyStore({ ...keys }), undefined, 'keys.bin read back from the cache');
  assert.equal(takeKeyStore(keys), blocked.keyStore);
  assert.equal(takeKeyStore(keys), undefined, 'handed over once');
});

// Issue 14: the block stage builds the score stage's match table while it waits for its bridge blocks.
test('the match table the block stage builds ahead is the one the score stage builds of keys.bin, handed over once', async () => {
  const config = parseConfig(
    {
      normalise: { learned_abbreviations: { min_contexts: 3, min_context_rate: 0 } },
      matching: { aliases: [['acme construction', 'acme builders']] },
    },
    'test',
  );
  // `const` beside `construction` in the same place of three names is an abbreviation this file teaches.
  const keyCore = [
    'acme',
    'acme',
    'burke const',
    'burke construction',
    'jones const',
    'jones construction',
    'lee const',
    'lee construction',
  ];
  const keySuffix = ['INC', 'LLC', 'NONE', 'NONE', 'NONE', 'NONE', 'NONE', 'NONE'];
  const keyCoreId = Int32Array.from([0, 0, 1, 2, 3, 4, 5, 6]);
  const keyOf = Int32Array.from([0, 1, 2, 3, 3, 4, 5, 6, 7, -1]);
  const sites = { keySiteOffsets: new Int32Array(0), keySiteIds: new Int32Array(0) };
  const clauseLinks: [string, string][] = [['burke const', 'lee construction']];
  let table: MatchTable | null = null;
  const tableKeys = { keyOf, keySuffix, keyCoreId, ...sites, clauseAliasLinks: { json: clauseLinks } };
  let ahead: { tokens: KeyTokens; table: MatchTable } | null = null;
  const blocked = await blockKeys(
    keyOf,
    keyCore,
    keySuffix,
    keyCoreId,
    7,
    config,
    {},
    1,
    clauseLinks,
    (tokens, learned) => {
      table = matchTableOf({ ...tableKeys, ...learned }, tokens, config);
      assert.ok(table !== null);
      ahead = { tokens, table };
    },
  );
  assert.ok(ahead !== null);
  const built: { tokens: KeyTokens; table: MatchTable } = ahead;
  assert.deepEqual(blocked.learned, { abbreviationShort: ['const'], abbreviationLong: ['construction'] });
  const keys = {
    keyOf,
    keyCore,
    keySuffix,
    keyCoreId,
    ...blocked.learned,
    ...sites,
    ...blocked.tokenColumns,
    clauseAliasLinks: { json: clauseLinks },
  } as KeysBundle;
  assert.deepEqual(built.tokens, keyTokensOf(keys));
  assert.deepEqual(built.table, matchTableOf(keys, keyTokensOf(keys), config));

  assert.equal(takeMatchTable(keys), undefined, 'nothing before the block stage remembers it');
  rememberMatchTable(keys, built.table);
  assert.equal(takeMatchTable({ ...keys }), undefined, 'keys.bin read back from the cache');
  assert.equal(takeMatchTable(keys), built.table);
  assert.equal(takeMatchTable(keys), undefined, 'handed over once');
});
