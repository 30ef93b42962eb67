/**
 * Alias lookup through the blocking index (SPEC §7.2): each alias is normalised like a name and meets the keys a
 * key with the same tokens would meet in candidate generation (SPEC §5.2).
 */
import type { KeyTokens } from '../key-tokens.js';
import type { TokenStats } from '../token-stats.js';
import { type BlockIndex, type BlockIndexOptions, buildBlockIndex, restStart } from './block-index.js';
import { charKeyHashes } from './char-key.js';
import { compareKeyWithTexts } from './sorted-order.js';

export interface BlockingIndex {
  /**
   * Candidate keys for a name that is not one of the keys — an alias. `tokens` are the name's `name_core` tokens
   * after the matching rewrites (rewriteTokens). A token counts as weak when the keys' dictionary flags it weak (a
   * token no key has cannot block anyway). Returns ascending key ids. `core` is not needed (the window orders are
   * over tokens) and is ignored.
   * @example index over ['quick drain plumbing', 'acme'] → query(['quick', 'drain']) → [0]
   */
  query(tokens: readonly string[], core?: string): Int32Array;
}

/**
 * The blocking index for alias lookups. A query meets: the rare blocks of its two rarest tokens (chosen among
 * tokens some key has), the block of its first non-weak token, and the keys whose first token is one typo away
 * and whose next token is the query's. A windowed block contributes the windowSize − 1 keys on each side of where
 * the query would sort in each of its orders.
 */
export function createBlockingIndex(
  keys: KeyTokens,
  cores: readonly string[],
  eligible: Uint8Array,
  opts: BlockIndexOptions,
  stats?: TokenStats,
  built?: BlockIndex,
): BlockingIndex {
  // `built`: the index candidate generation made of the same keys, eligibility, options and statistics.
  const index = built ?? buildBlockIndex(keys, cores, eligible, opts, stats);
  const dictionary = new Map<string, number>();
  keys.tokens.forEach((token, id) => {
    dictionary.set(token, id);
  });
  const w = opts.windowSize;
  return {
    query(tokens: readonly string[]): Int32Array {
      return queryIndex(index, keys, dictionary, opts, w, tokens);
    },
  };
}

function queryIndex(
  index: BlockIndex,
  keys: KeyTokens,
  dictionary: ReadonlyMap<string, number>,
  opts: BlockIndexOptions,
  w: number,
  tokens: readonly string[],
): Int32Array {
  const found = new Set<number>();
  const add = (key: number): void => {
    found.add(key);
  };
  const content: string[] = []; // the query's non-weak tokens, in order
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
    if (d === 0 || d > opts.maxTokenDf) continue; // df 0: only ineligible keys hold it
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
    if (t >= 0 && (index.rareBlockOf[t] as number) >= 0)
      visitBlock(index, keys, w, index.rareBlockOf[t] as number, tokens, add);
  }
  const firstId = dictionary.get(firstText) ?? -1;
  if (firstId >= 0 && (index.firstBlockOf[firstId] as number) >= 0) {
    visitBlock(index, keys, w, index.firstBlockOf[firstId] as number, tokens, add);
  }
  // Char key. A next token no key has (−2) cannot agree with any key's.
  const nextText = content[1];
  const nextId = nextText === undefined ? -1 : (dictionary.get(nextText) ?? -2);
  if (nextId !== -2) {
    const rest = content.slice(2);
    for (const t of typoNeighbours(index, firstText, opts.charKeyMinLength)) {
      if (t !== firstId) visitNextRun(index, keys, w, t, nextId, rest, add);
    }
  }
  return Int32Array.from(found).sort();
}

/** First tokens of keys that share a one-deletion variant with `text` (char-key.ts), ascending token ids. */
function typoNeighbours(index: BlockIndex, text: string, minLength: number): number[] {
  const { variantHashes, variantTokens } = index.char;
  const hashes = new Uint32Array(text.length + 1);
  const n = charKeyHashes(text, minLength, hashes);
  const out = new Set<number>();
  for (let i = 0; i < n; i++) {
    const h = hashes[i] as number;
    let lo = 0;
    let hi = variantHashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((variantHashes[mid] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    for (let p = lo; p < variantHashes.length && variantHashes[p] === h; p++) out.add(variantTokens[p] as number);
  }
  return [...out].sort((x, y) => x - y);
}

/** Keys of rare/first `block`: all, or its windows around where `probe` (token texts) would sort. */
function visitBlock(
  index: BlockIndex,
  keys: KeyTokens,
  w: number,
  block: number,
  probe: readonly string[],
  take: (key: number) => void,
): void {
  const start = index.blockOffsets[block] as number;
  const end = index.blockOffsets[block + 1] as number;
  const order = index.orderStart[block] as number;
  if (order < 0) {
    for (let p = start; p < end; p++) take(index.members[p] as number);
    return;
  }
  const orderEnd = order + end - start;
  for (const [orderArr, backward] of [
    [index.orderA, false],
    [index.orderB, true],
  ] as const) {
    let lo = order;
    let hi = orderEnd;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeyWithTexts(keys, orderArr[mid] as number, probe, backward) < 0) lo = mid + 1;
      else hi = mid;
    }
    const last = Math.min(orderEnd, lo + (w - 1));
    for (let q = Math.max(order, lo - (w - 1)); q < last; q++) take(orderArr[q] as number);
  }
}

/**
 * Keys whose first token is `first` and whose next token is `next` (−1: none): the run in the content order, all
 * of it when it fits in a window, else the window around where the query's `rest` (tokens after its next one)
 * would sort.
 */
function visitNextRun(
  index: BlockIndex,
  keys: KeyTokens,
  w: number,
  first: number,
  next: number,
  rest: readonly string[],
  take: (key: number) => void,
): void {
  const { contentOrder, nextToken, tokenRank } = index;
  const rankOfNext = (k: number): number => {
    const n = nextToken[k] as number;
    return n < 0 ? -1 : (tokenRank[n] as number);
  };
  const target = next < 0 ? -1 : (tokenRank[next] as number);
  const lowerBound = (lo: number, hi: number, below: (k: number) => boolean): number => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (below(contentOrder[mid] as number)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = index.firstStart[first] as number;
  const end = index.firstEnd[first] as number;
  const runStart = lowerBound(start, end, (k) => rankOfNext(k) < target);
  const runEnd = lowerBound(runStart, end, (k) => rankOfNext(k) <= target);
  if (runEnd - runStart <= w) {
    for (let p = runStart; p < runEnd; p++) take(contentOrder[p] as number);
    return;
  }
  const at = lowerBound(runStart, runEnd, (k) => compareRestWithTexts(keys, k, rest) < 0);
  const last = Math.min(runEnd, at + (w - 1));
  for (let p = Math.max(runStart, at - (w - 1)); p < last; p++) take(contentOrder[p] as number);
}

/** Key k's non-weak tokens after its second one, compared with `texts` token by token (a prefix first). */
function compareRestWithTexts(keys: KeyTokens, k: number, texts: readonly string[]): number {
  const end = keys.offsets[k + 1] as number;
  let i = 0;
  for (let p = restStart(keys, k); p < end; p++) {
    const t = keys.ids[p] as number;
    if (keys.isWeak[t] === 1) continue;
    if (i === texts.length) return 1;
    const a = keys.tokens[t] as string;
    const b = texts[i++] as string;
    if (a !== b) return a < b ? -1 : 1;
  }
  return i === texts.length ? 0 : -1;
}
