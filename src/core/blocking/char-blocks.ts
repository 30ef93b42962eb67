/**
 * Char-key blocks (SPEC §5.2 bullet 3): keys whose first non-weak tokens differ by one typo and whose next
 * non-weak tokens agree — `walmrt stores` / `walmart stores`, `abott plumbing` / `abbott plumbing`.
 *
 * First tokens are grouped by shared one-deletion variants (char-key.ts). Within a group, the keys are split by
 * their next token, and each next token held by two or more of the group's first tokens makes one small block,
 * windowed in tail order (the tokens after the next one, then core). Requiring the next token keeps blocks small:
 * `abbott` may start a thousand names, but only its `abbott plumbing …` names meet `abott plumbing`, and a block
 * wider than a window pairs each key with its window − 1 neighbours on each side only.
 */
import type { KeyTokens } from '../key-tokens.js';
import { sharedColumn, sharedInt32Array } from '../typed-columns.js';
import { charKeyHashes } from './char-key.js';

export interface CharBlocks {
  /** Block c holds `members[offsets[c] .. offsets[c + 1])`; a block wider than a window is in tail order. */
  offsets: Int32Array;
  members: Int32Array;
  /** Position in `members` → its block. */
  blockOf: Int32Array;
  /** Key → its positions in `members`: `keyPositions[keyOffsets[k] .. keyOffsets[k + 1])`. */
  keyOffsets: Int32Array;
  keyPositions: Int32Array;
  /** Every first token's char-key hashes, ascending, with the token each came from (alias lookups). */
  variantHashes: Uint32Array;
  variantTokens: Int32Array;
}

/**
 * Sort (hash, token) entries by hash with a two-pass LSD radix sort (16 bits a pass). Stable, so entries of one
 * hash keep their ascending token order.
 */
export function radixSortByHash(hashes: Uint32Array, tokens: Int32Array): { hashes: Uint32Array; tokens: Int32Array } {
  const n = hashes.length;
  let h: Uint32Array = hashes;
  let t: Int32Array = tokens;
  let h2: Uint32Array = new Uint32Array(n);
  let t2: Int32Array = new Int32Array(n);
  const count = new Int32Array(65_537);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = (((h[i] as number) >>> shift) & 0xffff) + 1;
      count[d] = (count[d] as number) + 1;
    }
    for (let d = 1; d < count.length; d++) count[d] = (count[d] as number) + (count[d - 1] as number);
    for (let i = 0; i < n; i++) {
      const d = ((h[i] as number) >>> shift) & 0xffff;
      const at = count[d] as number;
      h2[at] = h[i] as number;
      t2[at] = t[i] as number;
      count[d] = at + 1;
    }
    [h, h2] = [h2, h];
    [t, t2] = [t2, t];
  }
  return { hashes: h, tokens: t };
}

/**
 * Groups of distinct first tokens that share a char-key variant, as CSR over token ids (each token set once), plus
 * the sorted variant table. `isFirst[t] = 1` for tokens that start some eligible key.
 */
export function groupFirstTokensByCharKey(
  keys: KeyTokens,
  isFirst: Uint8Array,
  minLength: number,
): { variantHashes: Uint32Array; variantTokens: Int32Array; groupOffsets: Int32Array; groupTokens: Int32Array } {
  const tokenCount = keys.tokens.length;
  let total = 0;
  let longest = 0;
  for (let t = 0; t < tokenCount; t++) {
    if (isFirst[t] === 0) continue;
    const n = (keys.tokens[t] as string).length;
    total += n + 1;
    if (n > longest) longest = n;
  }
  const hashes = new Uint32Array(total);
  const owners = new Int32Array(total);
  const scratch = new Uint32Array(longest + 1);
  let used = 0;
  for (let t = 0; t < tokenCount; t++) {
    if (isFirst[t] === 0) continue;
    const n = charKeyHashes(keys.tokens[t] as string, minLength, scratch);
    for (let i = 0; i < n; i++) {
      hashes[used] = scratch[i] as number;
      owners[used++] = t;
    }
  }
  const sorted = radixSortByHash(hashes.subarray(0, used), owners.subarray(0, used));
  const variantHashes = sorted.hashes.slice();
  const variantTokens = sorted.tokens.slice();

  const groupOffsets: number[] = [0];
  const groupTokens: number[] = [];
  // A transposition shares two variants: its token pair is one group. Pairs are keyed first → seconds.
  const seenPairs = new Map<number, number[]>();
  const seenLarger = new Set<string>();
  const run: number[] = [];
  for (let i = 0; i < used; ) {
    const hash = variantHashes[i] as number;
    run.length = 0;
    let j = i;
    for (; j < used && variantHashes[j] === hash; j++) {
      const t = variantTokens[j] as number;
      if (run.length === 0 || run[run.length - 1] !== t) run.push(t);
    }
    i = j;
    if (run.length < 2) continue;
    if (run.length === 2) {
      const a = run[0] as number;
      const b = run[1] as number;
      const seconds = seenPairs.get(a);
      if (seconds === undefined) seenPairs.set(a, [b]);
      else if (seconds.includes(b)) continue;
      else seconds.push(b);
    } else {
      const signature = run.join(',');
      if (seenLarger.has(signature)) continue;
      seenLarger.add(signature);
    }
    for (const t of run) groupTokens.push(t);
    groupOffsets.push(groupTokens.length);
  }
  return {
    variantHashes,
    variantTokens,
    groupOffsets: Int32Array.from(groupOffsets),
    groupTokens: Int32Array.from(groupTokens),
  };
}

/** Growable Int32 list for block members (sizes are unknown until the groups are walked), ending on shared memory. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return sharedInt32Array(this.data.subarray(0, this.length));
  }
}

/**
 * Build the char blocks. `contentOrder` is every blocking key sorted by its non-weak tokens (then core), so the
 * keys of one first token are the range `firstStart[t] .. firstEnd[t]`, split into runs by next token (rank order,
 * "no next token" first), each run already in tail order. `compareTail(x, y)` orders two keys of different first
 * tokens by their tokens after the next one, then core. `tokenRank` is the token text order behind contentOrder.
 */
export function buildCharBlocks(
  keys: KeyTokens,
  tokenRank: Int32Array,
  contentOrder: Int32Array,
  firstStart: Int32Array,
  firstEnd: Int32Array,
  nextToken: Int32Array,
  minLength: number,
  windowSize: number,
  compareTail: (x: number, y: number) => number,
): CharBlocks {
  const tokenCount = keys.tokens.length;
  const isFirst = new Uint8Array(tokenCount);
  for (let t = 0; t < tokenCount; t++) if ((firstEnd[t] as number) > (firstStart[t] as number)) isFirst[t] = 1;
  const groups = groupFirstTokensByCharKey(keys, isFirst, minLength);
  const offsets = new IntList();
  offsets.push(0);
  const members = new IntList();
  const rankAt = (p: number): number => {
    const n = nextToken[contentOrder[p] as number] as number;
    return n < 0 ? -1 : (tokenRank[n] as number);
  };
  /** First position in `[lo, hi)` of the content order whose next-token rank is ≥ `rank`. */
  const seek = (lo: number, hi: number, rank: number): number => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rankAt(mid) < rank) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const candidates: number[] = [];
  const runLo: number[] = [];
  const runHi: number[] = [];
  /** Start of the current group in `groupTokens`: `tokenAt(i)` is its i-th first token (one closure, not one per group). */
  let from = 0;
  const tokenAt = (i: number): number => groups.groupTokens[from + i] as number;
  for (let g = 0; g + 1 < groups.groupOffsets.length; g++) {
    from = groups.groupOffsets[g] as number;
    const k = (groups.groupOffsets[g + 1] as number) - from;
    // A block needs two first tokens with the same next token, so the next tokens of all but the group's largest
    // first token are the only candidates; the largest (often a thousand keys) is only searched, never walked.
    let largest = 0;
    for (let i = 1; i < k; i++) {
      const size = (firstEnd[tokenAt(i)] as number) - (firstStart[tokenAt(i)] as number);
      if (size > (firstEnd[tokenAt(largest)] as number) - (firstStart[tokenAt(largest)] as number)) largest = i;
    }
    candidates.length = 0;
    for (let i = 0; i < k; i++) {
      if (i === largest) continue;
      for (let p = firstStart[tokenAt(i)] as number; p < (firstEnd[tokenAt(i)] as number); p++) {
        const r = rankAt(p);
        if (candidates.length === 0 || candidates[candidates.length - 1] !== r) candidates.push(r);
      }
    }
    if (k > 2) candidates.sort((x, y) => x - y);
    for (let c = 0; c < candidates.length; c++) {
      const rank = candidates[c] as number;
      if (c > 0 && candidates[c - 1] === rank) continue;
      let holders = 0;
      runLo.length = 0;
      runHi.length = 0;
      for (let i = 0; i < k; i++) {
        const t = tokenAt(i);
        const lo = seek(firstStart[t] as number, firstEnd[t] as number, rank);
        const hi = seek(lo, firstEnd[t] as number, rank + 1);
        runLo.push(lo);
        runHi.push(hi);
        if (hi > lo) holders++;
      }
      if (holders < 2) continue;
      const blockStart = members.length;
      for (let i = 0; i < k; i++) {
        for (let p = runLo[i] as number; p < (runHi[i] as number); p++) members.push(contentOrder[p] as number);
      }
      if (members.length - blockStart > windowSize) {
        const sorted = Array.from(members.data.subarray(blockStart, members.length)).sort(compareTail);
        members.data.set(sorted, blockStart);
      }
      offsets.push(members.length);
    }
  }
  const memberArray = members.toArray();
  const offsetArray = offsets.toArray();
  const blockCount = offsetArray.length - 1;
  // On shared memory, as the members: the candidate loop's threads read them without a copy (sharedColumn).
  const blockOf = sharedColumn(Int32Array, memberArray.length);
  for (let c = 0; c < blockCount; c++) blockOf.fill(c, offsetArray[c] as number, offsetArray[c + 1] as number);
  const keyOffsets = sharedColumn(Int32Array, keys.keyCount + 1);
  for (const k of memberArray) keyOffsets[k + 1] = (keyOffsets[k + 1] as number) + 1;
  for (let k = 0; k < keys.keyCount; k++) keyOffsets[k + 1] = (keyOffsets[k + 1] as number) + (keyOffsets[k] as number);
  const keyPositions = sharedColumn(Int32Array, memberArray.length);
  const cursor = keyOffsets.slice(0, keys.keyCount);
  for (let p = 0; p < memberArray.length; p++) {
    const k = memberArray[p] as number;
    const at = cursor[k] as number;
    keyPositions[at] = p;
    cursor[k] = at + 1;
  }
  return {
    offsets: offsetArray,
    members: memberArray,
    blockOf,
    keyOffsets,
    keyPositions,
    variantHashes: groups.variantHashes,
    variantTokens: groups.variantTokens,
  };
}
