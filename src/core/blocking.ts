/**
 * Candidate generation (blocking) over distinct `(name_core, suffix_class)` keys — SPEC §5.2, and the alias lookup
 * through the same index — SPEC §7.2.
 *
 * A pair of eligible keys is a candidate when they share a blocking key:
 *  - `rare_token`: one of each core's two rarest non-weak tokens (df over distinct cores, df ≤ maxTokenDf);
 *  - `first_token`: the first non-weak token;
 *  - `char_key`: a one-deletion variant of the first non-weak token (see blocking/char-key.ts), paired across
 *    different first tokens only — keys with the same first token already meet through `first_token`.
 * A block with more than maxBlock keys pairs each key with its windowSize − 1 nearest keys on each side in the
 * block's text orders instead (kind `window`; orders documented in blocking/block-index.ts).
 *
 * Output is every pair once, `a < b`, sorted by (a, b): keys are enumerated in ascending order and each key's
 * partners collected with a stamp array, so no pair object, string or global pair sort is ever made.
 */
import type { BlockIndex, BlockIndexOptions } from './blocking/block-index.js';
import { buildBlockIndex, KIND_CHAR, KIND_FIRST, KIND_RARE } from './blocking/block-index.js';
import { charKeyHashes } from './blocking/char-key.js';
import { lowerBoundByText, reverseText } from './blocking/sorted-order.js';
import type { KeyTokens } from './key-tokens.js';
import type { TokenStats } from './token-stats.js';

export interface BlockingOptions extends BlockIndexOptions {
  /** Absolute df cap for `rare_token` blocks; the caller resolves SPEC's "1% of distinct cores, at least 50". */
  maxTokenDf: number;
  /** Blocks with more keys than this fall back to sorted-neighbourhood windows (`blocking.max_block`). */
  maxBlock: number;
  /** Sorted-neighbourhood window: each key meets windowSize − 1 neighbours on each side (`blocking.window`). */
  windowSize: number;
  /**
   * Shortest first token that gets one-deletion `char_key` variants; tokens one character shorter still get
   * their whole text as a key so a deletion from a longer token can meet them.
   */
  charKeyMinLength: number;
}

/** Key kinds, indexed by the values stored in `Candidates.keyKind`. */
export const BLOCKING_KEY_KINDS = ['rare_token', 'first_token', 'char_key', 'window'] as const;
export type BlockingKeyKind = (typeof BLOCKING_KEY_KINDS)[number];
const KIND_WINDOW = 3;

export interface Candidates {
  /** Pair i is keys `a[i] < b[i]`; pairs are unique and sorted by (a, b). */
  a: Int32Array;
  b: Int32Array;
  /**
   * Index into BLOCKING_KEY_KINDS of the key recorded for the pair (`pairs.parquet` blocking key): the first of
   * rare_token, first_token, char_key whose block paired the two keys directly; `window` when only a
   * sorted-neighbourhood window of a jumbo block did.
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
  /** Pairs by their recorded key kind (Candidates.keyKind). */
  pairsByKeyKind: Record<BlockingKeyKind, number>;
  totalPairs: number;
  /** The largest block of any kind; `token` is its token text (rare/first) or the tokens of a char block. */
  largestBlock: { kind: 'rare_token' | 'first_token' | 'char_key'; token: string; size: number };
}

const BLOCK_KIND_NAMES = ['rare_token', 'first_token', 'char_key'] as const;

/** Growable typed output; pairs never become JS objects (SPEC §14). */
class PairBuffer {
  a = new Int32Array(1 << 16);
  b = new Int32Array(1 << 16);
  kind = new Uint8Array(1 << 16);
  count = 0;
  /** Make room for `n` more pairs. */
  reserve(n: number): void {
    if (this.count + n <= this.a.length) return;
    let size = this.a.length * 2;
    while (size < this.count + n) size *= 2;
    const a2 = new Int32Array(size);
    const b2 = new Int32Array(size);
    const k2 = new Uint8Array(size);
    a2.set(this.a.subarray(0, this.count));
    b2.set(this.b.subarray(0, this.count));
    k2.set(this.kind.subarray(0, this.count));
    this.a = a2;
    this.b = b2;
    this.kind = k2;
  }
}

/**
 * Collects one key's partners: `stamp[b] === owner` marks b as already collected for the current owner, `mask[b]`
 * accumulates which kinds found it (bits 0–2 direct rare/first/char, bits 3–5 their windows).
 */
class PartnerSet {
  readonly stamp: Int32Array;
  readonly mask: Uint8Array;
  list: Int32Array;
  size = 0;
  owner = -1;
  constructor(keyCount: number) {
    this.stamp = new Int32Array(keyCount).fill(-1);
    this.mask = new Uint8Array(keyCount);
    this.list = new Int32Array(64);
  }
  reset(owner: number): void {
    this.owner = owner;
    this.size = 0;
  }
  add(key: number, bit: number): void {
    if (this.stamp[key] === this.owner) {
      this.mask[key] = (this.mask[key] as number) | bit;
      return;
    }
    this.stamp[key] = this.owner;
    this.mask[key] = bit;
    if (this.size === this.list.length) {
      const grown = new Int32Array(this.list.length * 2);
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.size++] = key;
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
 * Add the partners `b > a` that block `block` gives key `a` (a member of it). Rare and first blocks pair all their
 * members, or — jumbo — each key's window in both text orders (bits 3–4). Char blocks pair keys whose first tokens
 * differ and whose next tokens agree, within the tail-order window (bit 2: the window is the char key's definition).
 */
function collectFromBlock(index: BlockIndex, block: number, a: number, w: number, partners: PartnerSet): void {
  const { blockOffsets, members, blockKind } = index;
  const start = blockOffsets[block] as number;
  const end = blockOffsets[block + 1] as number;
  const kind = blockKind[block] as number;
  const order = index.orderStart[block] as number;
  if (kind === KIND_CHAR) {
    const { firstToken, nextToken } = index;
    const ownFirst = firstToken[a] as number;
    const ownNext = nextToken[a] as number;
    const bit = 1 << KIND_CHAR;
    if (order < 0) {
      for (let p = end - 1; p >= start; p--) {
        const b = members[p] as number;
        if (b <= a) break;
        if (firstToken[b] !== ownFirst && nextToken[b] === ownNext) partners.add(b, bit);
      }
      return;
    }
    const size = end - start;
    const at = index.posA[order + slotOf(members, start, end, a)] as number;
    const hi = Math.min(size - 1, at + (w - 1));
    for (let q = Math.max(0, at - (w - 1)); q <= hi; q++) {
      const b = index.orderA[order + q] as number;
      if (b > a && firstToken[b] !== ownFirst && nextToken[b] === ownNext) partners.add(b, bit);
    }
    return;
  }
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

/** Partners `b > a` within `w − 1` positions of `at` in `order[start, start + size)`. */
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
  const lo = Math.max(start, at - (w - 1));
  const hi = Math.min(start + size - 1, at + (w - 1));
  for (let q = lo; q <= hi; q++) {
    const b = order[q] as number;
    if (b > a) partners.add(b, bit);
  }
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

/**
 * Candidate pairs of distinct keys (SPEC §5.2). `cores[i]` is key i's `name_core`; `eligible[i] = 0` leaves key i
 * out entirely (junk/unusable, SPEC §4). `stats` (from computeTokenStats with the same eligibility) may be passed
 * to share the df computation with grouping.
 * @example cores ['walmart store', 'walmrt store', 'acme'] (store above maxTokenDf) → one pair (0, 1), kind char_key
 */
export function generateCandidates(
  keys: KeyTokens,
  cores: readonly string[],
  eligible: Uint8Array,
  opts: BlockingOptions,
  stats?: TokenStats,
): { candidates: Candidates; report: BlockingReport } {
  const index = buildBlockIndex(keys, cores, eligible, opts, stats);
  const { keyCount, rare1, rare2, firstToken, rareBlockOf, firstBlockOf, charOffsets, charBlockIds } = index;
  const w = opts.windowSize;
  const partners = new PartnerSet(keyCount);
  const out = new PairBuffer();
  // Pairs per mask of finding kinds; the report's per-kind counts are derived from it once at the end.
  const pairsByMask = new Float64Array(64);
  for (let a = 0; a < keyCount; a++) {
    const first = firstToken[a] as number;
    if (first < 0) continue; // ineligible, or nothing but weak tokens
    partners.reset(a);
    const r1 = rare1[a] as number;
    const r2 = rare2[a] as number;
    if (r1 >= 0) collectFromBlock(index, rareBlockOf[r1] as number, a, w, partners);
    if (r2 >= 0) collectFromBlock(index, rareBlockOf[r2] as number, a, w, partners);
    collectFromBlock(index, firstBlockOf[first] as number, a, w, partners);
    for (let p = charOffsets[first] as number; p < (charOffsets[first + 1] as number); p++) {
      collectFromBlock(index, charBlockIds[p] as number, a, w, partners);
    }
    const n = partners.size;
    if (n === 0) continue;
    const list = partners.list;
    sortPrefix(list, n);
    out.reserve(n);
    const { mask } = partners;
    let at = out.count;
    for (let i = 0; i < n; i++) {
      const b = list[i] as number;
      const m = mask[b] as number;
      out.a[at] = a;
      out.b[at] = b;
      out.kind[at] = KIND_OF_MASK[m] as number;
      pairsByMask[m] = (pairsByMask[m] as number) + 1;
      at++;
    }
    out.count = at;
  }
  const candidates: Candidates = {
    a: out.a.slice(0, out.count),
    b: out.b.slice(0, out.count),
    keyKind: out.kind.slice(0, out.count),
    count: out.count,
  };
  return { candidates, report: buildReport(keys, eligible, opts, index, pairsByMask) };
}

/** Recorded kind for a mask of finding kinds: the first direct kind, else `window`. */
const KIND_OF_MASK = Uint8Array.from({ length: 64 }, (_, m) =>
  m & 1 ? KIND_RARE : m & 2 ? KIND_FIRST : m & 4 ? KIND_CHAR : KIND_WINDOW,
);

/** Sort `list[0, n)` ascending: insertion sort for the usual handful of partners, the native sort beyond. */
function sortPrefix(list: Int32Array, n: number): void {
  if (n > 24) {
    list.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = list[i] as number;
    let j = i - 1;
    while (j >= 0 && (list[j] as number) > v) {
      list[j + 1] = list[j] as number;
      j--;
    }
    list[j + 1] = v;
  }
}

function buildReport(
  keys: KeyTokens,
  eligible: Uint8Array,
  opts: BlockingOptions,
  index: BlockIndex,
  pairsByMask: Float64Array,
): BlockingReport {
  const byKind = [0, 0, 0, 0];
  const found = [0, 0, 0];
  const unique = [0, 0, 0];
  const windowOnly = [0, 0, 0];
  pairsByMask.forEach((count, mask) => {
    if (count === 0) return;
    const recorded = KIND_OF_MASK[mask] as number;
    byKind[recorded] = (byKind[recorded] as number) + count;
    for (let k = 0; k < 3; k++) {
      const own = mask & ((1 << k) | (1 << (k + 3)));
      if (own === 0) continue;
      found[k] = (found[k] as number) + count;
      if (own === mask) unique[k] = (unique[k] as number) + count;
      if ((mask & (1 << k)) === 0) windowOnly[k] = (windowOnly[k] as number) + count;
    }
  });
  const kinds = [emptyKindReport(), emptyKindReport(), emptyKindReport()];
  let largest = { kind: 0, block: -1, size: 0 };
  for (let blk = 0; blk < index.blockCount; blk++) {
    const size = (index.blockOffsets[blk + 1] as number) - (index.blockOffsets[blk] as number);
    if (size < 2) continue;
    const kind = index.blockKind[blk] as number;
    const r = kinds[kind] as BlockKindReport;
    r.blocks++;
    if ((index.orderStart[blk] as number) >= 0) r.windowedBlocks++;
    if (size > r.largestBlock) r.largestBlock = size;
    const bucket = r.blockSizes.find((x) => x.upTo === null || size <= x.upTo) as { blocks: number; allPairs: number };
    bucket.blocks++;
    bucket.allPairs += (size * (size - 1)) / 2;
    if (size > largest.size) largest = { kind, block: blk, size };
  }
  kinds.forEach((r, k) => {
    r.pairsFound = found[k] as number;
    r.pairsUnique = unique[k] as number;
    r.pairsByWindowOnly = windowOnly[k] as number;
  });
  let eligibleKeys = 0;
  let keysWithoutBlockingKey = 0;
  for (let k = 0; k < keys.keyCount; k++) {
    if (eligible[k] === 0) continue;
    eligibleKeys++;
    if (index.firstToken[k] === -1) keysWithoutBlockingKey++;
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
      rare_token: kinds[0] as BlockKindReport,
      first_token: kinds[1] as BlockKindReport,
      char_key: kinds[2] as BlockKindReport,
    },
    pairsByKeyKind: {
      rare_token: byKind[0] as number,
      first_token: byKind[1] as number,
      char_key: byKind[2] as number,
      window: byKind[3] as number,
    },
    totalPairs: byKind.reduce((s, v) => s + v, 0),
    largestBlock: {
      kind: BLOCK_KIND_NAMES[largest.kind as 0 | 1 | 2],
      token: largest.block < 0 ? '' : blockLabel(keys, index, largest.block),
      size: largest.size,
    },
  };
}

/** Token text of a rare/first block; for a char block, its first tokens joined by `|`. */
function blockLabel(keys: KeyTokens, index: BlockIndex, block: number): string {
  const token = index.blockToken[block] as number;
  if (token >= 0) return keys.tokens[token] as string;
  const labels = new Set<string>();
  for (let p = index.blockOffsets[block] as number; p < (index.blockOffsets[block + 1] as number); p++) {
    labels.add(keys.tokens[index.firstToken[index.members[p] as number] as number] as string);
    if (labels.size > 5) break;
  }
  return [...labels].join('|');
}

export interface BlockingIndex {
  /**
   * Candidate keys for a name that is not one of the keys — an alias (SPEC §7.2). `tokens` are the name's tokens
   * after the matching rewrites (rewriteTokens), `core` its `name_core`. A token counts as weak when the keys'
   * dictionary flags it weak (a token no key has cannot block anyway). Returns ascending key ids.
   * @example index over ['quick drain plumbing', 'acme'] → query(['quick', 'drain'], 'quick drain') → [0]
   */
  query(tokens: readonly string[], core: string): Int32Array;
}

/**
 * The blocking index for alias lookups (SPEC §7.2). A query meets the keys a key with the same tokens would: the
 * rare blocks of its two rarest tokens (chosen among tokens some key has), its first token's block, and the keys
 * whose first token is one typo away and whose next token is the query's. A jumbo block contributes the
 * windowSize − 1 keys on each side of where the query's text would sort in each of its orders.
 */
export function createBlockingIndex(
  keys: KeyTokens,
  cores: readonly string[],
  eligible: Uint8Array,
  opts: BlockingOptions,
  stats?: TokenStats,
): BlockingIndex {
  const index = buildBlockIndex(keys, cores, eligible, opts, stats);
  const dictionary = new Map<string, number>();
  keys.tokens.forEach((token, id) => {
    dictionary.set(token, id);
  });
  const w = opts.windowSize;
  const scale = 2 ** index.variantTokenBits;
  const hashShift = Math.max(0, index.variantTokenBits - 21);
  const scratch16 = new Uint16Array(256);
  const coreOf = (k: number): string => cores[k] as string;
  const reversedOf = (k: number): string => index.reversedCores[k] as string;

  /** Keys of rare/first `block` (all, or the windows around `probe`), passed to `take`. */
  const visitBlock = (block: number, probe: string, take: (key: number) => void): void => {
    const start = index.blockOffsets[block] as number;
    const end = index.blockOffsets[block + 1] as number;
    const order = index.orderStart[block] as number;
    if (order < 0) {
      for (let p = start; p < end; p++) take(index.members[p] as number);
      return;
    }
    const around = (orderArr: Int32Array, text: (k: number) => string, key: string): void => {
      const at = lowerBoundByText(orderArr, order, order + end - start, text, key);
      const hi = Math.min(order + end - start, at + (w - 1));
      for (let q = Math.max(order, at - (w - 1)); q < hi; q++) take(orderArr[q] as number);
    };
    around(index.orderA, coreOf, probe);
    around(index.orderB, reversedOf, reverseText(probe, scratch16));
  };

  return {
    query(tokens: readonly string[], core: string): Int32Array {
      const found = new Set<number>();
      const add = (key: number): void => {
        found.add(key);
      };
      const content: string[] = []; // non-weak tokens, in order
      let best1 = -1;
      let best2 = -1;
      let df1 = 0;
      let df2 = 0;
      for (const text of tokens) {
        const t = dictionary.get(text);
        if (t !== undefined && keys.isWeak[t] === 1) continue;
        content.push(text);
        if (t === undefined || t === best1 || t === best2) continue;
        const d = index.stats.df[t] as number;
        if (d === 0 || d > opts.maxTokenDf) continue; // df 0: only ineligible keys have it
        if (best1 < 0 || d < df1) {
          best2 = best1;
          df2 = df1;
          best1 = t;
          df1 = d;
        } else if (best2 < 0 || d < df2) {
          best2 = t;
          df2 = d;
        }
      }
      const firstText = content[0];
      if (firstText === undefined) return new Int32Array(0);
      for (const t of [best1, best2]) {
        if (t >= 0 && (index.rareBlockOf[t] as number) >= 0) visitBlock(index.rareBlockOf[t] as number, core, add);
      }
      const firstId = dictionary.get(firstText) ?? -1;
      if (firstId >= 0 && (index.firstBlockOf[firstId] as number) >= 0) {
        visitBlock(index.firstBlockOf[firstId] as number, core, add);
      }
      // Char key: keys whose first token is one typo away and whose next token is the query's (−2: a next token
      // no key has, so nothing can agree with it).
      const nextText = content[1];
      const nextId = nextText === undefined ? -1 : (dictionary.get(nextText) ?? -2);
      if (nextId === -2) return Int32Array.from(found).sort();
      const hashes = new Uint32Array(firstText.length + 1);
      const n = charKeyHashes(firstText, opts.charKeyMinLength, hashes);
      const neighbours = new Set<number>();
      for (let i = 0; i < n; i++) {
        const low = ((hashes[i] as number) >>> hashShift) * scale;
        let lo = 0;
        let hi = index.variants.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((index.variants[mid] as number) < low) lo = mid + 1;
          else hi = mid;
        }
        for (let p = lo; p < index.variants.length && (index.variants[p] as number) < low + scale; p++) {
          const t = (index.variants[p] as number) - low;
          if (t !== firstId) neighbours.add(t);
        }
      }
      const tail = content.slice(1).join(' ');
      const takeIfNextAgrees = (key: number): void => {
        if (index.nextToken[key] === nextId) found.add(key);
      };
      for (const t of neighbours) {
        const block = index.firstBlockOf[t] as number;
        if (block < 0) continue;
        // Probe the neighbour's block with the query re-spelt with the neighbour's first token.
        const probe = tail.length === 0 ? (keys.tokens[t] as string) : `${keys.tokens[t] as string} ${tail}`;
        visitBlock(block, probe, takeIfNextAgrees);
      }
      return Int32Array.from(found).sort();
    },
  };
}
