/**
 * Text orders for the sorted-neighbourhood fallback of SPEC §5.2: a block with more than `blocking.max_block`
 * keys is not cut by row order but windowed over its keys sorted by text. Every jumbo block is sorted by the
 * same texts, so the keys of all jumbo blocks are ranked once (a string sort) and each block then sorts its
 * members by integer rank (a typed-array sort).
 */

/**
 * The first seven UTF-16 code units as one number that orders like the text (each unit clamped to 127, a missing
 * unit counting 0, so `ab` < `abc`): most comparisons are settled by one float compare, and only texts that agree
 * on this prefix fall back to a string compare.
 */
function prefixNumber(text: string): number {
  let v = 0;
  for (let i = 0; i < 7; i++) v = v * 128 + (i < text.length ? Math.min(127, text.charCodeAt(i)) : 0);
  return v;
}

/**
 * Rank the keys in `keyIds` by `texts[key]` in code-unit order (locale-free, the same on every machine), then by
 * `tieTexts[key]` when given, then by key id. Returns key → rank (−1 for keys not ranked).
 */
export function rankKeysByText(
  keyIds: readonly number[],
  keyCount: number,
  texts: readonly string[],
  tieTexts?: readonly string[],
): Int32Array {
  const prefix = new Float64Array(keyCount);
  for (const k of keyIds) prefix[k] = prefixNumber(texts[k] as string);
  const sorted = keyIds.slice();
  sorted.sort((x, y) => {
    const px = prefix[x] as number;
    const py = prefix[y] as number;
    if (px !== py) return px - py;
    const a = texts[x] as string;
    const b = texts[y] as string;
    if (a !== b) return a < b ? -1 : 1;
    if (tieTexts !== undefined) {
      const c = tieTexts[x] as string;
      const d = tieTexts[y] as string;
      if (c !== d) return c < d ? -1 : 1;
    }
    return x - y;
  });
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
  // rank · size + slot is below 2^53 for any realistic key count, and a Float64Array sorts natively.
  const packed = new Float64Array(size);
  for (let slot = 0; slot < size; slot++) packed[slot] = (rank[members[slot] as number] as number) * size + slot;
  packed.sort();
  for (let q = 0; q < size; q++) {
    const slot = (packed[q] as number) % size;
    order[start + q] = members[slot] as number;
    pos[start + slot] = q;
  }
}

/** The text reversed by UTF-16 code unit; cores are ASCII (SPEC §3 step 1), so this is the reversed name. */
export function reverseText(text: string, scratch: Uint16Array): string {
  const n = text.length;
  if (n > scratch.length) return text.split('').reverse().join('');
  for (let i = 0; i < n; i++) scratch[i] = text.charCodeAt(n - 1 - i);
  return String.fromCharCode.apply(null, scratch.subarray(0, n) as unknown as number[]);
}

/** First position in `order[start, end)` whose text is ≥ `probe` (binary search over a text-sorted window). */
export function lowerBoundByText(
  order: Int32Array,
  start: number,
  end: number,
  texts: (key: number) => string,
  probe: string,
): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (texts(order[mid] as number) < probe) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
