/**
 * The blocks of SPEC §5.2 over distinct keys, in typed arrays: a CSR table of rare-token and first-token blocks
 * (members sorted by key id) with, for each jumbo block, its members in window order; and the char-key blocks
 * (char-blocks.ts). Candidate generation and the alias lookup of SPEC §7.2 both read this one index, so an alias
 * meets the keys a name with the same tokens would.
 */
import type { KeyTokens } from '../key-tokens.js';
import type { TokenStats } from '../token-stats.js';
import { computeTokenStats } from '../token-stats.js';
import { sharedColumn } from '../typed-columns.js';
import { buildCharBlocks, type CharBlocks } from './char-blocks.js';
import { orderMembers, ranksOf, rankTokens, sortKeysBySequence } from './sorted-order.js';

/** Key kinds, in the priority order used to record which key found a pair. */
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
  /** Token id → rank of its text (the order of every text sort here). */
  tokenRank: Int32Array;
  /** Key → its first non-weak token id, −1 when it has none or is ineligible. */
  firstToken: Int32Array;
  /** Key → its second non-weak token id, −1 when it has none: char-key partners must agree on it. */
  nextToken: Int32Array;
  /** Key → its rarest / second-rarest blocking token id (SPEC §5.2), −1 when absent. */
  rare1: Int32Array;
  rare2: Int32Array;
  /** Rare and first blocks. Block k: kind `blockKind[k]`, token `blockToken[k]`. */
  blockCount: number;
  blockKind: Uint8Array;
  blockToken: Int32Array;
  /** Members of block k are `members[blockOffsets[k] .. blockOffsets[k + 1])`, ascending key ids. */
  blockOffsets: Int32Array;
  members: Int32Array;
  /** Token → its rare block / first-token block, −1 when none. */
  rareBlockOf: Int32Array;
  firstBlockOf: Int32Array;
  /**
   * Jumbo blocks (more than maxBlock keys): `orderStart[k]` ≥ 0 locates the block's window orders. For block k of
   * size s, `orderA[o .. o + s)` is its members in forward order and `posA[o + slot]` the position of
   * `members[blockOffsets[k] + slot]` there; likewise `orderB`/`posB` for the backward order. −1 for blocks that
   * pair all their members.
   */
  orderStart: Int32Array;
  orderA: Int32Array;
  posA: Int32Array;
  orderB: Int32Array;
  posB: Int32Array;
  /**
   * Keys with a first token, sorted by their non-weak tokens (then core): the keys starting with token t are
   * `contentOrder[firstStart[t] .. firstEnd[t])`, in runs by next token, each run in tail order.
   */
  contentOrder: Int32Array;
  firstStart: Int32Array;
  firstEnd: Int32Array;
  char: CharBlocks;
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

/** Pick each eligible key's first and next non-weak tokens and its two rarest blocking tokens (SPEC §5.2). */
export function chooseBlockingTokens(
  keys: KeyTokens,
  eligible: Uint8Array,
  df: Int32Array,
  maxTokenDf: number,
): { firstToken: Int32Array; nextToken: Int32Array; rare1: Int32Array; rare2: Int32Array } {
  const { keyCount, offsets, ids, isWeak } = keys;
  // The index's columns are on shared memory: posted to the candidate loop's worker, they are not copied (sharedColumn).
  const firstToken = sharedColumn(Int32Array, keyCount).fill(-1);
  const nextToken = sharedColumn(Int32Array, keyCount).fill(-1);
  const rare1 = sharedColumn(Int32Array, keyCount).fill(-1);
  const rare2 = sharedColumn(Int32Array, keyCount).fill(-1);
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
  for (const [size, blockOf, kind] of [
    [rareSize, rareBlockOf, KIND_RARE],
    [firstSize, firstBlockOf, KIND_FIRST],
  ] as const) {
    for (let t = 0; t < tokenCount; t++) {
      if (size[t] === 0) continue;
      blockOf[t] = sizes.length;
      sizes.push(size[t] as number);
      kinds.push(kind);
      blockTokens.push(t);
    }
  }
  const blockCount = sizes.length;
  const blockOffsets = sharedColumn(Int32Array, blockCount + 1);
  for (let b = 0; b < blockCount; b++) blockOffsets[b + 1] = (blockOffsets[b] as number) + (sizes[b] as number);
  const members = sharedColumn(Int32Array, blockOffsets[blockCount] as number);
  const cursor = blockOffsets.slice(0, blockCount);
  const put = (block: number, key: number): void => {
    const at = cursor[block] as number;
    members[at] = key;
    cursor[block] = at + 1;
  };
  const blockingKeys: number[] = [];
  for (let k = 0; k < keyCount; k++) {
    const r1 = rare1[k] as number;
    const r2 = rare2[k] as number;
    const f = firstToken[k] as number;
    if (r1 >= 0) put(rareBlockOf[r1] as number, k);
    if (r2 >= 0) put(rareBlockOf[r2] as number, k);
    if (f >= 0) {
      put(firstBlockOf[f] as number, k);
      blockingKeys.push(k);
    }
  }

  const tokenRank = rankTokens(keys.tokens);
  // Equal token sequences are ordered by core text. When key ids already follow core text (the pipeline numbers
  // keys in sorted order), the stable sort from ascending ids gives that order for free.
  const tieTexts = isAscending(cores) ? undefined : cores;
  const contentOrder = sortKeysBySequence(keys, tokenRank, Int32Array.from(blockingKeys), 'content', tieTexts);
  const firstStart = new Int32Array(tokenCount);
  const firstEnd = new Int32Array(tokenCount);
  for (let p = 0; p < contentOrder.length; p++) {
    const f = firstToken[contentOrder[p] as number] as number;
    if (p === 0 || firstToken[contentOrder[p - 1] as number] !== f) firstStart[f] = p;
    firstEnd[f] = p + 1;
  }
  const char = buildCharBlocks(
    keys,
    tokenRank,
    contentOrder,
    firstStart,
    firstEnd,
    nextToken,
    opts.charKeyMinLength,
    opts.windowSize,
    (x, y) => compareTails(keys, tokenRank, cores, x, y),
  );

  const blockKind = Uint8Array.from(kinds);
  const orders = buildWindowOrders(keys, tieTexts, tokenRank, blockOffsets, members, opts.maxBlock);
  return {
    keyCount,
    stats: tokenStats,
    tokenRank,
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
    ...orders,
    contentOrder,
    firstStart,
    firstEnd,
    char,
  };
}

function isAscending(texts: readonly string[]): boolean {
  for (let i = 1; i < texts.length; i++) if ((texts[i - 1] as string) > (texts[i] as string)) return false;
  return true;
}

/** Order of two keys by their non-weak tokens after the second one, then core text, then key id. */
function compareTails(keys: KeyTokens, tokenRank: Int32Array, cores: readonly string[], x: number, y: number): number {
  return compareKeySequences(keys, tokenRank, cores, x, restStart(keys, x), -1, -1, y, restStart(keys, y), -1, -1);
}

/**
 * Order of keys x and y by their non-weak tokens from position `fromX` / `fromY` in `keys.ids`, leaving out the
 * positions `[skipFromX, skipToX)` / `[skipFromY, skipToY)`, by text rank (a prefix first); then core text, key id.
 */
export function compareKeySequences(
  keys: KeyTokens,
  tokenRank: Int32Array,
  cores: readonly string[],
  x: number,
  fromX: number,
  skipFromX: number,
  skipToX: number,
  y: number,
  fromY: number,
  skipFromY: number,
  skipToY: number,
): number {
  const ex = keys.offsets[x + 1] as number;
  const ey = keys.offsets[y + 1] as number;
  let i = fromX;
  let j = fromY;
  for (;;) {
    while (i < ex && (keys.isWeak[keys.ids[i] as number] === 1 || (i >= skipFromX && i < skipToX))) i++;
    while (j < ey && (keys.isWeak[keys.ids[j] as number] === 1 || (j >= skipFromY && j < skipToY))) j++;
    if (i === ex || j === ey) {
      if (i !== ex) return 1;
      if (j !== ey) return -1;
      break;
    }
    const d = (tokenRank[keys.ids[i] as number] as number) - (tokenRank[keys.ids[j] as number] as number);
    if (d !== 0) return d;
    i++;
    j++;
  }
  const a = cores[x] as string;
  const b = cores[y] as string;
  return a < b ? -1 : a > b ? 1 : x - y;
}

/** Position in `keys.ids` just after key k's second non-weak token (or its end). */
export function restStart(keys: KeyTokens, k: number): number {
  let seen = 0;
  const end = keys.offsets[k + 1] as number;
  for (let p = keys.offsets[k] as number; p < end; p++) {
    if (keys.isWeak[keys.ids[p] as number] === 1) continue;
    if (++seen === 2) return p + 1;
  }
  return end;
}

/**
 * Window orders of the jumbo rare and first blocks (SPEC §5.2 fallback), over rewritten token sequences
 * (sorted-order.ts): forward (the core order) and backward (the core read backwards), so neighbours that share
 * the start of the name and neighbours that share its end both meet — a typo early in a word does not separate
 * `mountain printing` from `mountain pinting` in the backward order.
 */
function buildWindowOrders(
  keys: KeyTokens,
  tieTexts: readonly string[] | undefined,
  tokenRank: Int32Array,
  blockOffsets: Int32Array,
  members: Int32Array,
  maxBlock: number,
): Pick<BlockIndex, 'orderStart' | 'orderA' | 'posA' | 'orderB' | 'posB'> {
  const { keyCount } = keys;
  const blockCount = blockOffsets.length - 1;
  const orderStart = sharedColumn(Int32Array, blockCount).fill(-1);
  let total = 0;
  const inJumbo = new Uint8Array(keyCount);
  for (let b = 0; b < blockCount; b++) {
    const size = (blockOffsets[b + 1] as number) - (blockOffsets[b] as number);
    if (size <= maxBlock) continue;
    orderStart[b] = total;
    total += size;
    for (let p = blockOffsets[b] as number; p < (blockOffsets[b + 1] as number); p++) inJumbo[members[p] as number] = 1;
  }
  const orderA = sharedColumn(Int32Array, total);
  const posA = sharedColumn(Int32Array, total);
  const orderB = sharedColumn(Int32Array, total);
  const posB = sharedColumn(Int32Array, total);
  if (total === 0) return { orderStart, orderA, posA, orderB, posB };
  const jumboKeys: number[] = [];
  for (let k = 0; k < keyCount; k++) if (inJumbo[k] === 1) jumboKeys.push(k);
  const ids = Int32Array.from(jumboKeys);
  const forwardRank = ranksOf(sortKeysBySequence(keys, tokenRank, ids, 'forward', tieTexts), keyCount);
  const reversedRank = rankTokens(keys.tokens, true);
  const backwardRank = ranksOf(sortKeysBySequence(keys, reversedRank, ids, 'backward', tieTexts), keyCount);
  for (let b = 0; b < blockCount; b++) {
    const start = orderStart[b] as number;
    if (start < 0) continue;
    const blockMembers = members.subarray(blockOffsets[b] as number, blockOffsets[b + 1] as number);
    orderMembers(blockMembers, forwardRank, orderA, posA, start);
    orderMembers(blockMembers, backwardRank, orderB, posB, start);
  }
  return { orderStart, orderA, posA, orderB, posB };
}
