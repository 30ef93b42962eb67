/**
 * The blocks of SPEC §5.2 over distinct keys, in typed arrays: one CSR table of blocks (kind, members sorted by
 * key id) with, for each jumbo block, its members in window order. Candidate generation and the alias lookup of
 * SPEC §7.2 both read this one index, so an alias meets exactly the keys a name with the same tokens would.
 */
import type { KeyTokens } from '../key-tokens.js';
import type { TokenStats } from '../token-stats.js';
import { computeTokenStats } from '../token-stats.js';
import { charKeyHashes } from './char-key.js';
import { orderMembers, rankKeysByText, reverseText } from './sorted-order.js';

/** Block kinds, in the priority order used to record which key found a pair. */
export const KIND_RARE = 0;
export const KIND_FIRST = 1;
export const KIND_CHAR = 2;

export interface BlockIndexOptions {
  maxTokenDf: number;
  maxBlock: number;
  windowSize: number;
  charKeyMinLength: number;
}

export interface BlockIndex {
  keyCount: number;
  stats: TokenStats;
  /** Key → its first non-weak token id, −1 when it has none or is ineligible. */
  firstToken: Int32Array;
  /** Key → its second non-weak token id, −1 when it has none: char-key partners must agree on it. */
  nextToken: Int32Array;
  /** Key → its rarest / second-rarest blocking token id (SPEC §5.2), −1 when absent. */
  rare1: Int32Array;
  rare2: Int32Array;
  blockCount: number;
  blockKind: Uint8Array;
  /** Rare and first blocks: the token; char blocks: −1. */
  blockToken: Int32Array;
  /** Members of block k are `members[blockOffsets[k] .. blockOffsets[k + 1])`, ascending key ids. */
  blockOffsets: Int32Array;
  members: Int32Array;
  /** Token → its rare block / first-token block, −1 when none. */
  rareBlockOf: Int32Array;
  firstBlockOf: Int32Array;
  /** Token → char blocks holding the keys that start with it: `charBlockIds[charOffsets[t] .. charOffsets[t + 1])`. */
  charOffsets: Int32Array;
  charBlockIds: Int32Array;
  /**
   * Jumbo blocks (more than maxBlock keys): `orderStart[k]` ≥ 0 locates the block's window orders. For block k of
   * size s, `orderA[o .. o + s)` is its members in primary text order and `posA[o + slot]` the position of
   * `members[blockOffsets[k] + slot]` there; likewise `orderB`/`posB` for the secondary order (rare and first
   * blocks only). −1 for blocks that pair all their members.
   */
  orderStart: Int32Array;
  orderA: Int32Array;
  posA: Int32Array;
  orderB: Int32Array;
  posB: Int32Array;
  /** Sorted `hash · 2^variantTokenBits + token` of every first token's char keys, for alias lookups. */
  variants: Float64Array;
  variantTokenBits: number;
  /** Texts behind the window orders, kept for alias lookups (ranked keys only; others are empty strings). */
  reversedCores: string[];
}

/** Validate options once, at the boundary: a clear message beats a silent empty candidate set. */
export function checkBlockIndexOptions(opts: BlockIndexOptions): void {
  const problems: string[] = [];
  if (!(opts.maxTokenDf >= 1)) problems.push(`maxTokenDf=${opts.maxTokenDf} (need ≥ 1)`);
  if (!(opts.maxBlock >= 2)) problems.push(`maxBlock=${opts.maxBlock} (need ≥ 2)`);
  if (!(opts.windowSize >= 2)) problems.push(`windowSize=${opts.windowSize} (need ≥ 2)`);
  if (!(opts.charKeyMinLength >= 2)) problems.push(`charKeyMinLength=${opts.charKeyMinLength} (need ≥ 2)`);
  if (problems.length > 0) throw new RangeError(`blocking options: ${problems.join('; ')}.`);
}

/** Pick each eligible key's first non-weak token and its two rarest blocking tokens (SPEC §5.2 bullets 1–2). */
function chooseBlockingTokens(
  keys: KeyTokens,
  eligible: Uint8Array,
  df: Int32Array,
  maxTokenDf: number,
): { firstToken: Int32Array; nextToken: Int32Array; rare1: Int32Array; rare2: Int32Array } {
  const { keyCount, offsets, ids, isWeak } = keys;
  const firstToken = new Int32Array(keyCount).fill(-1);
  const nextToken = new Int32Array(keyCount).fill(-1);
  const rare1 = new Int32Array(keyCount).fill(-1);
  const rare2 = new Int32Array(keyCount).fill(-1);
  for (let k = 0; k < keyCount; k++) {
    if (eligible[k] === 0) continue;
    let first = -1;
    let next = -1;
    let best1 = -1;
    let best2 = -1;
    let df1 = 0;
    let df2 = 0;
    for (let p = offsets[k] as number, end = offsets[k + 1] as number; p < end; p++) {
      const t = ids[p] as number;
      if (isWeak[t] === 1) continue;
      if (first < 0) first = t;
      else if (next < 0) next = t;
      const d = df[t] as number;
      if (d > maxTokenDf || t === best1 || t === best2) continue;
      // Strict `<`: equal document frequencies keep the earlier token of the core, independent of token ids.
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
    firstToken[k] = first;
    nextToken[k] = next;
    rare1[k] = best1;
    rare2[k] = best2;
  }
  return { firstToken, nextToken, rare1, rare2 };
}

/**
 * Groups of distinct first tokens that share a char-key variant (SPEC §5.2 bullet 3). Returns the sorted variant
 * table (kept for alias lookups) and each group's token list as CSR, groups deduplicated by token set.
 */
function groupFirstTokensByCharKey(
  keys: KeyTokens,
  firstBlockOf: Int32Array,
  minLength: number,
): { variants: Float64Array; tokenBits: number; groupOffsets: Int32Array; groupTokens: Int32Array } {
  const tokenCount = keys.tokens.length;
  const tokenBits = Math.max(1, Math.ceil(Math.log2(tokenCount + 1)));
  // hash · 2^tokenBits + token must stay below 2^53; beyond 2^21 tokens the hash gives up low bits (more
  // collisions, i.e. a few spurious blocks, never a lost one).
  const hashShift = Math.max(0, tokenBits - 21);
  const scale = 2 ** tokenBits;
  let total = 0;
  let longest = 0;
  for (let t = 0; t < tokenCount; t++) {
    if (firstBlockOf[t] === -1) continue;
    const n = (keys.tokens[t] as string).length;
    total += n + 1;
    if (n > longest) longest = n;
  }
  const packed = new Float64Array(total);
  const scratch = new Uint32Array(longest + 1);
  let used = 0;
  for (let t = 0; t < tokenCount; t++) {
    if (firstBlockOf[t] === -1) continue;
    const n = charKeyHashes(keys.tokens[t] as string, minLength, scratch);
    for (let i = 0; i < n; i++) packed[used++] = ((scratch[i] as number) >>> hashShift) * scale + t;
  }
  const variants = packed.slice(0, used).sort();

  const groupOffsets: number[] = [0];
  const groupTokens: number[] = [];
  const seenGroups = new Set<string>();
  const run: number[] = [];
  for (let i = 0; i < used; ) {
    const hash = Math.floor((variants[i] as number) / scale);
    run.length = 0;
    let j = i;
    for (; j < used && Math.floor((variants[j] as number) / scale) === hash; j++) {
      const t = (variants[j] as number) - hash * scale;
      if (run.length === 0 || run[run.length - 1] !== t) run.push(t);
    }
    i = j;
    if (run.length < 2) continue;
    const signature = run.join(',');
    if (seenGroups.has(signature)) continue;
    seenGroups.add(signature);
    for (const t of run) groupTokens.push(t);
    groupOffsets.push(groupTokens.length);
  }
  return {
    variants,
    tokenBits,
    groupOffsets: Int32Array.from(groupOffsets),
    groupTokens: Int32Array.from(groupTokens),
  };
}

/** Build the block index over the eligible keys (SPEC §5.2). `stats` may be passed to share one df computation. */
export function buildBlockIndex(
  keys: KeyTokens,
  cores: readonly string[],
  eligible: Uint8Array,
  opts: BlockIndexOptions,
  stats?: TokenStats,
): BlockIndex {
  checkBlockIndexOptions(opts);
  const { keyCount } = keys;
  if (cores.length !== keyCount || eligible.length !== keyCount) {
    throw new RangeError(
      `blocking: ${keyCount} keys but ${cores.length} cores and ${eligible.length} eligibility flags; pass one of each per key.`,
    );
  }
  const tokenStats = stats ?? computeTokenStats(keys, cores, eligible);
  const tokenCount = keys.tokens.length;
  const { firstToken, nextToken, rare1, rare2 } = chooseBlockingTokens(keys, eligible, tokenStats.df, opts.maxTokenDf);

  // Block sizes by token (counting sort: members come out in ascending key order for free).
  const rareSize = new Int32Array(tokenCount);
  const firstSize = new Int32Array(tokenCount);
  for (let k = 0; k < keyCount; k++) {
    const r1 = rare1[k] as number;
    const r2 = rare2[k] as number;
    const f = firstToken[k] as number;
    if (r1 >= 0) rareSize[r1] = (rareSize[r1] as number) + 1;
    if (r2 >= 0) rareSize[r2] = (rareSize[r2] as number) + 1;
    if (f >= 0) firstSize[f] = (firstSize[f] as number) + 1;
  }
  const rareBlockOf = new Int32Array(tokenCount).fill(-1);
  const firstBlockOf = new Int32Array(tokenCount).fill(-1);
  const sizes: number[] = [];
  const kinds: number[] = [];
  const blockTokens: number[] = [];
  for (let t = 0; t < tokenCount; t++) {
    if (rareSize[t] === 0) continue;
    rareBlockOf[t] = sizes.length;
    sizes.push(rareSize[t] as number);
    kinds.push(KIND_RARE);
    blockTokens.push(t);
  }
  for (let t = 0; t < tokenCount; t++) {
    if (firstSize[t] === 0) continue;
    firstBlockOf[t] = sizes.length;
    sizes.push(firstSize[t] as number);
    kinds.push(KIND_FIRST);
    blockTokens.push(t);
  }
  const groups = groupFirstTokensByCharKey(keys, firstBlockOf, opts.charKeyMinLength);
  const groupCount = groups.groupOffsets.length - 1;
  const firstCharBlock = sizes.length;
  for (let g = 0; g < groupCount; g++) {
    let size = 0;
    for (let p = groups.groupOffsets[g] as number; p < (groups.groupOffsets[g + 1] as number); p++) {
      size += firstSize[groups.groupTokens[p] as number] as number;
    }
    sizes.push(size);
    kinds.push(KIND_CHAR);
    blockTokens.push(-1);
  }

  const blockCount = sizes.length;
  const blockOffsets = new Int32Array(blockCount + 1);
  for (let b = 0; b < blockCount; b++) blockOffsets[b + 1] = (blockOffsets[b] as number) + (sizes[b] as number);
  const members = new Int32Array(blockOffsets[blockCount] as number);
  const cursor = blockOffsets.slice(0, blockCount);
  const put = (block: number, key: number): void => {
    const at = cursor[block] as number;
    members[at] = key;
    cursor[block] = at + 1;
  };
  for (let k = 0; k < keyCount; k++) {
    const r1 = rare1[k] as number;
    const r2 = rare2[k] as number;
    const f = firstToken[k] as number;
    if (r1 >= 0) put(rareBlockOf[r1] as number, k);
    if (r2 >= 0) put(rareBlockOf[r2] as number, k);
    if (f >= 0) put(firstBlockOf[f] as number, k);
  }
  // A char block is the union of its tokens' first-token blocks, re-sorted by key id.
  const charCount = new Int32Array(tokenCount + 1);
  for (let g = 0; g < groupCount; g++) {
    const block = firstCharBlock + g;
    for (let p = groups.groupOffsets[g] as number; p < (groups.groupOffsets[g + 1] as number); p++) {
      const t = groups.groupTokens[p] as number;
      charCount[t] = (charCount[t] as number) + 1;
      const fb = firstBlockOf[t] as number;
      const at = cursor[block] as number;
      members.set(members.subarray(blockOffsets[fb] as number, blockOffsets[fb + 1] as number), at);
      cursor[block] = at + (firstSize[t] as number);
    }
    members.subarray(blockOffsets[block] as number, blockOffsets[block + 1] as number).sort();
  }
  const charOffsets = new Int32Array(tokenCount + 1);
  for (let t = 0; t < tokenCount; t++) charOffsets[t + 1] = (charOffsets[t] as number) + (charCount[t] as number);
  const charBlockIds = new Int32Array(charOffsets[tokenCount] as number);
  const charCursor = charOffsets.slice(0, tokenCount);
  for (let g = 0; g < groupCount; g++) {
    for (let p = groups.groupOffsets[g] as number; p < (groups.groupOffsets[g + 1] as number); p++) {
      const t = groups.groupTokens[p] as number;
      const at = charCursor[t] as number;
      charBlockIds[at] = firstCharBlock + g;
      charCursor[t] = at + 1;
    }
  }

  const blockKind = Uint8Array.from(kinds);
  const orders = buildWindowOrders(keys, cores, blockKind, blockOffsets, members, firstToken, opts);
  return {
    keyCount,
    stats: tokenStats,
    firstToken,
    nextToken,
    rare1,
    rare2,
    blockCount,
    blockKind,
    blockToken: Int32Array.from(blockTokens),
    blockOffsets,
    members,
    rareBlockOf,
    firstBlockOf,
    charOffsets,
    charBlockIds,
    ...orders,
    variants: groups.variants,
    variantTokenBits: groups.tokenBits,
  };
}

/**
 * Window orders of the jumbo blocks (SPEC §5.2 fallback).
 * Rare and first blocks: primary order by core text, secondary by reversed core text — neighbours that share
 * the start of the name and neighbours that share its end both meet.
 * Char blocks: by the core after its first token (then core): the keys in a char block differ in the first word
 * by a typo, so the rest of the name is what puts `walmrt stores` next to `walmart stores`.
 */
function buildWindowOrders(
  keys: KeyTokens,
  cores: readonly string[],
  blockKind: Uint8Array,
  blockOffsets: Int32Array,
  members: Int32Array,
  firstToken: Int32Array,
  opts: BlockIndexOptions,
): Pick<BlockIndex, 'orderStart' | 'orderA' | 'posA' | 'orderB' | 'posB' | 'reversedCores'> {
  const { keyCount } = keys;
  const blockCount = blockKind.length;
  const orderStart = new Int32Array(blockCount).fill(-1);
  let totalA = 0;
  let totalB = 0;
  const inTextJumbo = new Uint8Array(keyCount);
  const inCharJumbo = new Uint8Array(keyCount);
  for (let b = 0; b < blockCount; b++) {
    const size = (blockOffsets[b + 1] as number) - (blockOffsets[b] as number);
    // Char blocks pair only through the tail order (see above); a block within one window needs no order.
    const limit = blockKind[b] === KIND_CHAR ? opts.windowSize : opts.maxBlock;
    if (size <= limit) continue;
    orderStart[b] = totalA;
    totalA += size;
    const mark = blockKind[b] === KIND_CHAR ? inCharJumbo : inTextJumbo;
    if (blockKind[b] !== KIND_CHAR) totalB += size;
    for (let p = blockOffsets[b] as number; p < (blockOffsets[b + 1] as number); p++) mark[members[p] as number] = 1;
  }
  const orderA = new Int32Array(totalA);
  const posA = new Int32Array(totalA);
  // orderB shares orderA's offsets for rare/first blocks; char blocks leave their stretch of orderB unused.
  const orderB = new Int32Array(totalB > 0 ? totalA : 0);
  const posB = new Int32Array(totalB > 0 ? totalA : 0);
  const reversedCores: string[] = new Array<string>(keyCount).fill('');
  if (totalA === 0) return { orderStart, orderA, posA, orderB, posB, reversedCores };

  const textKeys: number[] = [];
  const charKeys: number[] = [];
  for (let k = 0; k < keyCount; k++) {
    if (inTextJumbo[k] === 1) textKeys.push(k);
    if (inCharJumbo[k] === 1) charKeys.push(k);
  }
  let coreRank: Int32Array | undefined;
  let reverseRank: Int32Array | undefined;
  if (textKeys.length > 0) {
    coreRank = rankKeysByText(textKeys, keyCount, cores);
    const scratch = new Uint16Array(256);
    for (const k of textKeys) reversedCores[k] = reverseText(cores[k] as string, scratch);
    reverseRank = rankKeysByText(textKeys, keyCount, reversedCores);
  }
  let tailRank: Int32Array | undefined;
  if (charKeys.length > 0) {
    const tails: string[] = new Array<string>(keyCount).fill('');
    for (const k of charKeys) tails[k] = tailAfterFirstToken(keys, k, firstToken[k] as number);
    // Keys with the same tail sort by core, so `abbott plumbing` sits beside `abott plumbing`.
    tailRank = rankKeysByText(charKeys, keyCount, tails, cores);
  }
  for (let b = 0; b < blockCount; b++) {
    const start = orderStart[b] as number;
    if (start < 0) continue;
    const blockMembers = members.subarray(blockOffsets[b] as number, blockOffsets[b + 1] as number);
    if (blockKind[b] === KIND_CHAR) {
      orderMembers(blockMembers, tailRank as Int32Array, orderA, posA, start);
    } else {
      orderMembers(blockMembers, coreRank as Int32Array, orderA, posA, start);
      orderMembers(blockMembers, reverseRank as Int32Array, orderB, posB, start);
    }
  }
  return { orderStart, orderA, posA, orderB, posB, reversedCores };
}

/**
 * The key's non-weak tokens after its first non-weak token, space-joined, rewritten
 * (`walmrt and sons stores` → `son store` with the plural rewrites): the char-key window order.
 */
export function tailAfterFirstToken(keys: KeyTokens, key: number, first: number): string {
  let text = '';
  let started = false;
  for (let p = keys.offsets[key] as number, end = keys.offsets[key + 1] as number; p < end; p++) {
    const t = keys.ids[p] as number;
    if (!started) {
      if (t === first) started = true;
      continue;
    }
    if (keys.isWeak[t] === 1) continue;
    text = text.length === 0 ? (keys.tokens[t] as string) : `${text} ${keys.tokens[t] as string}`;
  }
  return text;
}
