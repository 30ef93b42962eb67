import type { KeyTokens } from './key-tokens.js';
import { compareByCodePoint, toCodePoints } from './metrics/code-points.js';

/**
 * The distinct matching keys (SPEC §5.1), encoded once for the scoring kernel (SPEC §5.4): everything about a
 * key that does not depend on the pair it is in. Every array is a typed array on a SharedArrayBuffer, so
 * worker threads read the same memory instead of a copy, and the batch path never touches a JS object per key.
 *
 * Text is stored as Unicode code points (Int32Array), the unit RapidFuzz counts in (SPEC §5.3).
 * Token ids here are *ranks*: tokens are numbered in code-point order of their text, so sorting a key's ids
 * numerically sorts its tokens as token_sort and token_set require.
 */
export interface KeyStore {
  keyCount: number;
  tokenCount: number;
  /** Code points of token rank r: `tokenChars[tokenOffsets[r] .. tokenOffsets[r + 1])`. */
  tokenChars: Int32Array;
  tokenOffsets: Int32Array;
  /** 1 when the token is weak (SPEC §3 step 8): jaccard ignores it, token_sort and token_set do not. */
  tokenWeak: Uint8Array;
  /** Key i's tokens sorted and joined by single spaces (the token_sort string), duplicates kept. */
  sortChars: Int32Array;
  sortOffsets: Int32Array;
  /**
   * Key i's distinct tokens, ascending by rank, as entries `e` in `setOffsets[i] .. setOffsets[i + 1])`, each
   * {@link SET_STRIDE} ints at `setEntries[e * SET_STRIDE]`: rank, position of the token's first occurrence in
   * `sortChars`, length in code points, weak flag. Everything the set decomposition needs sits beside the key,
   * so the hot loop never jumps into the token dictionary.
   */
  setEntries: Int32Array;
  setOffsets: Int32Array;
  /** Sum of the code-point lengths of key i's distinct tokens (no separators). */
  setChars: Int32Array;
  /** Number of key i's distinct tokens that are not weak (the jaccard set size). */
  nonWeakCount: Int32Array;
  /**
   * Id of key i's digit-run signature: the `[0-9]+` runs of its core, in order (SPEC §5.4 num_style).
   * Equal ids ⇔ equal run lists; 0 is the empty list.
   */
  digitRuns: Int32Array;
  /** Index into {@link suffixClasses} of key i's suffix class. */
  suffixClass: Int32Array;
  /** Distinct suffix class names, e.g. `['NONE', 'INC', 'LLC']`. */
  suffixClasses: string[];
}

/** Ints per entry of {@link KeyStore.setEntries}. */
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

/** The `[0-9]+` runs of a core joined by commas. @example digitRunSignature('20 20 plumbing') → '20,20' */
export function digitRunSignature(core: string): string {
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

/**
 * Encode the distinct keys for scoring. `suffixClasses[i]` and `cores[i]` belong to key i of `keyTokens`
 * (its `name_core`, before the matching-only rewrites: digit runs are read from the core itself).
 * @example buildKeyStore(buildKeyTokens(['acme', 'acme'], opts), ['INC', 'LLC'], ['acme', 'acme']).keyCount → 2
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
  const byText = Array.from({ length: tokenCount }, (_, t) => t);
  byText.sort((x, y) => compareByCodePoint(keyTokens.tokens[x] as string, keyTokens.tokens[y] as string));
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

  // Sorted token ranks per key (duplicates kept), and the size of the token_sort strings.
  const ranks = new Int32Array(keyTokens.ids.length);
  let sortTotal = 0;
  for (let i = 0; i < n; i++) {
    const from = keyTokens.offsets[i] as number;
    const to = keyTokens.offsets[i + 1] as number;
    for (let k = from; k < to; k++) {
      const r = rankOf[keyTokens.ids[k] as number] as number;
      ranks[k] = r;
      sortTotal += tokenLength(r);
    }
    if (to > from) sortTotal += to - from - 1;
    ranks.subarray(from, to).sort();
  }

  const sortChars = sharedInt32(sortTotal);
  const sortOffsets = sharedInt32(n + 1);
  const setEntries = sharedInt32(ranks.length * SET_STRIDE);
  const setOffsets = sharedInt32(n + 1);
  const setChars = sharedInt32(n);
  const nonWeakCount = sharedInt32(n);
  const digitRuns = sharedInt32(n);
  const suffixClass = sharedInt32(n);
  const signatures = new Map<string, number>([['', 0]]);
  const classIds = new Map<string, number>();
  const classNames: string[] = [];
  let sortAt = 0;
  let setAt = 0;
  for (let i = 0; i < n; i++) {
    const from = keyTokens.offsets[i] as number;
    const to = keyTokens.offsets[i + 1] as number;
    sortOffsets[i] = sortAt;
    setOffsets[i] = setAt;
    let chars = 0;
    let nonWeak = 0;
    for (let k = from; k < to; k++) {
      const r = ranks[k] as number;
      if (k > from) sortChars[sortAt++] = 0x20;
      if (k === from || r !== ranks[k - 1]) {
        const e = setAt++ * SET_STRIDE;
        setEntries[e + SET_RANK] = r;
        setEntries[e + SET_POS] = sortAt;
        setEntries[e + SET_LEN] = tokenLength(r);
        setEntries[e + SET_WEAK] = tokenWeak[r] as number;
        chars += tokenLength(r);
        if (tokenWeak[r] === 0) nonWeak++;
      }
      sortChars.set(tokenChars.subarray(tokenOffsets[r] as number, tokenOffsets[r + 1] as number), sortAt);
      sortAt += tokenLength(r);
    }
    setChars[i] = chars;
    nonWeakCount[i] = nonWeak;

    const signature = digitRunSignature(cores[i] as string);
    let sig = signatures.get(signature);
    if (sig === undefined) {
      sig = signatures.size;
      signatures.set(signature, sig);
    }
    digitRuns[i] = sig;

    const cls = suffixClasses[i] as string;
    let id = classIds.get(cls);
    if (id === undefined) {
      id = classNames.length;
      classIds.set(cls, id);
      classNames.push(cls);
    }
    suffixClass[i] = id;
  }
  sortOffsets[n] = sortAt;
  setOffsets[n] = setAt;

  return {
    keyCount: n,
    tokenCount,
    tokenChars,
    tokenOffsets,
    tokenWeak,
    sortChars,
    sortOffsets,
    setEntries: setEntries.subarray(0, setAt * SET_STRIDE),
    setOffsets,
    setChars,
    nonWeakCount,
    digitRuns,
    suffixClass,
    suffixClasses: classNames,
  };
}
