import { dictionaryCodes } from './dictionary-codes.js';
import type { KeyTokens } from './key-tokens.js';
import { sortByCodePoint, toCodePoints } from './metrics/code-points.js';

/**
 * The distinct matching keys (SPEC §5.1), encoded once for the scoring kernel (SPEC §5.4): everything about a
 * key that does not depend on the pair it is in. Every array is a typed array on a SharedArrayBuffer, so
 * worker threads read the same memory instead of a copy, and the batch path never touches a JS object per key.
 *
 * Text is stored as Unicode code points, the unit RapidFuzz counts in (SPEC §5.3). Token ids here are
 * *ranks*: tokens are numbered in code-point order of their text, so ascending ids are sorted tokens, as
 * token_sort and token_set require.
 *
 * Each key is one contiguous record in `records` (layout below) rather than a column per field: a candidate
 * pair reads a random key, and one record costs two or three adjacent cache lines where separate columns cost
 * a miss each. On 50K keys the record layout scored about twice as many pairs per CPU-second as the same
 * kernel over separate columns.
 *
 * Record of key i, starting at `recordOffsets[i]` (all Int32):
 * - header: {@link REC_SORT_LEN} length of the token_sort string · {@link REC_SET_COUNT} distinct tokens ·
 *   {@link REC_SET_CHARS} their total length · {@link REC_NON_WEAK} distinct non-weak tokens (the jaccard
 *   set) · {@link REC_DIGIT_RUNS} digit-run signature id · {@link REC_SUFFIX} suffix class id;
 * - `setCount` entries of {@link SET_STRIDE} ints, ascending by rank: rank · position of the token in the
 *   token_sort string · length · weak flag;
 * - the token_sort string: the key's tokens sorted and joined by single spaces, duplicates kept.
 */
export interface KeyStore {
  keyCount: number;
  /** Per-key records; see the layout above. */
  records: Int32Array;
  /** Key i's record starts at `recordOffsets[i]`. Length keyCount + 1. */
  recordOffsets: Int32Array;
  /** Longest token_sort string and most distinct tokens of any key: sizes for scratch buffers. */
  maxSortLength: number;
  maxSetCount: number;
  tokenCount: number;
  /** Code points of token rank r: `tokenChars[tokenOffsets[r] .. tokenOffsets[r + 1])`. */
  tokenChars: Int32Array;
  tokenOffsets: Int32Array;
  /** 1 when token rank r is weak (SPEC §3 step 8): jaccard ignores it, token_sort and token_set do not. */
  tokenWeak: Uint8Array;
  /** Suffix class names by id, e.g. `['NONE', 'INC', 'LLC']`. */
  suffixClasses: string[];
}

export const REC_SORT_LEN = 0;
export const REC_SET_COUNT = 1;
export const REC_SET_CHARS = 2;
export const REC_NON_WEAK = 3;
/** Equal ids ⇔ equal lists of `[0-9]+` runs in the core (SPEC §5.4 num_style); 0 is the empty list. */
export const REC_DIGIT_RUNS = 4;
export const REC_SUFFIX = 5;
export const REC_HEADER = 6;
/** Ints per set entry, and the fields of an entry. */
export const SET_STRIDE = 4;
export const SET_RANK = 0;
export const SET_POS = 1;
export const SET_LEN = 2;
export const SET_WEAK = 3;

function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(n, 1) * 4), 0, n);
}

function sharedUint8(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(Math.max(n, 1)), 0, n);
}

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const HAS_DIGIT = /[0-9]/;

/** The `[0-9]+` runs of a core joined by commas. @example digitRunSignature('20 20 plumbing') → '20,20' */
export function digitRunSignature(core: string): string {
  // Most cores hold no digit: the native search spares them the character loop.
  if (!HAS_DIGIT.test(core)) return '';
  let out = '';
  let inRun = false;
  for (let i = 0; i < core.length; i++) {
    const c = core.charCodeAt(i);
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      if (!inRun && out.length > 0) out += ',';
      out += core[i];
      inRun = true;
    } else {
      inRun = false;
    }
  }
  return out;
}

/** Where key i's token_sort string starts in `records`. */
export function sortStart(store: KeyStore, i: number): number {
  const r = store.recordOffsets[i] as number;
  return r + REC_HEADER + (store.records[r + REC_SET_COUNT] as number) * SET_STRIDE;
}

/** Key i's token_sort string (for tests and debugging). @example sortedText(store, i) → 'america bank of' */
export function sortedText(store: KeyStore, i: number): string {
  const from = sortStart(store, i);
  const len = store.records[(store.recordOffsets[i] as number) + REC_SORT_LEN] as number;
  return String.fromCodePoint(...store.records.subarray(from, from + len));
}

/** Key i's distinct token ranks, ascending (for tests and debugging). */
export function setRanks(store: KeyStore, i: number): number[] {
  const r = store.recordOffsets[i] as number;
  const count = store.records[r + REC_SET_COUNT] as number;
  const out: number[] = [];
  for (let e = 0; e < count; e++) out.push(store.records[r + REC_HEADER + e * SET_STRIDE + SET_RANK] as number);
  return out;
}

/**
 * Encode the distinct keys for scoring. `suffixClasses[i]` and `cores[i]` belong to key i of `keyTokens`
 * (`cores[i]` is its `name_core` before the matching-only rewrites: digit runs are read from the core itself).
 * @example sortedText(buildKeyStore(buildKeyTokens(['bank of america'], opts), ['NA'], ['bank of america']), 0) → 'america bank of'
 */
export function buildKeyStore(
  keyTokens: KeyTokens,
  suffixClasses: readonly string[],
  cores: readonly string[],
): KeyStore {
  const n = keyTokens.keyCount;
  if (suffixClasses.length !== n || cores.length !== n) {
    throw new Error(
      `buildKeyStore: ${n} keys but ${suffixClasses.length} suffix classes and ${cores.length} cores; pass one of each per key.`,
    );
  }
  const tokenCount = keyTokens.tokens.length;

  // Rank tokens by code-point order of their text.
  const byText = sortByCodePoint(
    Array.from({ length: tokenCount }, (_, t) => t),
    keyTokens.tokens,
  );
  const rankOf = new Int32Array(tokenCount);
  const encoded: Int32Array[] = new Array(tokenCount);
  let tokenCharTotal = 0;
  for (let r = 0; r < tokenCount; r++) {
    const id = byText[r] as number;
    rankOf[id] = r;
    const cps = toCodePoints(keyTokens.tokens[id] as string);
    encoded[r] = cps;
    tokenCharTotal += cps.length;
  }
  const tokenChars = sharedInt32(tokenCharTotal);
  const tokenOffsets = sharedInt32(tokenCount + 1);
  const tokenWeak = sharedUint8(tokenCount);
  let at = 0;
  for (let r = 0; r < tokenCount; r++) {
    tokenOffsets[r] = at;
    const cps = encoded[r] as Int32Array;
    tokenChars.set(cps, at);
    at += cps.length;
    tokenWeak[r] = keyTokens.isWeak[byText[r] as number] as number;
  }
  tokenOffsets[tokenCount] = at;
  const tokenLength = (r: number): number => (tokenOffsets[r + 1] as number) - (tokenOffsets[r] as number);

  // Sorted token ranks per key (duplicates kept), and the size of every record.
  const ranks = new Int32Array(keyTokens.ids.length);
  const recordOffsets = sharedInt32(n + 1);
  let total = 0;
  let maxSortLength = 0;
  let maxSetCount = 0;
  for (let i = 0; i < n; i++) {
    const from = keyTokens.offsets[i] as number;
    const to = keyTokens.offsets[i + 1] as number;
    let sortLen = to > from ? to - from - 1 : 0;
    let setCount = 0;
    // A key holds a handful of tokens: an insertion sort in place beats a subarray and a native sort per key.
    for (let k = from; k < to; k++) {
      const r = rankOf[keyTokens.ids[k] as number] as number;
      let at = k;
      while (at > from && (ranks[at - 1] as number) > r) {
        ranks[at] = ranks[at - 1] as number;
        at--;
      }
      ranks[at] = r;
    }
    for (let k = from; k < to; k++) {
      sortLen += tokenLength(ranks[k] as number);
      if (k === from || ranks[k] !== ranks[k - 1]) setCount++;
    }
    recordOffsets[i] = total;
    total += REC_HEADER + setCount * SET_STRIDE + sortLen;
    if (sortLen > maxSortLength) maxSortLength = sortLen;
    if (setCount > maxSetCount) maxSetCount = setCount;
  }
  recordOffsets[n] = total;

  const records = sharedInt32(total);
  const signatures = new Map<string, number>([['', 0]]);
  const suffix = dictionaryCodes(suffixClasses);
  for (let i = 0; i < n; i++) {
    const from = keyTokens.offsets[i] as number;
    const to = keyTokens.offsets[i + 1] as number;
    const r = recordOffsets[i] as number;
    let setCount = 0;
    for (let k = from; k < to; k++) if (k === from || ranks[k] !== ranks[k - 1]) setCount++;
    const charsAt = r + REC_HEADER + setCount * SET_STRIDE;
    let pos = 0;
    let entry = r + REC_HEADER;
    let setChars = 0;
    let nonWeak = 0;
    for (let k = from; k < to; k++) {
      const t = ranks[k] as number;
      if (k > from) records[charsAt + pos++] = 0x20;
      if (k === from || t !== ranks[k - 1]) {
        records[entry + SET_RANK] = t;
        records[entry + SET_POS] = pos;
        records[entry + SET_LEN] = tokenLength(t);
        records[entry + SET_WEAK] = tokenWeak[t] as number;
        entry += SET_STRIDE;
        setChars += tokenLength(t);
        if (tokenWeak[t] === 0) nonWeak++;
      }
      // A plain copy: a subarray per token allocated ~2M views at 1M records.
      for (let c = tokenOffsets[t] as number, end = tokenOffsets[t + 1] as number; c < end; c++)
        records[charsAt + pos++] = tokenChars[c] as number;
    }

    const signature = digitRunSignature(cores[i] as string);
    let sig = signatures.get(signature);
    if (sig === undefined) {
      sig = signatures.size;
      signatures.set(signature, sig);
    }
    records[r + REC_SORT_LEN] = pos;
    records[r + REC_SET_COUNT] = setCount;
    records[r + REC_SET_CHARS] = setChars;
    records[r + REC_NON_WEAK] = nonWeak;
    records[r + REC_DIGIT_RUNS] = sig;
    records[r + REC_SUFFIX] = suffix.codes[i] as number;
  }

  return {
    keyCount: n,
    records,
    recordOffsets,
    maxSortLength,
    maxSetCount,
    tokenCount,
    tokenChars,
    tokenOffsets,
    tokenWeak,
    suffixClasses: suffix.labels,
  };
}
