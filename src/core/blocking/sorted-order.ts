/**
 * Text orders for the sorted-neighbourhood fallback of SPEC §5.2: a block with more than `blocking.max_block`
 * keys is not cut by row order but windowed over its keys sorted by text. Every jumbo block is sorted by the
 * same texts, so the keys of all jumbo blocks are ranked once (a string sort) and each block then sorts its
 * members by integer rank (a typed-array sort).
 */

/** Code-unit order (locale-free, so the same on every machine), ties by key id for determinism. */
function compareTexts(texts: readonly string[], x: number, y: number): number {
  const a = texts[x] as string;
  const b = texts[y] as string;
  return a < b ? -1 : a > b ? 1 : x - y;
}

/**
 * Rank the keys in `keyIds` by `texts[key]` (then by key id). Returns key → rank (−1 for keys not ranked).
 * `tieTexts`, when given, orders keys whose `texts` are equal before the key id does.
 */
export function rankKeysByText(
  keyIds: readonly number[],
  keyCount: number,
  texts: readonly string[],
  tieTexts?: readonly string[],
): Int32Array {
  const sorted = keyIds.slice();
  if (tieTexts === undefined) {
    sorted.sort((x, y) => compareTexts(texts, x, y));
  } else {
    sorted.sort((x, y) => {
      const a = texts[x] as string;
      const b = texts[y] as string;
      return a < b ? -1 : a > b ? 1 : compareTexts(tieTexts, x, y);
    });
  }
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
