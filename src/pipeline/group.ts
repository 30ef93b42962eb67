import type { Config } from '../config/schema.js';
import { joinsExactly } from '../core/exact-join.js';
import { EDGE_REASON, type GroupCentres, groupRecords, type ScoredEdges } from '../core/grouping.js';
import type { KeyTokens } from '../core/key-tokens.js';
import { repeatedAlike } from '../core/match/compare.js';
import { isConflict, isRival, numberedSiblings } from '../core/match/conflict.js';
import { ALIGN_EXACT, ALIGN_NONE, ALIGN_TYPO_SIMILAR, F_ALIGNMENT, FEATURE_COUNT } from '../core/match/features.js';
import { isNumberToken, placeRunIds } from '../core/match/match-table.js';
import { NO_SITE } from '../core/site.js';
import { countSharedDistinctiveTokens, dfCapFromShare, distinctiveTokenMask } from '../core/token-stats.js';
import { resizedColumns } from '../core/typed-columns.js';
import {
  type DecisionsSection,
  decisionKeys,
  hasRecordDecisions,
  linkPairsToRecords,
  recordIndexByKey,
} from '../journal/applied.js';
import { lookUpAliasesAhead } from './alias.js';
import { distinctCoreCount, type KeysBundle, keyTokensOf, tokenStatsOf } from './block.js';
import type { CanonicalRecords, RunInput } from './ingest.js';
import { aliasTokenGroups } from './key-rewrites.js';
import { numberWordsOf } from './match-table-of.js';
import { placeRunsOf, placeTokensOf } from './place-words.js';
import type { Stage } from './runner.js';
import type { ScoredBundle } from './score.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

export type GroupingBundle = {
  component: Int32Array;
  groupSize: Int32Array;
  forestA: Int32Array;
  forestB: Int32Array;
  forestScore: Uint8Array;
  forestJoinReason: Uint8Array;
  forestSharedTokens: Uint8Array;
  forestSource: Int32Array;
  summary: { json: { groupCount: number; stats: unknown; contradictedMustLinks: number } };
};

/** Tokens of every configured legal form: never distinctive (SPEC §6). */
export function legalFormTokens(config: Config): Set<string> {
  const tokens = new Set<string>();
  for (const cls of config.normalise.legal_forms) {
    for (const form of [...cls.forms, ...(cls.shortForms ?? [])]) for (const t of form.split(' ')) if (t) tokens.add(t);
  }
  return tokens;
}

/**
 * Distinctive-token masks over the keys' token dictionary for several df caps (shares of the distinct cores: SPEC
 * §6 `grouping.max_shared_token_df`, the chain guard's `centre_shared_token_df`), from one pass of token statistics.
 */
function distinctiveMasks(tokens: KeyTokens, keys: KeysBundle, config: Config, shares: number[]): Uint8Array[] {
  const stats = tokenStatsOf(keys);
  const legal = legalFormTokens(config);
  return shares.map((share) =>
    distinctiveTokenMask(tokens, stats, {
      legalFormTokens: legal,
      maxSharedTokenDf: dfCapFromShare(stats.distinctCores, share, config.grouping.max_shared_token_df_min),
    }),
  );
}

/**
 * A word the match model aligned without spelling it the same (a typo of the common spelling, words joined, an
 * acronym, a truncated word) is shared evidence too (issue 10): `walmrt` / `walmart` share no token but one word.
 */
function alignedWordCount(scored: ScoredBundle, p: number): number {
  if (scored.levels.length === 0) return 0;
  const alignment = scored.levels[p * FEATURE_COUNT + F_ALIGNMENT] as number;
  return alignment === ALIGN_EXACT || alignment === ALIGN_NONE || alignment === ALIGN_TYPO_SIMILAR ? 0 : 1;
}

/**
 * Record-level edges: exact joins within and between keys of one core (SPEC §5.1), then scored pairs ≥ medium.
 * A key's records join through one of them; in a site list (src/core/site.ts) through one per house number, and a
 * pair of keys is joined at every house number they share as well as through their first records.
 */
function buildEdges(
  keys: KeysBundle,
  scored: ScoredBundle,
  tokens: KeyTokens,
  distinctive: Uint8Array,
  config: Config,
  sites: Int32Array | undefined,
): ScoredEdges {
  const n = keys.keyOf.length;
  const keyCount = keys.keyCore.length;
  const rep = new Int32Array(keyCount).fill(-1);
  const edges = new EdgeColumns();
  const selfShared = new Int32Array(keyCount);
  for (let k = 0; k < keyCount; k++) selfShared[k] = countSharedDistinctiveTokens(tokens, k, k, distinctive);
  // Site lists only: key → house number → the first record of that key there.
  const siteReps = sites === undefined ? null : new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const k = keys.keyOf[i] as number;
    if (k < 0) continue;
    if (rep[k] === -1) rep[k] = i;
    let target = rep[k] as number;
    const site = sites === undefined ? NO_SITE : (sites[i] as number);
    if (siteReps !== null && site !== NO_SITE) {
      let bySite = siteReps.get(k);
      if (bySite === undefined) {
        bySite = new Map();
        siteReps.set(k, bySite);
      }
      const first = bySite.get(site);
      if (first === undefined) bySite.set(site, i);
      else target = first;
    }
    if (target !== i) edges.push(target, i, 100, EDGE_REASON.exact_name, selfShared[k] as number, k, k);
  }
  const pushKeyPair = (ka: number, kb: number, s: number, r: number, sh: number): void => {
    edges.push(rep[ka] as number, rep[kb] as number, s, r, sh, ka, kb);
    const sa = siteReps?.get(ka);
    const sb = siteReps?.get(kb);
    if (sa === undefined || sb === undefined) return;
    const [small, large, smallIsA] = sa.size <= sb.size ? [sa, sb, true] : [sb, sa, false];
    for (const [site, x] of small) {
      const y = large.get(site);
      if (y === undefined) continue;
      const [ra, rb] = smallIsA ? [x, y] : [y, x];
      if (ra !== rep[ka] || rb !== rep[kb]) edges.push(ra, rb, s, r, sh, ka, kb);
    }
  };
  // Keys of one core are adjacent (sorted by core): join the compatible ones.
  const equivalence = config.suffix.equivalence;
  for (let start = 0; start < keyCount; ) {
    let end = start + 1;
    while (end < keyCount && keys.keyCoreId[end] === keys.keyCoreId[start]) end++;
    for (let x = start; x < end; x++) {
      for (let y = x + 1; y < end; y++) {
        if (
          joinsExactly(
            keys.keyCoreId[x] as number,
            keys.keySuffix[x] as string,
            keys.keyCoreId[y] as number,
            keys.keySuffix[y] as string,
            equivalence,
          )
        ) {
          pushKeyPair(x, y, 100, EDGE_REASON.exact_name, selfShared[x] as number);
        }
      }
    }
    start = end;
  }
  const medium = config.thresholds.medium;
  for (let p = 0; p < scored.a.length; p++) {
    const s = scored.score[p] as number;
    if (s < medium) continue;
    const ka = scored.a[p] as number;
    const kb = scored.b[p] as number;
    pushKeyPair(
      ka,
      kb,
      s,
      EDGE_REASON.scored,
      countSharedDistinctiveTokens(tokens, ka, kb, distinctive) + alignedWordCount(scored, p),
    );
  }
  return edges.take();
}

/**
 * Edge columns filled an edge at a time, in typed arrays that double when full (issue 14: seven JS arrays pushed a
 * value at a time, then copied, were 0.7 s of the group stage at 1M records).
 */
class EdgeColumns {
  private count = 0;
  private cols = edgeColumns(1024);

  push(x: number, y: number, s: number, r: number, sh: number, ka: number, kb: number): void {
    if (this.count === this.cols.a.length) this.cols = resizedColumns(this.cols, this.count * 2, edgeColumns);
    const i = this.count++;
    const c = this.cols;
    c.a[i] = x;
    c.b[i] = y;
    c.score[i] = s;
    c.reason[i] = r;
    c.sharedDistinctive[i] = Math.min(255, sh);
    c.tieA[i] = ka;
    c.tieB[i] = kb;
  }

  /** Exact-length copies of the columns. */
  take(): ScoredEdges {
    return resizedColumns(this.cols, this.count, edgeColumns);
  }
}

function edgeColumns(size: number): ScoredEdges {
  return {
    a: new Int32Array(size),
    b: new Int32Array(size),
    score: new Uint8Array(size),
    reason: new Uint8Array(size),
    sharedDistinctive: new Uint8Array(size),
    tieA: new Int32Array(size),
    tieB: new Int32Array(size),
  };
}

/**
 * The match model's conflicts (src/core/match/conflict.ts) between the first records of their keys, for names intake
 * repeats: a conflict is a veto on two whole groups, and a one-off's number is as often a store number typed after
 * the name or a slip (`target 60` / `target stores 86` kept `target` ×932 and `target store` ×474 apart at 1M).
 */
function conflictPairs(
  keys: KeysBundle,
  scored: ScoredBundle,
  coreRecords: Int32Array,
): { a: Int32Array; b: Int32Array } {
  const rep = new Int32Array(keys.keyCore.length).fill(-1);
  for (let i = 0; i < keys.keyOf.length; i++) {
    const k = keys.keyOf[i] as number;
    if (k >= 0 && rep[k] === -1) rep[k] = i;
  }
  const repeated = (k: number): boolean => (coreRecords[keys.keyCoreId[k] as number] as number) >= 2;
  const a: number[] = [];
  const b: number[] = [];
  if (scored.levels.length > 0) {
    for (let p = 0; p < scored.a.length; p++) {
      if (!isConflict(scored.levels, p * FEATURE_COUNT)) continue;
      if (!repeated(scored.a[p] as number) || !repeated(scored.b[p] as number)) continue;
      a.push(rep[scored.a[p] as number] as number);
      b.push(rep[scored.b[p] as number] as number);
    }
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

/** The chain guard's data (src/core/grouping.ts `CentreGuard`): records per core, core pairs scored ≥ medium. */
function groupCentres(
  keys: KeysBundle,
  scored: ScoredBundle,
  coreRecords: Int32Array,
  medium: number,
  tokens: KeyTokens,
  distinctive: Uint8Array,
  aliasGroups: string[][][],
  config: Config,
  siteList: boolean,
): GroupCentres {
  const cores = distinctCoreCount(keys);
  const coreKey = new Int32Array(cores);
  for (let k = keys.keyCoreId.length - 1; k >= 0; k--) coreKey[keys.keyCoreId[k] as number] = k;
  const a: number[] = [];
  const b: number[] = [];
  const rivalA: number[] = [];
  const rivalB: number[] = [];
  // Both names repeated and of similar counts, as the comparer's `namesAlike`: a word's count across the file may call
  // two spellings alike (`international` / `internationale`) whose names intake writes 16 and 69 times.
  const ratio = config.matching.comparison.typo_frequency_ratio;
  const numbers = numberTokens(config, tokens);
  // Token text → id, read by the alias-spelling lookup and the place guard.
  const tokenId = new Map(tokens.tokens.map((text, id) => [text, id]));
  const alike = (x: number, y: number): boolean =>
    repeatedAlike(coreRecords[x] as number, coreRecords[y] as number, ratio);
  for (let p = 0; p < scored.a.length; p++) {
    const ca = keys.keyCoreId[scored.a[p] as number] as number;
    const cb = keys.keyCoreId[scored.b[p] as number] as number;
    const rival =
      alike(ca, cb) &&
      ((scored.levels.length > 0 && isRival(scored.levels, p * FEATURE_COUNT)) ||
        numberedSiblings(tokens, scored.a[p] as number, scored.b[p] as number, numbers));
    if (rival) {
      rivalA.push(ca);
      rivalB.push(cb);
    } else if ((scored.score[p] as number) >= medium) {
      a.push(ca);
      b.push(cb);
    }
  }
  return {
    coreRecords,
    agreeA: Int32Array.from(a),
    agreeB: Int32Array.from(b),
    rivalA: Int32Array.from(rivalA),
    rivalB: Int32Array.from(rivalB),
    coreKey,
    tokens,
    distinctive,
    aliasCores: aliasSpellingCores(aliasGroups, tokens, tokenId, coreKey),
    places: { ...guardPlaces(config, keys, tokens, tokenId), siblingsOverrideModel: !siteList },
  };
}

/** Per token 1 when it spells a number: digits, roman numerals, a word the rewrites make of digits (`9` → `nine`). */
function numberTokens(config: Config, tokens: KeyTokens): Uint8Array {
  const words = new Set(numberWordsOf(config));
  return Uint8Array.from(tokens.tokens, (t) => (words.has(t) || isNumberToken(t) ? 1 : 0));
}

/** The gazetteer's places as the chain guard reads them (`CentreGuard.placeSiblings`). */
function guardPlaces(
  config: Config,
  keys: KeysBundle,
  tokens: KeyTokens,
  tokenId: ReadonlyMap<string, number>,
): NonNullable<GroupCentres['places']> {
  const single = new Uint8Array(tokens.tokens.length);
  // Towns and cities only: a state after a name is an organisation's region (`Lutheran Social Service of Illinois`).
  for (const place of placeTokensOf(config, 'cities')) {
    const id = tokenId.get(place);
    if (id !== undefined) single[id] = 1;
  }
  return {
    single,
    runs: placeRunIds(placeRunsOf(config, keys, 'cities'), tokenId),
    headRatio: config.matching.comparison.head_ratio,
    repeatedTailRatio: config.matching.comparison.repeated_tail_ratio,
  };
}

/** For each alias-dictionary employer with two or more spellings in the file, the cores that spell it. */
function aliasSpellingCores(
  aliasGroups: string[][][],
  tokens: KeyTokens,
  tokenId: ReadonlyMap<string, number>,
  coreKey: Int32Array,
): Int32Array[] {
  const entryOf = new Map<string, number>();
  aliasGroups.forEach((spellings, entry) => {
    for (const spelling of spellings) if (!entryOf.has(spelling.join(' '))) entryOf.set(spelling.join(' '), entry);
  });
  // Only a core whose first token starts some spelling can spell one: the others' texts are never built (issue 14:
  // a string per core was a quarter of a second of the stage at 1M records).
  const firstTokens = new Set<number>();
  for (const spelling of entryOf.keys()) {
    const first = tokenId.get(spelling.split(' ')[0] as string);
    if (first !== undefined) firstTokens.add(first);
  }
  const byEntry = new Map<number, number[]>();
  for (let core = 0; core < coreKey.length; core++) {
    const k = coreKey[core] as number;
    const from = tokens.offsets[k] as number;
    if (from === tokens.offsets[k + 1] || !firstTokens.has(tokens.ids[from] as number)) continue;
    const text = Array.from(tokens.ids.subarray(from, tokens.offsets[k + 1]), (t) => tokens.tokens[t]).join(' ');
    const entry = entryOf.get(text);
    if (entry === undefined) continue;
    const list = byEntry.get(entry);
    if (list === undefined) byEntry.set(entry, [core]);
    else list.push(core);
  }
  return [...byEntry.values()].filter((cores) => cores.length > 1).map((cores) => Int32Array.from(cores));
}

/** SPEC §1 stage `group`: edge-gated union-find (SPEC §6). */
export const groupStage: Stage<RunInput> = {
  name: 'group',
  module: import.meta.url,
  inputs: ['keys.bin', 'scored.bin', 'canonical.bin'],
  outputs: ['grouping.bin'],
  configKeys: [
    'thresholds',
    'grouping',
    'canopy',
    'suffix.equivalence',
    'normalise',
    'matching.aliases',
    'matching.comparison',
  ],
  extraKey: (options) => ({ links: decisionKeys.group(options.decisions) }),
  async run(ctx) {
    // The alias stage's look-ups read no grouping: a worker thread does them on the core this stage leaves idle.
    lookUpAliasesAhead(ctx);
    const keys = await loadArtifact(ctx, 'keys.bin');
    const scored = await loadArtifact(ctx, 'scored.bin');
    const tokens = keyTokensOf(keys);
    const grouping = ctx.config.grouping;
    const [distinctive, centreWords] = distinctiveMasks(tokens, keys, ctx.config, [
      grouping.max_shared_token_df,
      grouping.centre_shared_token_df,
    ]) as [Uint8Array, Uint8Array];
    const siteList = keys.siteList.json;
    // Records' house numbers only for a site list: a CRM's run reads no extra columns.
    const sites = siteList.read_as_site_list ? (await loadArtifact(ctx, 'canonical.bin')).siteNumber : undefined;
    const edges = buildEdges(keys, scored, tokens, distinctive, ctx.config, sites);
    const n = keys.keyOf.length;
    const coreId = new Int32Array(n);
    const participates = new Uint8Array(n);
    // Records per core: the chain guard's centres and the conflicts' repeated names read the same counts.
    const coreRecords = new Int32Array(distinctCoreCount(keys));
    for (let i = 0; i < n; i++) {
      const k = keys.keyOf[i] as number;
      coreId[i] = k < 0 ? -1 : (keys.keyCoreId[k] as number);
      participates[i] = k < 0 ? 0 : 1;
      if (k >= 0) coreRecords[coreId[i] as number] = (coreRecords[coreId[i] as number] as number) + 1;
    }
    const links = await reviewerLinks(ctx.options.decisions, () => loadArtifact(ctx, 'canonical.bin'));
    const result = groupRecords({
      recordCount: n,
      coreId,
      participates,
      edges,
      mustLink: links.must,
      cannotLink: links.cannot,
      conflicts: conflictPairs(keys, scored, coreRecords),
      thresholds: { high: ctx.config.thresholds.high, medium: ctx.config.thresholds.medium },
      canopyMaxWithoutHighEdge: ctx.config.canopy.max_without_high_edge,
      centres: groupCentres(
        keys,
        scored,
        coreRecords,
        ctx.config.thresholds.medium,
        tokens,
        centreWords,
        aliasTokenGroups(ctx.config, keys),
        ctx.config,
        sites !== undefined,
      ),
      ...(sites === undefined ? {} : { sites }),
    });
    const f = result.forest;
    saveArtifact(ctx, 'grouping.bin', {
      component: result.component,
      groupSize: result.groupSize,
      forestA: f.a.slice(0, f.count),
      forestB: f.b.slice(0, f.count),
      forestScore: f.score.slice(0, f.count),
      forestJoinReason: f.joinReason.slice(0, f.count),
      forestSharedTokens: f.sharedTokens.slice(0, f.count),
      forestSource: f.source.slice(0, f.count),
      summary: {
        json: {
          groupCount: result.groupCount,
          stats: result.stats,
          contradictedMustLinks: result.contradictedMustLinks.length,
        },
      },
    } satisfies GroupingBundle);
    let multi = 0;
    for (let g = 0; g < result.groupCount; g++) if ((result.groupSize[g] as number) > 1) multi++;
    const contradicted = Array.from(result.contradictedMustLinks, (k) => {
      const x = links.must.a[k] as number;
      const y = links.must.b[k] as number;
      return { seq: links.must.seqs[k] as number, a: links.ids[x] ?? '', b: links.ids[y] ?? '' };
    });
    const decisions: DecisionsSection = {
      applied: {
        must_link: links.must.a.length - contradicted.length,
        cannot_link: links.cannot.a.length,
      },
      stale: [...links.must.stale, ...links.cannot.stale],
      contradicted,
    };
    return {
      counts: { groups: result.groupCount, multi_record_groups: multi, edges: edges.a.length },
      sections: {
        grouping: {
          ...result.stats,
          site_list: siteList,
        },
        decisions,
      },
    };
  },
};

/**
 * Reviewer must/cannot-links as record pairs (SPEC §6, §10). Account ids are only loaded when there are
 * decisions, so a run without a journal reads no extra columns.
 */
async function reviewerLinks(
  decisions: RunInput['decisions'],
  loadRecords: () => Promise<CanonicalRecords>,
): Promise<{
  must: ReturnType<typeof linkPairsToRecords>;
  cannot: ReturnType<typeof linkPairsToRecords>;
  ids: string[];
}> {
  const none = { a: new Int32Array(0), b: new Int32Array(0), seqs: [], stale: [] };
  if (!hasRecordDecisions(decisions) || decisions.mustLinks.length + decisions.cannotLinks.length === 0) {
    return { must: none, cannot: none, ids: [] };
  }
  const ids = (await loadRecords()).accountId;
  const index = recordIndexByKey(ids);
  return {
    must: linkPairsToRecords(decisions.mustLinks, index, 'must_link'),
    cannot: linkPairsToRecords(decisions.cannotLinks, index, 'cannot_link'),
    ids,
  };
}
