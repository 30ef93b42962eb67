import type { Config } from '../config/schema.js';
import type { BlockIndex, BlockIndexOptions } from '../core/blocking/block-index.js';
import {
  BLOCKING_KEY_KINDS,
  type BlockingOptions,
  type BlockingReport,
  blockingReport,
  type CandidateSources,
  type CollectedCandidates,
  type ExactJoins,
} from '../core/blocking.js';
import type { CanonicalRecords } from '../core/canonical-records.js';
import { clauseAliasLinks } from '../core/clause-aliases.js';
import { dictionaryCodes } from '../core/dictionary-codes.js';
import { distinctKeys } from '../core/distinct-keys.js';
import { joinsExactly } from '../core/exact-join.js';
import { buildKeyStore, type KeyStore } from '../core/key-store.js';
import { abbreviationsOf, buildKeyTokens, type KeyTokens, rebuildKeyTokens } from '../core/key-tokens.js';
import { learnAbbreviations } from '../core/learned-abbreviations.js';
import type { MatchTable } from '../core/match/match-table.js';
import { participates } from '../core/participation.js';
import { suffixCompatibility } from '../core/score.js';
import { keySitesOf, readsAsSiteList, siteAgreement, sitePairs } from '../core/site.js';
import { computeTokenStats, dfCapFromShare, type TokenStats } from '../core/token-stats.js';
import {
  bridgesInParallel,
  type CandidateWorker,
  candidateSourcesInParallel,
  collectCandidatesInParallel,
  startBridgeWorker,
  startCandidateWorkers,
} from '../workers/candidate-pool.js';
import { HandOver } from './hand-over.js';
import type { RunInput } from './ingest.js';
import {
  aliasTokenGroups,
  type LearnedRewrites,
  NOTHING_LEARNED,
  normaliserOf,
  rewriteOptions,
} from './key-rewrites.js';
import { matchTableOf, rememberMatchTable } from './match-table-of.js';
import type { NamesBundle } from './normalise.js';
import type { Stage } from './runner.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

/** Distinct matching keys (SPEC §5.1) and their candidate pairs (SPEC §5.2). */
export type KeysBundle = {
  /** Record → key id, −1 for records that take no part (junk, unusable, multi: `participates`). */
  keyOf: Int32Array;
  keyCore: string[];
  keySuffix: string[];
  /** Key → distinct core id (keys are sorted by core, then suffix). */
  keyCoreId: Int32Array;
  /** Abbreviations learned from this file's names (`learnAbbreviations`): `abbreviationShort[i]` reads as `abbreviationLong[i]`. */
  abbreviationShort: string[];
  abbreviationLong: string[];
  /** Whether the file reads as a site list, and the evidence (src/core/site.ts). */
  siteList: { json: SiteListFacts };
  /** In a site list, each key's sites (`keySitesOf`); empty otherwise. */
  keySiteOffsets: Int32Array;
  keySiteIds: Int32Array;
  /**
   * The keys' tokens after the matching rewrites, learned ones included (KeyTokens), and each token's document
   * frequency over the distinct cores: made once here, read by score, group and alias (issue 14).
   */
  tokenText: string[];
  tokenWeak: Uint8Array;
  keyTokenOffsets: Int32Array;
  keyTokenIds: Int32Array;
  tokenDf: Int32Array;
  /** Names the file itself declares one employer (`Acme Holdings LLC dba QuickFix`), as core pairs: aliases of this run. */
  clauseAliasLinks: { json: [string, string][] };
};

export interface SiteListFacts {
  read_as_site_list: boolean;
  mode: 'auto' | 'on' | 'off';
  names_with_house_numbers: number;
  exact_name_pairs_at_one_house_number: number;
}

/** Distinct cores of the keys: key ids follow core order, so the last key's core id + 1. */
export function distinctCoreCount(keys: Pick<KeysBundle, 'keyCoreId'>): number {
  const n = keys.keyCoreId.length;
  return n === 0 ? 0 : (keys.keyCoreId[n - 1] as number) + 1;
}

/** Candidate key pairs (SPEC §5.2), a separate artifact so memory for them ends with the score stage. */
export type CandidatesBundle = {
  candA: Int32Array;
  candB: Int32Array;
  /** Index into BLOCKING_KEY_KINDS of the key that found the pair. */
  candKind: Uint8Array;
};

/** The keys' tokens as the block stage made them. */
export function keyTokensOf(keys: KeysBundle): KeyTokens {
  return {
    keyCount: keys.keyCore.length,
    tokens: keys.tokenText,
    isWeak: keys.tokenWeak,
    offsets: keys.keyTokenOffsets,
    ids: keys.keyTokenIds,
  };
}

/**
 * The block index a keys bundle was blocked with, while this process holds the bundle: the alias stage looks
 * aliases up through the same index (SPEC §7.2) instead of building it again (issue 14: 0.6–1.0 s at 1M records).
 * Keyed by the bundle object, so a keys.bin read back from the cache (a resumed run) gets an index of its own.
 */
const blockIndexOfKeys = new WeakMap<KeysBundle, { options: BlockIndexOptions; index: BlockIndex }>();

/** The index `keys` was blocked with under `options` (every key eligible), if this process built it. */
export function blockIndexOf(keys: KeysBundle, options: BlockIndexOptions): BlockIndex | undefined {
  const held = blockIndexOfKeys.get(keys);
  if (held === undefined) return undefined;
  const same =
    held.options.maxTokenDf === options.maxTokenDf &&
    held.options.maxBlock === options.maxBlock &&
    held.options.windowSize === options.windowSize &&
    held.options.charKeyMinLength === options.charKeyMinLength;
  return same ? held.index : undefined;
}

/** Remember the index `keys` was blocked with (every key eligible), for {@link blockIndexOf}. */
export function rememberBlockIndex(keys: KeysBundle, options: BlockIndexOptions, index: BlockIndex): void {
  blockIndexOfKeys.set(keys, { options: { ...options }, index });
}

/**
 * The score stage's key store of a keys bundle (`buildKeyStore(keyTokensOf(keys), keys.keySuffix, keys.keyCore)`),
 * built by the block stage while it waits for the bridge blocks, so the score workers need not wait for it
 * (issue 14). Handed over once: the score stage lets it go when it ends.
 */
const keyStoreOfKeys = new HandOver<KeysBundle, KeyStore>();

/** Remember the key store built for `keys`, for {@link takeKeyStore}. */
export function rememberKeyStore(keys: KeysBundle, store: KeyStore): void {
  keyStoreOfKeys.remember(keys, store);
}

/** The key store the block stage built for `keys` in this process, once; undefined after that or on a resumed run. */
export function takeKeyStore(keys: KeysBundle): KeyStore | undefined {
  return keyStoreOfKeys.take(keys);
}

/** Token statistics over every key, as the block stage counted them (computeTokenStats, all keys eligible). */
export function tokenStatsOf(keys: KeysBundle): TokenStats {
  // Keys are sorted by core, so a core's first-seen number is its core id.
  return { df: keys.tokenDf, distinctCores: distinctCoreCount(keys), coreId: keys.keyCoreId };
}

/** The parts of keys.bin that blockKeys makes: the keys' tokens and their document frequencies. */
type KeyTokenColumns = Pick<KeysBundle, 'tokenText' | 'tokenWeak' | 'keyTokenOffsets' | 'keyTokenIds' | 'tokenDf'>;

/** Key tokens with the abbreviations this file teaches (issue 10 class 3), and what was learned. */
function learnedKeyTokens(keyCore: readonly string[], config: Config): { tokens: KeyTokens; learned: LearnedRewrites } {
  const baseOptions = rewriteOptions(config);
  const base = buildKeyTokens(keyCore, baseOptions);
  const settings = config.normalise.learned_abbreviations;
  if (!settings.enabled) return { tokens: base, learned: NOTHING_LEARNED };
  const found = learnAbbreviations(base, {
    minLength: settings.min_length,
    minContexts: settings.min_contexts,
    minContextRate: settings.min_context_rate,
    minShare: settings.min_share,
  });
  if (found.size === 0) return { tokens: base, learned: NOTHING_LEARNED };
  const learned = { abbreviationShort: [...found.keys()], abbreviationLong: [...found.values()] };
  return { tokens: rebuildKeyTokens(base, keyCore, baseOptions, rewriteOptions(config, learned)), learned };
}

export function blockingOptions(config: Config, distinctCores: number): BlockingOptions {
  return {
    maxTokenDf: dfCapFromShare(distinctCores, config.blocking.max_token_df, config.blocking.max_token_df_min),
    maxBlock: config.blocking.max_block,
    windowSize: config.blocking.window,
    charKeyMinLength: config.blocking.char_key_min_length,
    allTokenMaxDf: config.blocking.all_token_max_df,
    typoMaxDf: config.blocking.typo_max_df,
    typoMinLength: config.blocking.typo_min_length,
    typoTwoDeletionMinLength: config.blocking.typo_two_deletion_min_length,
    typoMaxGroup: config.blocking.typo_max_group,
    hubShare: config.blocking.hub_share,
    hubMinRecords: config.blocking.hub_min_records,
    entityShare: config.blocking.entity_share,
    entityMaxBlock: config.blocking.entity_max_block,
  };
}

/** Clause markers whose name is the same employer (`formerly` alone may name a former employer). */
const IDENTITY_CLAUSES: ReadonlySet<string> = new Set(['dba', 'aka', 'fka']);

/**
 * The trade names the file declares (`Acme Holdings LLC dba QuickFix`) that become aliases of this run
 * (src/core/clause-aliases.ts), from the records that take part; and how many were refused as crowds.
 */
export function clauseAliasesOf(
  names: Pick<NamesBundle, 'nameCore' | 'aliases'>,
  nameClass: Uint8Array,
  keyOf: Int32Array,
  keyCore: readonly string[],
  config: Config,
): { links: [string, string][]; refused: number } {
  // Every setting read up front: each is part of the stage's cache key whether or not this file has a clause.
  const { enabled, max_records: maxRecords, max_names_with_word: maxNamesWithWord } = config.matching.clause_aliases;
  if (!enabled) return { links: [], refused: 0 };
  const clauses: [string, string][] = [];
  for (const [row, , source, core] of names.aliases.json) {
    if (!IDENTITY_CLAUSES.has(source) || !participates(nameClass, row)) continue;
    clauses.push([names.nameCore[row] as string, core]);
  }
  if (clauses.length === 0) return { links: [], refused: 0 };
  const normalise = normaliserOf(config);
  const recordsOfCore = new Map<string, number>();
  for (const k of keyOf)
    if (k >= 0) recordsOfCore.set(keyCore[k] as string, (recordsOfCore.get(keyCore[k] as string) ?? 0) + 1);
  const namesWithWord = new Map<string, number>();
  for (const core of recordsOfCore.keys())
    for (const word of new Set(core.split(' '))) namesWithWord.set(word, (namesWithWord.get(word) ?? 0) + 1);
  const wellKnown = new Set(config.matching.aliases.flat().map((name) => normalise(name).name_core));
  return clauseAliasLinks(
    clauses,
    {
      recordsOf: (core) => recordsOfCore.get(core) ?? 0,
      namesWithWord: (word) => namesWithWord.get(word) ?? 0,
      wellKnown,
    },
    { maxRecords, maxNamesWithWord },
  );
}

/**
 * Candidate key pairs of the sorted distinct keys (SPEC §5.2), without the pairs that join exactly (same core,
 * compatible suffixes, SPEC §5.1): those are never scored. Also what `bench/blocking-recall.ts` measures (with
 * `overrides`, e.g. `{ bridges: false }` for the SPEC §5.2 keys alone).
 */
export async function blockKeys(
  keyOf: Int32Array,
  keyCore: readonly string[],
  keySuffix: readonly string[],
  keyCoreId: Int32Array,
  distinctCores: number,
  config: Config,
  overrides: Partial<BlockingOptions> = {},
  workers = 1,
  clauseLinks: readonly [string, string][] = [],
  /** Work for later stages, run once the tokens are made, while the bridge blocks are built on their thread. */
  ahead?: (tokens: KeyTokens, learned: LearnedRewrites) => void,
): Promise<{
  candidates: CandidatesBundle;
  report: BlockingReport;
  skipped: number;
  learned: LearnedRewrites;
  tokenColumns: KeyTokenColumns;
  /** The block index, built over every key with `options`. */
  index: { options: BlockingOptions; built: BlockIndex };
  /**
   * The keys' store for scoring (buildKeyStore of the tokens, suffixes and cores), built while the bridge blocks are:
   * the block stage hands it to the score stage ({@link takeKeyStore}).
   */
  keyStore: KeyStore;
}> {
  const options = { ...blockingOptions(config, distinctCores), ...overrides };
  // The bridge blocks are built on a worker thread while this one builds the block index, then the score stage's
  // key store and the table of exact joins (issue 14). The thread starts now, while the tokens are made.
  const bridgeWorker = bridgesInParallel(keyCore.length, options, workers) ? startBridgeWorker() : undefined;
  const eligible = new Uint8Array(keyCore.length).fill(1);
  let tokens: KeyTokens;
  let learned: LearnedRewrites;
  let stats: TokenStats;
  let keyStore: KeyStore | null = null;
  let exact: ExactJoins | null = null;
  // The candidate loop's worker threads start, and are given the index, while the bridges are still being built.
  let started: CandidateWorker[] = [];
  let collected: CollectedCandidates;
  let sources: CandidateSources;
  try {
    ({ tokens, learned } = learnedKeyTokens(keyCore, config));
    stats = computeTokenStats(tokens, keyCore, eligible);
    const weights = new Int32Array(keyCore.length);
    for (const k of keyOf) if (k >= 0) weights[k] = (weights[k] as number) + 1;
    sources = await candidateSourcesInParallel(
      tokens,
      keyCore,
      eligible,
      options,
      stats,
      {
        weights,
        aliases:
          overrides.bridges === false
            ? []
            : aliasTokenGroups(config, { ...learned, clauseAliasLinks: { json: [...clauseLinks] } }),
        abbreviations: abbreviationsOf(rewriteOptions(config, learned).tokenRewrites),
      },
      workers,
      {
        bridgeWorker,
        meanwhile: (index) => {
          started = startCandidateWorkers(workers, index.keyCount);
          for (const worker of started) worker.prepare(index);
          keyStore = buildKeyStore(tokens, keySuffix, keyCore);
          exact = exactJoinsOf(keyCoreId, keySuffix, config.suffix.equivalence);
          ahead?.(tokens, learned);
        },
      },
    );
    // The per-key loop on every core (issue 14): ranges of keys apart, joined in key order. Same core with
    // compatible suffixes is an exact join (SPEC §5.1): never scored, so left out as pairs are collected.
    collected = await collectCandidatesInParallel(
      sources,
      workers,
      undefined,
      exact ?? exactJoinsOf(keyCoreId, keySuffix, config.suffix.equivalence),
      started,
    );
  } finally {
    for (const worker of started) worker.stop();
    // Ended once its bridges came back; a failure before then must not leave its thread holding the process open.
    if (bridgeWorker !== undefined) void bridgeWorker.terminate();
  }
  const report = blockingReport(tokens, eligible, options, sources, collected.pairsByMask);
  const candidates = collected.candidates;
  return {
    candidates: { candA: candidates.a, candB: candidates.b, candKind: candidates.keyKind },
    report,
    skipped: collected.exactSkipped,
    learned,
    index: { options, built: sources.index },
    keyStore: keyStore ?? buildKeyStore(tokens, keySuffix, keyCore),
    tokenColumns: {
      tokenText: tokens.tokens,
      tokenWeak: tokens.isWeak,
      keyTokenOffsets: tokens.offsets,
      keyTokenIds: tokens.ids,
      tokenDf: stats.df,
    },
  };
}

/** Keys a and b join exactly (SPEC §5.1): never a candidate pair. Different cores never do, so only pairs within
 * one core have their suffixes read. */
function keysJoinExactly(
  a: number,
  b: number,
  keyCoreId: Int32Array,
  keySuffix: readonly string[],
  equivalence: Config['suffix']['equivalence'],
): boolean {
  const core = keyCoreId[a] as number;
  return core === keyCoreId[b] && joinsExactly(core, keySuffix[a] as string, core, keySuffix[b] as string, equivalence);
}

/**
 * Which key pairs join exactly (SPEC §5.1), as {@link keysJoinExactly} reads them, for the candidate loop. Different
 * cores never do, so only the suffix classes' compatibility is tabled, once per pair of classes.
 */
function exactJoinsOf(
  keyCoreId: Int32Array,
  keySuffix: readonly string[],
  equivalence: Config['suffix']['equivalence'],
): ExactJoins {
  const codes = dictionaryCodes(keySuffix);
  return {
    coreId: keyCoreId,
    suffixCode: codes.codes,
    compatible: suffixCompatibility(codes.labels, equivalence),
    suffixCount: codes.labels.length,
  };
}

/** SPEC §1 stage `block`: distinct keys, then candidate key pairs. */
export const blockStage: Stage<RunInput> = {
  name: 'block',
  module: import.meta.url,
  inputs: ['names.bin', 'classes.bin', 'canonical.bin'],
  outputs: ['keys.bin', 'candidates.bin'],
  // All of `normalise`: alias spellings are normalised like names.
  configKeys: [
    'blocking',
    'matching.aliases',
    'matching.clause_aliases',
    'normalise',
    'suffix.equivalence',
    'grouping.site',
  ],
  // Earlier stages' bundle encodings run where this thread would wait on the bridge worker (`ahead` below); a run
  // too small for that worker encodes them at the same point, on its way.
  startsIdleWork: true,
  async run(ctx) {
    const names = await loadArtifact(ctx, 'names.bin');
    const classes = await loadArtifact(ctx, 'classes.bin');
    // Key ids follow sorted (core, suffix) order, so they do not depend on input row order.
    const { keyOf, keyCore, keySuffix, keyCoreId, distinctCores } = distinctKeys(
      names.nameCore,
      names.suffixClass,
      names.sameName,
      (i) => participates(classes.nameClass, i),
    );

    const clauseAliases = clauseAliasesOf(names, classes.nameClass, keyOf, keyCore, ctx.config);
    const canonical = await loadArtifact(ctx, 'canonical.bin');
    const site = siteListOf(keyOf, canonical, ctx.config);
    const keySites = site.read_as_site_list
      ? keySitesOf(keyOf, canonical.siteKey, keyCore.length)
      : { offsets: new Int32Array(0), ids: new Int32Array(0) };
    let table: MatchTable | undefined;
    const scoreConfig = ctx.configOf('score');
    const blocked = await blockKeys(
      keyOf,
      keyCore,
      keySuffix,
      keyCoreId,
      distinctCores,
      ctx.config,
      {},
      ctx.workers,
      clauseAliases.links,
      // The score stage's match table, built with its config while a core would wait on the bridge thread, then
      // the encoding of names.bin (issue 14: at 1M records ~0.66 s of this thread, which then waited ~0.5 s for the
      // bridge worker).
      (tokens, learnedRewrites) => {
        if (scoreConfig !== null) {
          const keys = { keyOf, keySuffix, keyCoreId, keySiteOffsets: keySites.offsets, keySiteIds: keySites.ids };
          const links = { clauseAliasLinks: { json: clauseAliases.links } };
          table = matchTableOf({ ...keys, ...links, ...learnedRewrites }, tokens, scoreConfig);
        }
        ctx.startIdleWork();
      },
    );
    const { report, skipped, learned } = blocked;
    const maxNamesPerSite = ctx.config.grouping.site.max_names_per_site;
    const candidates = site.read_as_site_list
      ? withSitePairs(blocked.candidates, keyOf, canonical.siteKey, keyCoreId, keySuffix, maxNamesPerSite, ctx.config)
      : blocked.candidates;
    const keys: KeysBundle = {
      keyOf,
      keyCore,
      keySuffix,
      keyCoreId,
      ...learned,
      siteList: { json: site },
      keySiteOffsets: keySites.offsets,
      keySiteIds: keySites.ids,
      ...blocked.tokenColumns,
      clauseAliasLinks: { json: clauseAliases.links },
    };
    rememberBlockIndex(keys, blocked.index.options, blocked.index.built);
    rememberKeyStore(keys, blocked.keyStore);
    if (table !== undefined) rememberMatchTable(keys, table);
    saveArtifact(ctx, 'keys.bin', keys);
    saveArtifact(ctx, 'candidates.bin', candidates);
    return {
      counts: {
        distinct_keys: keyCore.length,
        distinct_cores: distinctCores,
        candidate_pairs: candidates.candA.length,
        clause_alias_links: clauseAliases.links.length,
        clause_aliases_refused: clauseAliases.refused,
      },
      sections: {
        blocking: {
          ...report,
          exact_pairs_skipped: skipped,
          learned_abbreviations: learned.abbreviationShort.map(
            (short, i) => `${short} → ${learned.abbreviationLong[i]}`,
          ),
        },
      },
      ...(site.read_as_site_list && site.mode === 'auto'
        ? {
            warnings: [
              `read as a list of sites: records of one name share a house number ${Math.round(site.exact_name_pairs_at_one_house_number * 100)}% of the time, so names at one address are compared and one name at two house numbers stays in two groups (grouping.site.mode: off groups by name alone)`,
            ],
          }
        : {}),
    };
  },
};

/** Whether the file reads as a site list (src/core/site.ts), decided once here for the score and group stages. */
function siteListOf(keyOf: Int32Array, canonical: CanonicalRecords, config: Config): SiteListFacts {
  const rule = config.grouping.site;
  const agreement = siteAgreement(keyOf, canonical.siteNumber);
  const readAsSiteList = readsAsSiteList(
    agreement,
    { mode: rule.mode, minAgreement: rule.min_agreement, minNames: rule.min_names },
    canonical.salesforceIds.json,
  );
  return {
    read_as_site_list: readAsSiteList,
    mode: rule.mode,
    names_with_house_numbers: agreement.names,
    exact_name_pairs_at_one_house_number: Math.round(agreement.share * 1000) / 1000,
  };
}

/**
 * The candidates with the key pairs of a site list's addresses added (kind `site`), still unique and sorted by
 * (a, b); pairs that join exactly (SPEC §5.1) are left out as in `blockKeys`.
 */
function withSitePairs(
  candidates: CandidatesBundle,
  keyOf: Int32Array,
  siteKey: Int32Array,
  keyCoreId: Int32Array,
  keySuffix: readonly string[],
  maxNamesPerSite: number,
  config: Config,
): CandidatesBundle {
  const site = sitePairs(keyOf, siteKey, maxNamesPerSite);
  const kind = BLOCKING_KEY_KINDS.indexOf('site');
  const a: number[] = [];
  const b: number[] = [];
  const kinds: number[] = [];
  const { candA, candB, candKind } = candidates;
  let i = 0;
  let j = 0;
  while (i < candA.length || j < site.a.length) {
    const ca = i < candA.length ? (candA[i] as number) * 2 ** 26 + (candB[i] as number) : Number.POSITIVE_INFINITY;
    const sa = j < site.a.length ? (site.a[j] as number) * 2 ** 26 + (site.b[j] as number) : Number.POSITIVE_INFINITY;
    if (ca <= sa) {
      a.push(candA[i] as number);
      b.push(candB[i] as number);
      kinds.push(candKind[i] as number);
      i++;
      if (ca === sa) j++;
      continue;
    }
    const x = site.a[j] as number;
    const y = site.b[j] as number;
    j++;
    if (keysJoinExactly(x, y, keyCoreId, keySuffix, config.suffix.equivalence)) continue;
    a.push(x);
    b.push(y);
    kinds.push(kind);
  }
  return { candA: Int32Array.from(a), candB: Int32Array.from(b), candKind: Uint8Array.from(kinds) };
}
