/**
 * Candidate generation (blocking) over distinct `(name_core, suffix_class)` keys — SPEC §5.2; the alias lookup
 * through the same index (SPEC §7.2) is createBlockingIndex, re-exported here from blocking/alias-query.ts.
 *
 * A pair of eligible keys is a candidate when they share a blocking key:
 *  - `rare_token`: one of each core's two rarest non-weak tokens (df over distinct cores, df ≤ maxTokenDf);
 *  - `first_token`: the first non-weak token;
 *  - `char_key`: first non-weak tokens one typo apart (a shared one-deletion variant, blocking/char-key.ts) with
 *    the same next non-weak token, each key meeting the windowSize − 1 nearest such keys on each side in tail
 *    order (blocking/char-blocks.ts) — `walmrt stores` meets `walmart stores`.
 * A rare or first block with more than maxBlock keys pairs each key with its windowSize − 1 nearest keys on each
 * side in two text orders instead (kind `window`; orders in blocking/block-index.ts).
 *
 * Output is every pair once, `a < b`, sorted by (a, b): keys are enumerated in ascending order and each key's
 * partners collected with a stamp array and sorted, so no pair object, string or global pair sort is ever made.
 */
import type { BlockIndex, BlockIndexOptions } from './blocking/block-index.js';
import { buildBlockIndex, chooseBlockingTokens, KIND_CHAR, KIND_FIRST, KIND_RARE } from './blocking/block-index.js';
import {
  ALL_PAIRS_ENTITY,
  ALL_PAIRS_NONE,
  type AliasGroups,
  type BridgeBlocks,
  buildBridgeBlocks,
  MEMBER_ACRONYM,
  MEMBER_ALIAS,
  MEMBER_DIRECT,
  MEMBER_INITIALS,
  MEMBER_JOINED,
  MEMBER_TYPO,
  tokenTableOf,
} from './blocking/bridge-blocks.js';
import { sortAscending } from './blocking/sort-ascending.js';
import { rankTokens } from './blocking/sorted-order.js';
import { findTypoNeighbours } from './blocking/typo-neighbours.js';
import type { KeyTokens } from './key-tokens.js';
import type { TextIndex } from './text-index.js';
import { computeTokenStats, type TokenStats } from './token-stats.js';
import { sharedColumn } from './typed-columns.js';

export type { BlockingIndex } from './blocking/alias-query.js';
export { createBlockingIndex } from './blocking/alias-query.js';

export interface BlockingOptions extends BlockIndexOptions {
  /** Absolute df cap for `rare_token` blocks; the caller resolves SPEC's "1% of distinct cores, at least 50". */
  maxTokenDf: number;
  /** Blocks with more keys than this fall back to sorted-neighbourhood windows (`blocking.max_block`). */
  maxBlock: number;
  /** Sorted-neighbourhood window: each key meets windowSize − 1 neighbours on each side (`blocking.window`). */
  windowSize: number;
  /**
   * Shortest first token that gets one-deletion `char_key` variants (`blocking.char_key_min_length`); tokens one
   * character shorter still get their whole text as a key, so a deletion from a longer token can meet them.
   */
  charKeyMinLength: number;
  /** Direct holders of a token in at most this many cores all meet, whichever of their tokens it is (`token`). */
  allTokenMaxDf: number;
  /** Tokens at least this long get one-deletion typo variants (`typo`); one letter shorter, their whole text. */
  typoMinLength: number;
  /** Tokens at least this long get two-deletion typo variants as well as one-deletion ones (`typo`). */
  typoTwoDeletionMinLength: number;
  /** A deletion variant shared by more tokens than this links none of them. */
  typoMaxGroup: number;
  /** Only a token in at most this many cores bridges into the block of its more frequent typo neighbour. */
  typoMaxDf: number;
  /** A key with at least this share of a block's records (and hubMinRecords) meets every member (`hub`). */
  hubShare: number;
  hubMinRecords: number;
  /** A block whose largest key holds this share of its records (a head entity) pairs all, up to entityMaxBlock keys. */
  entityShare: number;
  entityMaxBlock: number;
  /** false: only the rare/first/char keys of SPEC §5.2, no bridge blocks (default true). */
  bridges?: boolean;
}

/**
 * Extra inputs of candidate generation. `weights[k]`: records of key k (hubs; default 1 each). `aliases`: groups of
 * spellings of one employer, each spelling its core's tokens after the matching rewrites (`matching.aliases`).
 */
export interface BlockingInputs {
  weights?: Int32Array;
  aliases?: readonly (readonly (readonly string[])[])[];
  /** Abbreviations of the token rewrites, each to its word ({@link abbreviationsOf}): read inside run-together words. */
  abbreviations?: ReadonlyMap<string, string>;
}

/** Key kinds, indexed by the values stored in `Candidates.keyKind`. */
export const BLOCKING_KEY_KINDS = [
  'rare_token',
  'first_token',
  'char_key',
  'window',
  'token',
  'typo',
  'joined',
  'initials',
  'alias',
  'hub',
  // Added by the block stage in a site list (src/core/site.ts): two names at one address.
  'site',
] as const;
export type BlockingKeyKind = (typeof BLOCKING_KEY_KINDS)[number];
const KIND_WINDOW = 3;
const KIND_TOKEN = 4;
/** Bridge member kind (bridge-blocks.ts) → key kind; the order of the mask bits 5–10 below. */
const BRIDGE_KINDS = ['token', 'typo', 'joined', 'initials', 'alias', 'hub'] as const;
const BIT_TOKEN = 1 << 5;
const BIT_HUB = 1 << 10;
const MEMBER_BIT = Int32Array.from(
  [MEMBER_DIRECT, MEMBER_TYPO, MEMBER_JOINED, MEMBER_INITIALS, MEMBER_ALIAS, MEMBER_ACRONYM],
  (m) => (m === MEMBER_DIRECT ? BIT_TOKEN : m === MEMBER_ACRONYM ? 1 << (5 + MEMBER_INITIALS) : 1 << (5 + m)),
);
/** Member kinds met like a direct holder of the block's word. */
const IS_DIRECT = Uint8Array.from([1, 0, 0, 0, 0, 1]);
const MASK_BITS = 11;

export interface Candidates {
  /** Pair i is keys `a[i] < b[i]`; pairs are unique and sorted by (a, b). */
  a: Int32Array;
  b: Int32Array;
  /**
   * Index into BLOCKING_KEY_KINDS of the key recorded for the pair (`pairs.parquet` blocking key): the first of
   * rare_token, first_token, char_key, token, typo, joined, initials, alias, hub that paired the two keys;
   * `window` when only a sorted-neighbourhood window of a jumbo rare/first block did.
   */
  keyKind: Uint8Array;
  count: number;
}

export interface BlockKindReport {
  /** Blocks with at least two keys. */
  blocks: number;
  /** Blocks paired through windows: rare/first blocks with more than maxBlock keys; char blocks wider than a window. */
  windowedBlocks: number;
  largestBlock: number;
  /** Distinct pairs this kind of key found, directly or through the windows of its jumbo blocks. */
  pairsFound: number;
  /** Of those, pairs that no other kind found. */
  pairsUnique: number;
  /** Of pairsFound, pairs that only the windows of this kind's jumbo blocks found (not its direct blocks). */
  pairsByWindowOnly: number;
  /**
   * Blocks by size bucket (`upTo` = largest size in the bucket, null for the unbounded last one) with the pairs
   * their members would form if all were paired, before windows and deduplication — where the work comes from.
   */
  blockSizes: { upTo: number | null; blocks: number; allPairs: number }[];
}

const SIZE_BUCKETS = [2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, null];

/** The blocking report of SPEC §5.2, stored in the manifest. */
export interface BlockingReport {
  keyCount: number;
  eligibleKeys: number;
  distinctCores: number;
  maxTokenDf: number;
  maxBlock: number;
  windowSize: number;
  /** Eligible keys with no non-weak token: they meet nothing. */
  keysWithoutBlockingKey: number;
  /** Tokens whose df exceeds maxTokenDf, so they never form a rare-token block. */
  tokensOverMaxDf: number;
  byKind: Record<'rare_token' | 'first_token' | 'char_key', BlockKindReport>;
  /** Pairs each bridge kind found (bridge-blocks.ts), and of those, pairs no other kind found. */
  byBridgeKind: Record<(typeof BRIDGE_KINDS)[number], { pairsFound: number; pairsUnique: number }>;
  /** Bridge blocks (a token or an alias group) with two or more members, and the largest. */
  bridgeBlocks: number;
  largestBridgeBlock: number;
  /** Pairs by their recorded key kind (Candidates.keyKind). */
  pairsByKeyKind: Record<BlockingKeyKind, number>;
  totalPairs: number;
  /** The largest block of any kind; `token` is its token text (rare/first) or the first tokens of a char block. */
  largestBlock: { kind: 'rare_token' | 'first_token' | 'char_key'; token: string; size: number };
}

const BLOCK_KIND_NAMES = ['rare_token', 'first_token', 'char_key'] as const;

/** Pairs in the output buffer's first chunk; later chunks double, up to MAX_PAIR_CHUNK. */
const FIRST_PAIR_CHUNK = 1 << 16;
const MAX_PAIR_CHUNK = 1 << 22;

/** A run of candidate pairs: the first `count` entries of its columns. */
export interface PairChunk {
  a: Int32Array;
  b: Int32Array;
  kind: Uint8Array;
  count: number;
}

/**
 * Typed output in chunks; pairs never become JS objects (SPEC §14). Growing never copies the pairs already made,
 * and the chunks are handed on as they are: the final columns are built once, from every range's chunks
 * (`joinCandidateRanges`), not once per range and again for the whole (issue 14: 28M pairs at 1M records, 256 MB a
 * copy).
 */
class PairBuffer {
  private readonly full: PairChunk[] = [];
  // Chunks on SharedArrayBuffers (sharedColumn): garbage once placed, and no cause of full collections meanwhile.
  a = sharedColumn(Int32Array, FIRST_PAIR_CHUNK);
  b = sharedColumn(Int32Array, FIRST_PAIR_CHUNK);
  kind = sharedColumn(Uint8Array, FIRST_PAIR_CHUNK);
  /** Pairs in the current chunk (`a`, `b`, `kind`). */
  at = 0;
  /** Make room for `n` more pairs in the current chunk. */
  reserve(n: number): void {
    if (this.at + n <= this.a.length) return;
    this.full.push({ a: this.a, b: this.b, kind: this.kind, count: this.at });
    const size = Math.max(n, Math.min(MAX_PAIR_CHUNK, this.a.length * 2));
    this.a = sharedColumn(Int32Array, size);
    this.b = sharedColumn(Int32Array, size);
    this.kind = sharedColumn(Uint8Array, size);
    this.at = 0;
  }
  /** Every chunk of pairs, in order; the buffer is empty afterwards. */
  finish(): PairChunk[] {
    const chunks = [...this.full, { a: this.a, b: this.b, kind: this.kind, count: this.at }];
    this.full.length = 0;
    this.a = new Int32Array(0);
    this.b = new Int32Array(0);
    this.kind = new Uint8Array(0);
    this.at = 0;
    return chunks;
  }
}

/**
 * One key's partners. `owner[b]` is the key whose partners b was last collected for, `mask[b]` which kinds found
 * it (bits 0–2 direct rare/first/char blocks, 3–4 windows of jumbo rare/first blocks, 5–10 bridge kinds).
 */
class PartnerSet {
  readonly owner: Int32Array;
  readonly mask: Uint16Array;
  list = new Int32Array(64);
  size = 0;
  current = -1;
  constructor(keyCount: number) {
    this.owner = new Int32Array(keyCount).fill(-1);
    this.mask = new Uint16Array(keyCount);
  }
  reset(owner: number): void {
    this.current = owner;
    this.size = 0;
  }
  add(key: number, bit: number): void {
    if (this.owner[key] === this.current) {
      this.mask[key] = (this.mask[key] as number) | bit;
      return;
    }
    this.owner[key] = this.current;
    this.mask[key] = bit;
    if (this.size === this.list.length) {
      const grown = new Int32Array(this.list.length * 2);
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.size++] = key;
  }
  maskOf(key: number): number {
    return this.mask[key] as number;
  }
}

/** Position of `key` in the ascending `members[start, end)`. */
function slotOf(members: Int32Array, start: number, end: number, key: number): number {
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = members[mid] as number;
    if (m < key) lo = mid + 1;
    else if (m > key) hi = mid - 1;
    else return mid - start;
  }
  throw new Error(`blocking: key ${key} missing from its own block (index is inconsistent).`);
}

/**
 * Add the partners `b > a` that rare/first block `block` gives its member `a`: all members, or — jumbo — the
 * keys within w − 1 places of `a` in each of the block's two orders.
 */
function collectFromBlock(index: BlockIndex, block: number, a: number, w: number, partners: PartnerSet): void {
  const { blockOffsets, members } = index;
  const start = blockOffsets[block] as number;
  const end = blockOffsets[block + 1] as number;
  const kind = index.blockKind[block] as number;
  const order = index.orderStart[block] as number;
  if (order < 0) {
    const bit = 1 << kind;
    for (let p = end - 1; p >= start; p--) {
      const b = members[p] as number;
      if (b <= a) break;
      partners.add(b, bit);
    }
    return;
  }
  const bit = 1 << (kind + 3);
  const size = end - start;
  const slot = slotOf(members, start, end, a);
  collectFromWindow(index.orderA, (index.posA[order + slot] as number) + order, order, size, a, w, bit, partners);
  collectFromWindow(index.orderB, (index.posB[order + slot] as number) + order, order, size, a, w, bit, partners);
}

/** Partners `b > a` within `w − 1` places of `at` in `order[start, start + size)`. */
function collectFromWindow(
  order: Int32Array,
  at: number,
  start: number,
  size: number,
  a: number,
  w: number,
  bit: number,
  partners: PartnerSet,
): void {
  const hi = Math.min(start + size - 1, at + (w - 1));
  for (let q = Math.max(start, at - (w - 1)); q <= hi; q++) {
    const b = order[q] as number;
    if (b > a) partners.add(b, bit);
  }
}

/** Add the char-key partners `b > a`: in each of a's char blocks, keys of another first token within the window. */
function collectFromCharBlocks(index: BlockIndex, a: number, w: number, partners: PartnerSet): void {
  const { offsets, members, blockOf, keyOffsets, keyPositions } = index.char;
  const { firstToken } = index;
  const own = firstToken[a] as number;
  const bit = 1 << KIND_CHAR;
  for (let i = keyOffsets[a] as number; i < (keyOffsets[a + 1] as number); i++) {
    const at = keyPositions[i] as number;
    const block = blockOf[at] as number;
    const lo = Math.max(offsets[block] as number, at - (w - 1));
    const hi = Math.min((offsets[block + 1] as number) - 1, at + (w - 1));
    for (let q = lo; q <= hi; q++) {
      const b = members[q] as number;
      if (b > a && firstToken[b] !== own) partners.add(b, bit);
    }
  }
}

/** Recorded kind for a mask of finding kinds: the first direct kind, then the bridge kinds in order, else `window`. */
const KIND_OF_MASK = Uint8Array.from({ length: 1 << MASK_BITS }, (_, m) => {
  if (m & 1) return KIND_RARE;
  if (m & 2) return KIND_FIRST;
  if (m & 4) return KIND_CHAR;
  for (let bit = 5; bit < MASK_BITS; bit++) if (m & (1 << bit)) return KIND_TOKEN + bit - 5;
  return KIND_WINDOW;
});

/**
 * Add the bridge-block partners `b > a` (rules in blocking/bridge-blocks.ts): every member for a hub and for a
 * small-df token; the hubs; and for a bridge, the direct members of a block of at most `w` keys, else its window.
 */
function collectFromBridgeBlocks(bb: BridgeBlocks, a: number, w: number, partners: PartnerSet): void {
  const { blockStart, memberKey, memberKind, memberHub, memberBlock } = bb;
  for (let i = bb.keyStart[a] as number; i < (bb.keyStart[a + 1] as number); i++) {
    const s = bb.keySlot[i] as number;
    const v = memberBlock[s] as number;
    const from = blockStart[v] as number;
    const to = blockStart[v + 1] as number;
    if (to - from < 2) continue;
    const aKind = memberKind[s] as number;
    const aBridge = IS_DIRECT[aKind] === 0;
    const aHub = memberHub[s] === 1;
    const size = to - from;
    // Bridges meet direct members only, except in alias blocks, which have none.
    const bridgesMeet = v >= bb.aliasBlockStart && v < bb.aliasBlockEnd;
    const allPairs = bb.blockAllPairs[v] !== ALL_PAIRS_NONE;
    const bridgesPair = bb.blockAllPairs[v] === ALL_PAIRS_ENTITY;
    if (aHub || allPairs || (aBridge && size <= w)) {
      const own = aBridge ? (MEMBER_BIT[aKind] as number) : aHub ? BIT_HUB : BIT_TOKEN;
      if (aBridge && !aHub && !bridgesMeet && !bridgesPair) {
        // A bridge meets the direct members and the hubs only (the rule below): visit just those, not the
        // thousands of other bridges of a rare token's block (435M member visits at 1M records).
        for (let d = bb.directStart[v] as number; d < (bb.directStart[v + 1] as number); d++) {
          const b = memberKey[bb.directMember[d] as number] as number;
          if (b > a) partners.add(b, own);
        }
        for (let h = bb.hubStart[v] as number; h < (bb.hubStart[v + 1] as number); h++) {
          const b = memberKey[bb.hubMember[h] as number] as number;
          if (b > a) partners.add(b, own);
        }
        continue;
      }
      for (let q = from; q < to; q++) {
        const b = memberKey[q] as number;
        if (b <= a) continue;
        const k = memberKind[q] as number;
        const bBridge = IS_DIRECT[k] === 0;
        // Bridges meet each other only in alias blocks and, typos and joins, in a head entity's block.
        const initials = aKind === MEMBER_INITIALS || k === MEMBER_INITIALS;
        if (aBridge && bBridge && !bridgesMeet && (!bridgesPair || initials) && !aHub && memberHub[q] === 0) continue;
        partners.add(b, bBridge && !aBridge ? (MEMBER_BIT[k] as number) : own);
      }
      continue;
    }
    if ((bb.blockSpecial[v] as number) === 0) continue;
    for (let h = bb.hubStart[v] as number; h < (bb.hubStart[v + 1] as number); h++) {
      const b = memberKey[bb.hubMember[h] as number] as number;
      if (b > a) partners.add(b, BIT_HUB);
    }
    if (size <= w) {
      // a is direct and not a hub: the block's bridges meet it.
      for (let q = from; q < to; q++) {
        const b = memberKey[q] as number;
        const k = memberKind[q] as number;
        if (b > a && IS_DIRECT[k] === 0) partners.add(b, MEMBER_BIT[k] as number);
      }
      continue;
    }
    const lo = Math.max(from, s - (w - 1));
    const hi = Math.min(to - 1, s + (w - 1));
    for (let q = lo; q <= hi; q++) {
      const b = memberKey[q] as number;
      if (b <= a) continue;
      const k = memberKind[q] as number;
      if (aBridge) {
        if (IS_DIRECT[k] === 1 || bridgesMeet) partners.add(b, MEMBER_BIT[aKind] as number);
      } else if (IS_DIRECT[k] === 0) partners.add(b, MEMBER_BIT[k] as number);
    }
  }
}

/** Alias spellings as token ids of the keys' tokens; a spelling with a token no key has is dropped. */
function aliasGroupsOf(aliases: readonly (readonly (readonly string[])[])[], tokenIndex: TextIndex): AliasGroups {
  const offsets: number[] = [0];
  const ids: number[] = [];
  const group: number[] = [];
  aliases.forEach((spellings, g) => {
    for (const spelling of spellings) {
      const found = spelling.map((t) => tokenIndex.find(t));
      if (found.length === 0 || found.some((t) => t < 0)) continue;
      for (const t of found) ids.push(t);
      offsets.push(ids.length);
      group.push(g);
    }
  });
  return {
    offsets: Int32Array.from(offsets),
    ids: Int32Array.from(ids),
    group: Int32Array.from(group),
    groupCount: aliases.length,
  };
}

/**
 * Candidate pairs of distinct keys (SPEC §5.2). `cores[i]` is key i's `name_core`; `eligible[i] = 0` leaves key i
 * out entirely (junk/unusable, SPEC §4). `stats` (from computeTokenStats with the same eligibility) may be passed
 * to share the df computation with grouping.
 * @example cores ['walmart stores', 'walmrt stores', …] with `store` above maxTokenDf → pair (0, 1), kind char_key
 */
export function generateCandidates(...args: Parameters<typeof candidateSources>): {
  candidates: Candidates;
  report: BlockingReport;
} {
  const [keys, , eligible, opts] = args;
  const sources = candidateSources(...args);
  const all = joinCandidateRanges([collectCandidates(sources, 0, sources.index.keyCount)]);
  return { candidates: all.candidates, report: blockingReport(keys, eligible, opts, sources, all.pairsByMask) };
}

/**
 * What candidate generation reads: the block index and the bridge blocks, typed arrays only, so a worker thread can
 * take a copy and collect the pairs of a range of keys (`collectCandidates`).
 */
export interface CandidateSources {
  index: BlockIndex;
  bridges: BridgeBlocks | undefined;
  windowSize: number;
}

/**
 * The candidate pairs whose first key is in a range, in chunks (as collected, sorted by (a, b)), and how many pairs
 * each mask of finding kinds found.
 */
export interface CandidateRange {
  chunks: PairChunk[];
  /** Pairs per mask of finding kinds; the report's per-kind counts are derived from it (blockingReport). */
  pairsByMask: Float64Array;
  /** Pairs found but left out as exact joins ({@link ExactJoins}); counted in `pairsByMask` all the same. */
  exactSkipped: number;
}

/** Every candidate pair as columns, and the pairs per mask of finding kinds. */
export interface CollectedCandidates {
  candidates: Candidates;
  pairsByMask: Float64Array;
  /** Pairs found but left out as exact joins. */
  exactSkipped: number;
}

/**
 * Key pairs that join exactly (SPEC §5.1: the same core, compatible suffixes) and so are never scored: left out as
 * pairs are collected, on each collecting thread (issue 14: a pass over 28M pairs on one thread at 1M records, for
 * 52K exact pairs). Plain columns, so a worker thread gets them by copy: each key's core number and suffix-class
 * code, and whether two codes are compatible (`compatible[x * suffixCount + y]`).
 */
export interface ExactJoins {
  coreId: Int32Array;
  suffixCode: Int32Array;
  compatible: Uint8Array;
  suffixCount: number;
}

/** The sources of `generateCandidates(keys, cores, eligible, opts, stats, inputs)`, arguments as there. */
export function candidateSources(
  keys: KeyTokens,
  cores: readonly string[],
  eligible: Uint8Array,
  opts: BlockingOptions,
  stats?: TokenStats,
  inputs: BlockingInputs = {},
): CandidateSources {
  const index = buildBlockIndex(keys, cores, eligible, opts, stats);
  const bridges =
    opts.bridges === false
      ? undefined
      : buildBridges(
          keys,
          cores,
          { firstToken: index.firstToken, df: index.stats.df, tokenRank: index.tokenRank },
          opts,
          inputs,
        );
  return { index, bridges, windowSize: opts.windowSize };
}

/**
 * What the bridge blocks read of the block index: each key's first non-weak token, the tokens' document
 * frequencies and their text ranks. These are quick to make beside the index's sorts, so the bridge blocks can be
 * built on another thread while the index is (issue 14).
 */
export interface BridgeSeed {
  firstToken: Int32Array;
  df: Int32Array;
  tokenRank: Int32Array;
}

/** The {@link BridgeSeed} of `buildBlockIndex(keys, cores, eligible, opts, stats)`, without building the index. */
export function bridgeSeedOf(
  keys: KeyTokens,
  cores: readonly string[],
  eligible: Uint8Array,
  opts: BlockIndexOptions,
  stats?: TokenStats,
): BridgeSeed {
  const df = (stats ?? computeTokenStats(keys, cores, eligible)).df;
  const { firstToken } = chooseBlockingTokens(keys, eligible, df, opts.maxTokenDf);
  return { firstToken, df, tokenRank: rankTokens(keys.tokens) };
}

/**
 * The candidate pairs (a, b) with `from ≤ a < to`, sorted by (a, b). Each key's partners depend on nothing but the
 * sources, so ranges can be collected apart (on several threads) and joined in order (`joinCandidateRanges`).
 */
export function collectCandidates(
  sources: CandidateSources,
  from: number,
  to: number,
  exact?: ExactJoins,
): CandidateRange {
  return collectRange(sources, from, to, new PartnerSet(sources.index.keyCount), exact);
}

/**
 * The ranges of `ranges` this thread takes from the shared counter `next` (Atomics; each range is taken by one thread),
 * each collected as {@link collectCandidates} collects it, with one set of scratch arrays: taken in turn, so a thread
 * whose ranges are dense takes fewer.
 */
export function collectTakenRanges(
  sources: CandidateSources,
  ranges: readonly (readonly [number, number])[],
  next: Int32Array,
  exact?: ExactJoins,
): { taken: number[]; collected: CandidateRange[] } {
  const partners = new PartnerSet(sources.index.keyCount);
  const taken: number[] = [];
  const collected: CandidateRange[] = [];
  for (let r = Atomics.add(next, 0, 1); r < ranges.length; r = Atomics.add(next, 0, 1)) {
    const [from, to] = ranges[r] as readonly [number, number];
    taken.push(r);
    collected.push(collectRange(sources, from, to, partners, exact));
  }
  return { taken, collected };
}

function collectRange(
  sources: CandidateSources,
  from: number,
  to: number,
  partners: PartnerSet,
  exact: ExactJoins | undefined,
): CandidateRange {
  const { index, bridges } = sources;
  const leaveExact = exact !== undefined;
  const coreId = exact?.coreId ?? NONE;
  const suffixCode = exact?.suffixCode ?? NONE;
  const compatible = exact?.compatible ?? NONE_COMPATIBLE;
  const suffixCount = exact?.suffixCount ?? 0;
  let exactSkipped = 0;
  const { rare1, rare2, firstToken, rareBlockOf, firstBlockOf } = index;
  const w = sources.windowSize;
  const out = new PairBuffer();
  const pairsByMask = new Float64Array(1 << MASK_BITS);
  for (let a = from; a < to; a++) {
    const first = firstToken[a] as number;
    if (first < 0) continue; // ineligible, or nothing but weak tokens
    partners.reset(a);
    const r1 = rare1[a] as number;
    const r2 = rare2[a] as number;
    if (r1 >= 0) collectFromBlock(index, rareBlockOf[r1] as number, a, w, partners);
    if (r2 >= 0) collectFromBlock(index, rareBlockOf[r2] as number, a, w, partners);
    collectFromBlock(index, firstBlockOf[first] as number, a, w, partners);
    collectFromCharBlocks(index, a, w, partners);
    if (bridges !== undefined) collectFromBridgeBlocks(bridges, a, w, partners);
    const n = partners.size;
    if (n === 0) continue;
    const list = partners.list;
    sortAscending(list, 0, n);
    out.reserve(n);
    let at = out.at;
    const coreOfA = leaveExact ? (coreId[a] as number) : -1;
    for (let i = 0; i < n; i++) {
      const b = list[i] as number;
      const m = partners.maskOf(b);
      pairsByMask[m] = (pairsByMask[m] as number) + 1;
      if (
        leaveExact &&
        coreId[b] === coreOfA &&
        compatible[(suffixCode[a] as number) * suffixCount + (suffixCode[b] as number)] === 1
      ) {
        exactSkipped++;
        continue;
      }
      out.a[at] = a;
      out.b[at] = b;
      out.kind[at] = KIND_OF_MASK[m] as number;
      at++;
    }
    out.at = at;
  }
  return { chunks: out.finish(), pairsByMask, exactSkipped };
}

/** Stand-ins when no exact joins are left out (never read). */
const NONE = new Int32Array(0);
const NONE_COMPATIBLE = new Uint8Array(0);

/** Ranges of consecutive keys, in key order, as one set of columns. */
export function joinCandidateRanges(ranges: readonly CandidateRange[]): CollectedCandidates {
  const summaries = ranges.map(summaryOf);
  const count = summaries.reduce((sum, r) => sum + r.count, 0);
  const candidates: Candidates = {
    a: new Int32Array(count),
    b: new Int32Array(count),
    keyKind: new Uint8Array(count),
    count,
  };
  placeCandidateRanges(ranges, candidates, [0]);
  return { candidates, ...summedRanges(summaries) };
}

/** What a range found, without its pairs: what a worker thread reports before it places them. */
export interface RangeSummary {
  count: number;
  pairsByMask: Float64Array;
  exactSkipped: number;
}

export function summaryOf(range: CandidateRange): RangeSummary {
  let count = 0;
  for (const chunk of range.chunks) count += chunk.count;
  return { count, pairsByMask: range.pairsByMask, exactSkipped: range.exactSkipped };
}

/** The ranges' pairs per mask of finding kinds and exact joins left out, summed. */
export function summedRanges(ranges: readonly RangeSummary[]): { pairsByMask: Float64Array; exactSkipped: number } {
  const pairsByMask = new Float64Array(1 << MASK_BITS);
  let exactSkipped = 0;
  for (const r of ranges) {
    for (let m = 0; m < pairsByMask.length; m++)
      pairsByMask[m] = (pairsByMask[m] as number) + (r.pairsByMask[m] as number);
    exactSkipped += r.exactSkipped;
  }
  return { pairsByMask, exactSkipped };
}

/**
 * Copies the pairs of `ranges[i]` into `into` from position `at[i]`; a range without its own position follows the
 * one before it.
 */
export function placeCandidateRanges(ranges: readonly CandidateRange[], into: Candidates, at: readonly number[]): void {
  let to = 0;
  ranges.forEach((r, i) => {
    to = at[i] ?? to;
    for (const chunk of r.chunks) {
      into.a.set(chunk.a.subarray(0, chunk.count), to);
      into.b.set(chunk.b.subarray(0, chunk.count), to);
      into.keyKind.set(chunk.kind.subarray(0, chunk.count), to);
      to += chunk.count;
    }
  });
}

/**
 * The bridge blocks of the eligible keys that have a non-weak token (blocking/bridge-blocks.ts), from the keys and
 * their {@link BridgeSeed}.
 */
export function buildBridges(
  keys: KeyTokens,
  cores: readonly string[],
  seed: BridgeSeed,
  opts: BlockingOptions,
  inputs: BlockingInputs,
): BridgeBlocks {
  const { keyCount, tokens, isWeak } = keys;
  // One table of the tokens' texts for every look-up of a word by its text (issue 14: not a Map beside it).
  const tokenTable = tokenTableOf(tokens);
  const hasKey = new Uint8Array(keyCount);
  for (let k = 0; k < keyCount; k++) if ((seed.firstToken[k] as number) >= 0) hasKey[k] = 1;
  const use = new Uint8Array(tokens.length);
  for (let t = 0; t < tokens.length; t++) {
    if (isWeak[t] === 0 && (seed.df[t] as number) > 0 && /[a-z]/.test(tokens[t] as string)) use[t] = 1;
  }
  const typo = findTypoNeighbours(tokens, use, {
    minLength: opts.typoMinLength,
    twoDeletionMinLength: opts.typoTwoDeletionMinLength,
    maxGroup: opts.typoMaxGroup,
  });
  const weights = inputs.weights ?? new Int32Array(keyCount).fill(1);
  return buildBridgeBlocks(
    keys,
    cores,
    hasKey,
    weights,
    seed.df,
    seed.tokenRank,
    tokenTable,
    typo,
    aliasGroupsOf(inputs.aliases ?? [], tokenTable.index),
    opts,
    inputs.abbreviations,
  );
}

function emptyKindReport(): BlockKindReport {
  return {
    blocks: 0,
    windowedBlocks: 0,
    largestBlock: 0,
    pairsFound: 0,
    pairsUnique: 0,
    pairsByWindowOnly: 0,
    blockSizes: SIZE_BUCKETS.map((upTo) => ({ upTo, blocks: 0, allPairs: 0 })),
  };
}

function countBlock(r: BlockKindReport, size: number, windowed: boolean): void {
  r.blocks++;
  if (windowed) r.windowedBlocks++;
  if (size > r.largestBlock) r.largestBlock = size;
  const bucket = r.blockSizes.find((x) => x.upTo === null || size <= x.upTo) as { blocks: number; allPairs: number };
  bucket.blocks++;
  bucket.allPairs += (size * (size - 1)) / 2;
}

/** The blocking report of SPEC §5.2 for the sources and the pairs collected from them. */
export function blockingReport(
  keys: KeyTokens,
  eligible: Uint8Array,
  opts: BlockingOptions,
  sources: CandidateSources,
  pairsByMask: Float64Array,
): BlockingReport {
  const { index, bridges } = sources;
  const kinds = [emptyKindReport(), emptyKindReport(), emptyKindReport()];
  let largest = { kind: 0, label: '', size: 0 };
  for (let blk = 0; blk < index.blockCount; blk++) {
    const size = (index.blockOffsets[blk + 1] as number) - (index.blockOffsets[blk] as number);
    if (size < 2) continue;
    const kind = index.blockKind[blk] as number;
    countBlock(kinds[kind] as BlockKindReport, size, (index.orderStart[blk] as number) >= 0);
    if (size > largest.size) {
      largest = { kind, label: keys.tokens[index.blockToken[blk] as number] as string, size };
    }
  }
  const { offsets, members } = index.char;
  for (let c = 0; c + 1 < offsets.length; c++) {
    const size = (offsets[c + 1] as number) - (offsets[c] as number);
    countBlock(kinds[KIND_CHAR] as BlockKindReport, size, size > opts.windowSize);
    if (size > largest.size) {
      const firsts = new Set<string>();
      for (let p = offsets[c] as number; p < (offsets[c + 1] as number); p++) {
        firsts.add(keys.tokens[index.firstToken[members[p] as number] as number] as string);
      }
      largest = { kind: KIND_CHAR, label: [...firsts].join('|'), size };
    }
  }
  const byKind = BLOCKING_KEY_KINDS.map(() => 0);
  const byBridge = BRIDGE_KINDS.map(() => ({ pairsFound: 0, pairsUnique: 0 }));
  pairsByMask.forEach((count, mask) => {
    if (count === 0) return;
    const recorded = KIND_OF_MASK[mask] as number;
    byKind[recorded] = (byKind[recorded] as number) + count;
    for (let k = 0; k < BRIDGE_KINDS.length; k++) {
      const bit = 1 << (5 + k);
      if ((mask & bit) === 0) continue;
      const r = byBridge[k] as { pairsFound: number; pairsUnique: number };
      r.pairsFound += count;
      if (mask === bit) r.pairsUnique += count;
    }
    for (let k = 0; k < 3; k++) {
      const own = mask & ((1 << k) | (1 << (k + 3)));
      if (own === 0) continue;
      const r = kinds[k] as BlockKindReport;
      r.pairsFound += count;
      if (own === mask) r.pairsUnique += count;
      if ((mask & (1 << k)) === 0) r.pairsByWindowOnly += count;
    }
  });
  let eligibleKeys = 0;
  let keysWithoutBlockingKey = 0;
  for (let k = 0; k < keys.keyCount; k++) {
    if (eligible[k] === 0) continue;
    eligibleKeys++;
    if (index.firstToken[k] === -1) keysWithoutBlockingKey++;
  }
  let bridgeBlocks = 0;
  let largestBridgeBlock = 0;
  for (let v = 0; v < (bridges?.blockCount ?? 0); v++) {
    if (bridges === undefined) break;
    const size = (bridges.blockStart[v + 1] as number) - (bridges.blockStart[v] as number);
    if (size >= 2) bridgeBlocks++;
    if (size > largestBridgeBlock) largestBridgeBlock = size;
  }
  let tokensOverMaxDf = 0;
  for (let t = 0; t < keys.tokens.length; t++) if ((index.stats.df[t] as number) > opts.maxTokenDf) tokensOverMaxDf++;
  return {
    keyCount: keys.keyCount,
    eligibleKeys,
    distinctCores: index.stats.distinctCores,
    maxTokenDf: opts.maxTokenDf,
    maxBlock: opts.maxBlock,
    windowSize: opts.windowSize,
    keysWithoutBlockingKey,
    tokensOverMaxDf,
    byKind: {
      rare_token: kinds[KIND_RARE] as BlockKindReport,
      first_token: kinds[KIND_FIRST] as BlockKindReport,
      char_key: kinds[KIND_CHAR] as BlockKindReport,
    },
    byBridgeKind: Object.fromEntries(BRIDGE_KINDS.map((k, i) => [k, byBridge[i]])) as BlockingReport['byBridgeKind'],
    bridgeBlocks,
    largestBridgeBlock,
    pairsByKeyKind: Object.fromEntries(
      BLOCKING_KEY_KINDS.map((k, i) => [k, byKind[i]]),
    ) as BlockingReport['pairsByKeyKind'],
    totalPairs: byKind.reduce((s, v) => s + v, 0),
    largestBlock: { kind: BLOCK_KIND_NAMES[largest.kind as 0 | 1 | 2], token: largest.label, size: largest.size },
  };
}
