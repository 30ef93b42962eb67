/**
 * The typo-tolerant character key of SPEC §5.2 (third bullet): the one-deletion neighbourhood of the first
 * non-weak token. Two tokens within one edit share a variant — insert/delete (the shorter token *is* a deletion
 * of the longer), substitute (delete the changed position from both) and adjacent transposition (delete either
 * swapped letter from both) — so `walmrt` meets `walmart` without comparing every pair of first tokens.
 *
 * Variants are 32-bit hashes computed from prefix/suffix polynomial hashes, so no variant string is ever built.
 * A hash collision can only add a spurious block (extra candidates that score low), never lose one.
 */

export const BASE = 0x01000193;

let pre = new Int32Array(64);
let suf = new Int32Array(64);
let pow = new Int32Array(64);

function ensureCapacity(n: number): void {
  if (pre.length > n) return;
  const size = Math.max(n + 1, pre.length * 2);
  pre = new Int32Array(size);
  suf = new Int32Array(size);
  pow = new Int32Array(size);
}

/** Mix the polynomial value with the variant's length, so `ab` and `\0ab` differ, and spread the bits. */
export function finish(h: number, length: number): number {
  let x = (h ^ Math.imul(length, 0x9e3779b1)) | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Write the character-key hashes of `token` into `out` and return how many were written: the token itself when
 * it has at least `minLength − 1` characters, and each one-character deletion when it has at least `minLength`.
 * Shorter tokens get no key: a one-letter change in a two- or three-letter word is not a recognisable typo.
 * `out` must hold `token.length + 1` entries. Duplicate variants (`aab` → `ab` twice) are written once each time
 * they occur; callers dedupe.
 * @example charKeyHashes('walmrt', 4, out) and charKeyHashes('walmart', 4, out) share the hash of 'walmrt'
 */
export function charKeyHashes(token: string, minLength: number, out: Uint32Array): number {
  const n = token.length;
  if (n < minLength - 1 || n === 0) return 0;
  ensureCapacity(n);
  pre[0] = 0;
  pow[0] = 1;
  for (let i = 0; i < n; i++) {
    pre[i + 1] = (Math.imul(pre[i] as number, BASE) + token.charCodeAt(i)) | 0;
    pow[i + 1] = Math.imul(pow[i] as number, BASE);
  }
  // suf[i] = Σ_{j ≥ i} c_j · BASE^(n−1−j): each character keeps the weight it has in the full token, which is
  // also its weight in any variant with one earlier character deleted.
  suf[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    suf[i] = (Math.imul(token.charCodeAt(i), pow[n - 1 - i] as number) + (suf[i + 1] as number)) | 0;
  }
  let count = 0;
  out[count++] = finish(pre[n] as number, n);
  if (n < minLength) return count;
  for (let i = 0; i < n; i++) {
    const h = (Math.imul(pre[i] as number, pow[n - 1 - i] as number) + (suf[i + 1] as number)) | 0;
    out[count++] = finish(h, n - 1);
  }
  return count;
}

/** Hash of a whole string, equal to the hash `charKeyHashes` gives the variant with that text. */
export function charKeyHashOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return finish(h, text.length);
}
