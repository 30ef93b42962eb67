import type { Config } from '../config/schema.js';
import { NAME_CLASS_CODE } from '../core/column-codes.js';
import { participates } from '../core/participation.js';
import { MENTION_ALIAS_SOURCE } from '../core/vocabulary.js';
import {
  type AliasLookupJob,
  type AliasLookups,
  type AliasQuery,
  lookUpAliases,
  lookUpAliasesOnWorker,
} from '../workers/alias-lookups.js';
import {
  blockIndexOf,
  blockingOptions,
  distinctCoreCount,
  type KeysBundle,
  keyTokensOf,
  tokenStatsOf,
} from './block.js';
import type { ClassesBundle } from './classify.js';
import { HandOver } from './hand-over.js';
import type { RunInput } from './ingest.js';
import { rewriteOptions } from './key-rewrites.js';
import type { NamesBundle } from './normalise.js';
import type { Stage, StageContext } from './runner.js';
import { scoreOptions } from './score.js';
import { heldArtifact, loadArtifact, saveArtifact } from './stage-io.js';

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
/**
 * The look-ups of the alias stage for these bundles, with the stage's config: the aliases of records that take part
 * and the names of multi-name records, the keys and the index they were blocked with (if this process holds it), and
 * the settings as plain data, so the job can be posted to a worker thread.
 */
export function aliasLookupJob(
  names: NamesBundle,
  classes: ClassesBundle,
  keys: KeysBundle,
  config: Config,
): AliasLookupJob {
  const blocking = blockingOptions(config, distinctCoreCount(keys));
  // Config slices are guarded proxies, which cannot be posted to worker threads.
  const settings = JSON.parse(
    JSON.stringify({
      rewrite: rewriteOptions(config, keys),
      blocking,
      score: scoreOptions(config),
      high: config.thresholds.high,
      medium: config.thresholds.medium,
    }),
  ) as Pick<AliasLookupJob, 'rewrite' | 'blocking' | 'score' | 'high' | 'medium'>;
  return {
    ...settings,
    keys: keyTokensOf(keys),
    keyCore: keys.keyCore,
    keySuffix: keys.keySuffix,
    stats: tokenStatsOf(keys),
    index: blockIndexOf(keys, blocking),
    aliases: names.aliases.json.filter(([row]) => participates(classes.nameClass, row)),
    mentions: names.nameParts.json.filter(([row]) => classes.nameClass[row] === NAME_CLASS_CODE.multi),
  };
}

/** Look-ups started ahead for a keys bundle, and the names and classes they were made of. */
interface AliasLookupsAhead {
  names: NamesBundle;
  classes: ClassesBundle;
  lookups: Promise<AliasLookups>;
}
const aliasLookupsAhead = new HandOver<KeysBundle, AliasLookupsAhead>();

/**
 * Start the alias stage's look-ups on a worker thread, with its config (`StageContext.configOf`), when this process
 * holds their inputs (issue 14: the group stage calls it as it starts, so they run on the core its union-find leaves
 * idle). The alias stage takes them if it runs on the same bundles; a resumed run does its own.
 */
export function lookUpAliasesAhead(ctx: StageContext<unknown>): void {
  const names = heldArtifact(ctx, 'names.bin');
  const classes = heldArtifact(ctx, 'classes.bin');
  const keys = heldArtifact(ctx, 'keys.bin');
  const config = ctx.configOf('alias');
  if (names === undefined || classes === undefined || keys === undefined || config === null) return;
  const lookups = lookUpAliasesOnWorker(aliasLookupJob(names, classes, keys, config));
  // Settled even when no stage takes them.
  lookups.catch(() => undefined);
  aliasLookupsAhead.remember(keys, { names, classes, lookups });
}

/** Look-ups started ahead for exactly these bundles, once; undefined when none were. */
function takeAliasLookups(
  names: NamesBundle,
  classes: ClassesBundle,
  keys: KeysBundle,
): Promise<AliasLookups> | undefined {
  const ahead = aliasLookupsAhead.take(keys);
  return ahead?.names === names && ahead.classes === classes ? ahead.lookups : undefined;
}

/** Records whose name holds several company names (each is looked up as a mention). */
function countMultiNames(classes: ClassesBundle): number {
  let count = 0;
  for (let i = 0; i < classes.nameClass.length; i++) if (classes.nameClass[i] === NAME_CLASS_CODE.multi) count++;
  return count;
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
    const rep = new Int32Array(keys.keyCore.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = keys.keyOf[i] as number;
      if (k >= 0 && rep[k] === -1) rep[k] = i;
    }
    const { queries, pairQuery, pairKey, pairScore } = await (takeAliasLookups(names, classes, keys) ??
      lookUpAliases(aliasLookupJob(names, classes, keys, ctx.config), ctx.workers));
    const multiRecords = countMultiNames(classes);
    const out = {
      record: [] as number[],
      alias: [] as string[],
      aliasSource: [] as string[],
      matchedRecord: [] as number[],
      score: [] as number[],
    };
    const push = (q: AliasQuery, target: number, s: number): void => {
      out.record.push(q.row);
      out.alias.push(q.text);
      out.aliasSource.push(q.source);
      out.matchedRecord.push(target);
      out.score.push(s);
    };
    const aliasMatchesOtherGroup = new Uint8Array(n);
    const seen = new Set<string>();
    // The pairs come at or above their query's threshold (high for an alias, medium for a mention).
    // Mentions: the best score per (query, matched group), then the best few groups per query.
    const mentionBest = new Map<number, Map<number, { target: number; score: number }>>();
    for (let p = 0; p < pairQuery.length; p++) {
      const s = pairScore[p] as number;
      const j = pairQuery[p] as number;
      const q = queries[j] as AliasQuery;
      const target = rep[pairKey[p] as number] as number;
      const group = grouping.component[target] as number;
      if (q.mention) {
        const byGroup = mentionBest.get(j) ?? new Map<number, { target: number; score: number }>();
        if (byGroup.size === 0) mentionBest.set(j, byGroup);
        const best = byGroup.get(group);
        if (best === undefined || s > best.score || (s === best.score && target < best.target)) {
          byGroup.set(group, { target, score: s });
        }
        continue;
      }
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
        push(queries[j] as AliasQuery, m.target, m.score);
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
