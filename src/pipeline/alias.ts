import { normaliseOptionsFromConfig } from '../config/core-options.js';
import { createBlockingIndex } from '../core/blocking.js';
import { NAME_CLASS_CODE } from '../core/column-codes.js';
import { buildKeyStore, type KeyStore } from '../core/key-store.js';
import { extendKeyTokens, rewriteTokens } from '../core/key-tokens.js';
import { createNormaliser } from '../core/normalise/index.js';
import { participates } from '../core/participation.js';
import { MENTION_ALIAS_SOURCE } from '../core/vocabulary.js';
import { scorePairsParallel, startScoreWorkers, stopScoreWorkers } from '../workers/score-pool.js';
import { blockIndexOf, blockingOptions, distinctCoreCount, keyTokensOf, tokenStatsOf } from './block.js';
import type { RunInput } from './ingest.js';
import { rewriteOptions } from './key-rewrites.js';
import type { Stage } from './runner.js';
import { scoreOptions } from './score.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

export type AliasBundle = {
  record: Int32Array;
  alias: string[];
  /** Where the alias came from (SPEC §7.1), or MENTION_SOURCE for a name of a multi-name record. */
  aliasSource: string[];
  /** A record of the matched key (its first record in input order). */
  matchedRecord: Int32Array;
  score: Uint8Array;
  /** Record → 1 when one of its aliases matches another group (SPEC §9.1 rule 6); mentions do not count. */
  aliasMatchesOtherGroup: Uint8Array;
};

/** `alias_source` of a mention (issue 11): one of the names of a multi-name record (the review UI reads it). */
export const MENTION_SOURCE = MENTION_ALIAS_SOURCE;
/** Groups listed per name of a multi-name record, best score first. */
export const MENTIONS_PER_NAME = 3;
/** Pairs from which scoring on worker threads beats one core despite their start (~0.1 s; 87K pairs at 94K records). */
const PARALLEL_ALIAS_PAIRS = 200_000;

/** One name looked up against the keys: an alias of a usable record, or a name of a multi-name record. */
interface Query {
  row: number;
  text: string;
  source: string;
  core: string;
  suffix: string;
  mention: boolean;
}

/**
 * SPEC §1 stage `alias` (SPEC §7.2): each alias of a usable record is normalised like a name and looked up through
 * the same blocking index and scorer; a match needs score ≥ high and must land outside the record's own group.
 * Reported, never merged. Issue 11: junk and unusable records take no part; every name of a multi-name record
 * (which joins no group) is looked up the same way as a "mention" (score ≥ medium, the best few groups per name).
 */
export const aliasStage: Stage<RunInput> = {
  name: 'alias',
  module: import.meta.url,
  inputs: ['names.bin', 'classes.bin', 'keys.bin', 'grouping.bin'],
  outputs: ['alias.bin'],
  configKeys: ['normalise', 'blocking', 'penalty', 'suffix.equivalence', 'thresholds'],
  async run(ctx) {
    const names = await loadArtifact(ctx, 'names.bin');
    const classes = await loadArtifact(ctx, 'classes.bin');
    const keys = await loadArtifact(ctx, 'keys.bin');
    const grouping = await loadArtifact(ctx, 'grouping.bin');
    const n = names.nameCore.length;
    const keyCount = keys.keyCore.length;
    const rep = new Int32Array(keyCount).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = keys.keyOf[i] as number;
      if (k >= 0 && rep[k] === -1) rep[k] = i;
    }
    const normalise = createNormaliser(normaliseOptionsFromConfig(ctx.config));
    const rewrite = rewriteOptions(ctx.config, keys);
    const queries: Query[] = [];
    const addQuery = (row: number, text: string, source: string, mention: boolean): void => {
      const normalised = normalise(text);
      if (normalised.name_core.length === 0) return;
      queries.push({ row, text, source, core: normalised.name_core, suffix: normalised.suffix_class, mention });
    };
    for (const [row, text, source] of names.aliases.json) {
      if (participates(classes.nameClass, row)) addQuery(row, text, source, false);
    }
    let multiRecords = 0;
    for (let i = 0; i < n; i++) {
      if (classes.nameClass[i] !== NAME_CLASS_CODE.multi) continue;
      multiRecords++;
      for (const part of normalise(names.nameRaw[i] as string).name_parts ?? [])
        addQuery(i, part, MENTION_SOURCE, true);
    }
    // Queries become extra keys after the real ones, so one key store scores query × key pairs.
    const tokens = keyTokensOf(keys);
    const eligible = new Uint8Array(keyCount).fill(1);
    const options = blockingOptions(ctx.config, distinctCoreCount(keys));
    const index = createBlockingIndex(
      tokens,
      keys.keyCore,
      eligible,
      options,
      tokenStatsOf(keys),
      blockIndexOf(keys, options),
    );
    const pairA: number[] = [];
    const pairB: number[] = [];
    const pairQuery: number[] = [];
    queries.forEach((q, j) => {
      for (const k of index.query(rewriteTokens(q.core, rewrite), q.core)) {
        pairA.push(keyCount + j);
        pairB.push(k);
        pairQuery.push(j);
      }
    });
    // 1.6M pairs at 1M records, a second on one core: on worker threads once starting them pays (issue 14). They
    // start here, so they load their code while this thread builds the key store (~0.4 s at 1M records).
    const workers = pairA.length >= PARALLEL_ALIAS_PAIRS ? ctx.workers : 1;
    const started = startScoreWorkers(workers);
    let store: KeyStore;
    try {
      store = buildKeyStore(
        extendKeyTokens(
          tokens,
          queries.map((q) => q.core),
          rewrite,
        ),
        [...keys.keySuffix, ...queries.map((q) => q.suffix)],
        [...keys.keyCore, ...queries.map((q) => q.core)],
      );
    } catch (e) {
      await stopScoreWorkers(started);
      throw e;
    }
    const scores = await scorePairsParallel(
      store,
      Int32Array.from(pairA),
      Int32Array.from(pairB),
      scoreOptions(ctx.config),
      workers,
      started,
    );
    const { high, medium } = ctx.config.thresholds;
    const out = {
      record: [] as number[],
      alias: [] as string[],
      aliasSource: [] as string[],
      matchedRecord: [] as number[],
      score: [] as number[],
    };
    const push = (q: Query, target: number, s: number): void => {
      out.record.push(q.row);
      out.alias.push(q.text);
      out.aliasSource.push(q.source);
      out.matchedRecord.push(target);
      out.score.push(s);
    };
    const aliasMatchesOtherGroup = new Uint8Array(n);
    const seen = new Set<string>();
    // Mentions: the best score per (query, matched group), then the best few groups per query.
    const mentionBest = new Map<number, Map<number, { target: number; score: number }>>();
    for (let p = 0; p < pairA.length; p++) {
      const s = scores.score[p] as number;
      const j = pairQuery[p] as number;
      const q = queries[j] as Query;
      const target = rep[pairB[p] as number] as number;
      const group = grouping.component[target] as number;
      if (q.mention) {
        if (s < medium) continue;
        const byGroup = mentionBest.get(j) ?? new Map<number, { target: number; score: number }>();
        if (byGroup.size === 0) mentionBest.set(j, byGroup);
        const best = byGroup.get(group);
        if (best === undefined || s > best.score || (s === best.score && target < best.target)) {
          byGroup.set(group, { target, score: s });
        }
        continue;
      }
      if (s < high) continue;
      if (group === grouping.component[q.row]) continue;
      const once = `${q.row}\u0000${q.text}\u0000${group}`;
      if (seen.has(once)) continue; // one row per alias and matched group
      seen.add(once);
      push(q, target, s);
      aliasMatchesOtherGroup[q.row] = 1;
    }
    let mentions = 0;
    for (const [j, byGroup] of [...mentionBest].sort((x, y) => x[0] - y[0])) {
      const best = [...byGroup.values()].sort((x, y) => y.score - x.score || x.target - y.target);
      for (const m of best.slice(0, MENTIONS_PER_NAME)) {
        push(queries[j] as Query, m.target, m.score);
        mentions++;
      }
    }
    saveArtifact(ctx, 'alias.bin', {
      record: Int32Array.from(out.record),
      alias: out.alias,
      aliasSource: out.aliasSource,
      matchedRecord: Int32Array.from(out.matchedRecord),
      score: Uint8Array.from(out.score),
      aliasMatchesOtherGroup,
    } satisfies AliasBundle);
    return {
      counts: {
        aliases_looked_up: queries.length,
        alias_matches: out.record.length - mentions,
        multi_name_records: multiRecords,
        mentions,
      },
    };
  },
};
