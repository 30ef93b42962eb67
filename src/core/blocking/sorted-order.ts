/**
 * Text orders for the sorted-neighbourhood fallback of SPEC §5.2: a block with more than `blocking.max_block`
 * keys is not cut by row order but windowed over its keys sorted by text.
 *
 * Keys are sorted by their (rewritten) token sequences, compared token by token in code-unit order, shorter
 * first. Tokens hold no character below the space, so this is the order of the space-joined texts — the core
 * order — yet it needs no string comparison per key pair: tokens are ranked once, and keys are sorted by a
 * stable LSD radix sort over token ranks, one counting pass per token position. Every jumbo block uses the same
 * orders, so keys are ranked once and each block sorts its members by integer rank.
 */
import type { KeyTokens } from '../key-tokens.js';

/**
 * Token id → rank of its text in code-unit order (locale-free, the same on every machine); with `reversed`, of
 * its text read backwards — the rank behind the backward order.
 */
export function rankTokens(tokens: readonly string[], reversed = false): Int32Array {
  const texts = reversed ? tokens.map(reverseText) : tokens;
  const ids = Array.from(texts, (_, i) => i);
  ids.sort((x, y) => {
    const a = texts[x] as string;
    const b = texts[y] as string;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const rank = new Int32Array(tokens.length);
  for (let r = 0; r < ids.length; r++) rank[ids[r] as number] = r;
  return rank;
}

/** A token read backwards, by UTF-16 code unit (tokens are ASCII after normalisation, SPEC §3 step 1). */
export function reverseText(text: string): string {
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) out += text[i];
  return out;
}

/** Which tokens of a key form its sort sequence. */
export type SequenceKind = 'forward' | 'backward' | 'content';

/**
 * Write key `k`'s sort sequence as token rank + 1 into `out` from `at`; return its length.
 * forward: all tokens in core order (with text ranks: the core text order); backward: all tokens from the last one
 * (with reversed-text ranks: the order of the core read backwards, so names that share their end meet);
 * content: the non-weak tokens in core order (the blocking view of the name).
 */
function writeSequence(
  keys: KeyTokens,
  tokenRank: Int32Array,
  k: number,
  kind: SequenceKind,
  out: Int32Array,
  at: number,
): number {
  const start = keys.offsets[k] as number;
  const end = keys.offsets[k + 1] as number;
  let n = 0;
  if (kind === 'forward') {
    for (let p = start; p < end; p++) out[at + n++] = (tokenRank[keys.ids[p] as number] as number) + 1;
  } else if (kind === 'backward') {
    for (let p = end - 1; p >= start; p--) out[at + n++] = (tokenRank[keys.ids[p] as number] as number) + 1;
  } else {
    for (let p = start; p < end; p++) {
      const t = keys.ids[p] as number;
      if (keys.isWeak[t] === 0) out[at + n++] = (tokenRank[t] as number) + 1;
    }
  }
  return n;
}

/**
 * Stable sort of `order` (key ids) by the keys' sequences of `kind`: lexicographic over token ranks, a sequence
 * that is a prefix of another first. Equal sequences are ordered by `tieTexts[key]` (then key id) when given —
 * different cores can rewrite to one sequence (`acme stores` / `acme store`), and ordering them by text keeps the
 * windows independent of key order — else they keep their order in `order`. Returns a new array.
 */
export function sortKeysBySequence(
  keys: KeyTokens,
  tokenRank: Int32Array,
  order: Int32Array,
  kind: SequenceKind,
  tieTexts?: readonly string[],
): Int32Array {
  const n = order.length;
  const seqStart = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const k = order[i] as number;
    seqStart[i] = total;
    total += (keys.offsets[k + 1] as number) - (keys.offsets[k] as number);
  }
  const vals = new Int32Array(total);
  const len = new Int32Array(n);
  let maxLen = 0;
  for (let i = 0; i < n; i++) {
    const l = writeSequence(keys, tokenRank, order[i] as number, kind, vals, seqStart[i] as number);
    len[i] = l;
    if (l > maxLen) maxLen = l;
  }
  // LSD radix over positions, last to first; a missing position is bucket 0, so shorter sequences sort first.
  let cur = new Int32Array(n);
  for (let i = 0; i < n; i++) cur[i] = i;
  let tmp = new Int32Array(n);
  const count = new Int32Array(tokenRank.length + 2);
  for (let p = maxLen - 1; p >= 0; p--) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const e = cur[i] as number;
      const v = p < (len[e] as number) ? (vals[(seqStart[e] as number) + p] as number) : 0;
      count[v] = (count[v] as number) + 1;
    }
    let sum = 0;
    for (let r = 0; r < count.length; r++) {
      const c = count[r] as number;
      count[r] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const e = cur[i] as number;
      const v = p < (len[e] as number) ? (vals[(seqStart[e] as number) + p] as number) : 0;
      const at = count[v] as number;
      tmp[at] = e;
      count[v] = at + 1;
    }
    const swap = cur;
    cur = tmp;
    tmp = swap;
  }
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = order[cur[i] as number] as number;
  if (tieTexts === undefined) return sorted;
  const sameSequence = (x: number, y: number): boolean => {
    const l = len[x] as number;
    if (l !== len[y]) return false;
    for (let p = 0; p < l; p++) {
      if (vals[(seqStart[x] as number) + p] !== vals[(seqStart[y] as number) + p]) return false;
    }
    return true;
  };
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sameSequence(cur[i] as number, cur[j] as number)) j++;
    if (j - i > 1) {
      const run = Array.from(sorted.subarray(i, j)).sort((x, y) => {
        const a = tieTexts[x] as string;
        const b = tieTexts[y] as string;
        return a < b ? -1 : a > b ? 1 : x - y;
      });
      sorted.set(run, i);
    }
    i = j;
  }
  return sorted;
}

/** Key → its position in `sorted` (−1 for keys not in it). */
export function ranksOf(sorted: Int32Array, keyCount: number): Int32Array {
  const rank = new Int32Array(keyCount).fill(-1);
  for (let i = 0; i < sorted.length; i++) rank[sorted[i] as number] = i;
  return rank;
}

/**
 * Order `members` (a block's keys) by `rank` into `order[start ..]`, and record in `pos[start + slot]` where
 * `members[slot]` landed, so a key finds its window without a search.
 */
export function orderMembers(
  members: Int32Array,
  rank: Int32Array,
  order: Int32Array,
  pos: Int32Array,
  start: number,
): void {
  const size = members.length;
  // rank · size + slot stays below 2^53 for any realistic key count, and a Float64Array sorts natively.
  const packed = new Float64Array(size);
  for (let slot = 0; slot < size; slot++) packed[slot] = (rank[members[slot] as number] as number) * size + slot;
  packed.sort();
  for (let q = 0; q < size; q++) {
    const slot = (packed[q] as number) % size;
    order[start + q] = members[slot] as number;
    pos[start + slot] = q;
  }
}

/**
 * Compare key `k`'s token sequence with a sequence of token texts, in the order sortKeysBySequence gives: forward,
 * token by token in code-unit order; backward, from the last token, each token read backwards (the core read
 * backwards). A prefix sorts first. Lets a name that is not a key (an alias) find its place in a block's order.
 */
export function compareKeyWithTexts(keys: KeyTokens, k: number, texts: readonly string[], backward: boolean): number {
  const start = keys.offsets[k] as number;
  const end = keys.offsets[k + 1] as number;
  const n = end - start;
  for (let i = 0; i < n && i < texts.length; i++) {
    const a = keys.tokens[keys.ids[backward ? end - 1 - i : start + i] as number] as string;
    const b = texts[backward ? texts.length - 1 - i : i] as string;
    if (a === b) continue;
    if (!backward) return a < b ? -1 : 1;
    const ra = reverseText(a);
    const rb = reverseText(b);
    return ra < rb ? -1 : 1;
  }
  return n - texts.length;
}
