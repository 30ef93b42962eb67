import type { CodePoints } from './code-points.js';

/**
 * Bit-parallel LCS length (Hyyrö 2004, after Allison & Dix 1986) over 32-bit words: the hot loop of scoring
 * (SPEC §5.3). One bit per pattern character; per text character the state updates as
 * `S = (S + (S & M)) | (S & ~M)`, and the LCS length is the number of zero bits in S at the end.
 * A pattern of ≤ 32 code points takes the one-word path, ≤ 64 the two-word path, longer ones the multi-word
 * path with an explicit carry between words.
 *
 * Characters below U+0100 index a flat table; others go through a small open-addressing hash, so the kernel is
 * exact for every code point (including astral ones) and fast for the ASCII cores of SPEC §3.
 */

const LOW = 256;
const EMPTY = -1;

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/** A pattern's match bitmasks, built once and compared against many texts (one-vs-many). */
export class LcsPattern {
  /** Pattern length in code points. */
  length = 0;
  /** 32-bit words per bit vector: ceil(length / 32). */
  words = 0;
  /** Match masks of characters below U+0100, at `ch * words + w`. */
  private low = new Int32Array(LOW * 2);
  /** Distinct low characters set by the current pattern, so a reset clears only them. */
  private lowUsed = new Int32Array(32);
  private lowUsedCount = 0;
  /** Open-addressing table for characters ≥ U+0100: key per slot, masks at `slot * words + w`. */
  private extKeys = new Int32Array(16).fill(EMPTY);
  private extVals = new Int32Array(16 * 2);
  private extShift = 28;
  private extCount = 0;
  /** Bit-vector state of the multi-word path. */
  private state = new Int32Array(4);

  /** Build the masks for `src[start, start + len)`. */
  set(src: CodePoints, start: number, len: number): void {
    this.clear();
    const words = (len + 31) >>> 5;
    this.length = len;
    this.words = words;
    if (words <= 1) {
      // The common case (names of ≤ 32 code points): a character is new iff its mask is still 0.
      const low = this.low;
      const used = this.lowUsed;
      let count = 0;
      for (let i = 0; i < len; i++) {
        const ch = src[start + i] as number;
        if (ch < LOW) {
          const m = low[ch] as number;
          if (m === 0) used[count++] = ch;
          low[ch] = m | (1 << i);
        } else {
          const slot = this.extInsert(ch);
          this.extVals[slot] = (this.extVals[slot] as number) | (1 << i);
        }
      }
      this.lowUsedCount = count;
      return;
    }
    if (this.low.length < LOW * words) this.low = new Int32Array(LOW * words);
    if (this.lowUsed.length < len) this.lowUsed = new Int32Array(len);
    if (this.state.length < words) this.state = new Int32Array(words);
    if (this.extVals.length < this.extKeys.length * words) this.extVals = new Int32Array(this.extKeys.length * words);
    const low = this.low;
    for (let i = 0; i < len; i++) {
      const ch = src[start + i] as number;
      const bit = 1 << (i & 31);
      const w = i >>> 5;
      if (ch < LOW) {
        const at = ch * words;
        let seen = false;
        for (let k = 0; k < words; k++) if ((low[at + k] as number) !== 0) seen = true;
        if (!seen) this.lowUsed[this.lowUsedCount++] = ch;
        low[at + w] = (low[at + w] as number) | bit;
      } else {
        const slot = this.extInsert(ch);
        const at = slot * words + w;
        this.extVals[at] = (this.extVals[at] as number) | bit;
      }
    }
  }

  /** LCS length of the pattern and `text[start, start + len)`. */
  lcs(text: CodePoints, start: number, len: number): number {
    const words = this.words;
    if (words === 0 || len === 0) return 0;
    if (words === 1) return this.lcs1(text, start, start + len);
    if (words === 2) return this.lcs2(text, start, start + len);
    return this.lcsN(text, start, start + len);
  }

  private lcs1(text: CodePoints, from: number, to: number): number {
    const low = this.low;
    let S = -1;
    for (let j = from; j < to; j++) {
      const ch = text[j] as number;
      const M = ch < LOW ? (low[ch] as number) : this.extMask(ch, 0);
      const u = S & M;
      // `|` truncates both sums to 32 bits: the carry out of the top bit is dropped, as in a machine word.
      S = (S + u) | (S - u);
    }
    const len = this.length;
    return popcount32(~S & (len === 32 ? -1 : (1 << len) - 1));
  }

  private lcs2(text: CodePoints, from: number, to: number): number {
    const low = this.low;
    let S0 = -1;
    let S1 = -1;
    for (let j = from; j < to; j++) {
      const ch = text[j] as number;
      let M0: number;
      let M1: number;
      if (ch < LOW) {
        M0 = low[ch * 2] as number;
        M1 = low[ch * 2 + 1] as number;
      } else {
        M0 = this.extMask(ch, 0);
        M1 = this.extMask(ch, 1);
      }
      const u0 = S0 & M0;
      const sum0 = (S0 + u0) | 0;
      // Carry out of an unsigned 32-bit add x + y: ((x & y) | ((x | y) & ~sum)) >>> 31; here y = u ⊆ x.
      const carry = (u0 | (S0 & ~sum0)) >>> 31;
      S0 = sum0 | (S0 & ~M0);
      const u1 = S1 & M1;
      S1 = (S1 + u1 + carry) | 0 | (S1 & ~M1);
    }
    const rest = this.length - 32;
    return popcount32(~S0) + popcount32(~S1 & (rest === 32 ? -1 : (1 << rest) - 1));
  }

  private lcsN(text: CodePoints, from: number, to: number): number {
    const words = this.words;
    const low = this.low;
    const S = this.state;
    S.fill(-1, 0, words);
    for (let j = from; j < to; j++) {
      const ch = text[j] as number;
      let carry = 0;
      if (ch < LOW) {
        const at = ch * words;
        for (let w = 0; w < words; w++) {
          const x = S[w] as number;
          const M = low[at + w] as number;
          const u = x & M;
          const sum = (x + u + carry) | 0;
          carry = (u | (x & ~sum)) >>> 31;
          S[w] = sum | (x & ~M);
        }
      } else {
        const slot = this.extSlot(ch);
        const vals = this.extVals;
        for (let w = 0; w < words; w++) {
          const x = S[w] as number;
          const M = slot < 0 ? 0 : (vals[slot * words + w] as number);
          const u = x & M;
          const sum = (x + u + carry) | 0;
          carry = (u | (x & ~sum)) >>> 31;
          S[w] = sum | (x & ~M);
        }
      }
    }
    let count = 0;
    for (let w = 0; w < words - 1; w++) count += popcount32(~(S[w] as number));
    const rest = this.length - (words - 1) * 32;
    return count + popcount32(~(S[words - 1] as number) & (rest === 32 ? -1 : (1 << rest) - 1));
  }

  private clear(): void {
    const words = this.words;
    const low = this.low;
    const used = this.lowUsed;
    if (words <= 1) {
      for (let i = 0; i < this.lowUsedCount; i++) low[used[i] as number] = 0;
    } else {
      for (let i = 0; i < this.lowUsedCount; i++) {
        const at = (used[i] as number) * words;
        for (let w = 0; w < words; w++) low[at + w] = 0;
      }
    }
    this.lowUsedCount = 0;
    if (this.extCount > 0) {
      this.extKeys.fill(EMPTY);
      this.extVals.fill(0);
      this.extCount = 0;
    }
  }

  private hash(ch: number): number {
    return Math.imul(ch, 0x9e3779b1) >>> this.extShift;
  }

  private extSlot(ch: number): number {
    const keys = this.extKeys;
    const mask = keys.length - 1;
    let slot = this.hash(ch);
    for (;;) {
      const k = keys[slot] as number;
      if (k === ch) return slot;
      if (k === EMPTY) return -1;
      slot = (slot + 1) & mask;
    }
  }

  private extMask(ch: number, w: number): number {
    const slot = this.extSlot(ch);
    return slot < 0 ? 0 : (this.extVals[slot * this.words + w] as number);
  }

  private extInsert(ch: number): number {
    const found = this.extSlot(ch);
    if (found >= 0) return found;
    // Keep the load factor at most 1/2 so probes stay short.
    if ((this.extCount + 1) * 2 > this.extKeys.length) this.extGrow();
    const keys = this.extKeys;
    const mask = keys.length - 1;
    let slot = this.hash(ch);
    while ((keys[slot] as number) !== EMPTY) slot = (slot + 1) & mask;
    keys[slot] = ch;
    this.extCount++;
    return slot;
  }

  private extGrow(): void {
    const words = this.words;
    const oldKeys = this.extKeys;
    const oldVals = this.extVals;
    const capacity = oldKeys.length * 2;
    this.extKeys = new Int32Array(capacity).fill(EMPTY);
    this.extVals = new Int32Array(capacity * Math.max(words, 1));
    this.extShift--;
    const mask = capacity - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      const ch = oldKeys[s] as number;
      if (ch === EMPTY) continue;
      let slot = this.hash(ch);
      while ((this.extKeys[slot] as number) !== EMPTY) slot = (slot + 1) & mask;
      this.extKeys[slot] = ch;
      for (let w = 0; w < words; w++) this.extVals[slot * words + w] = oldVals[s * words + w] as number;
    }
  }
}

const scratch = new LcsPattern();

/**
 * LCS length of `a[aStart, aStart + aLen)` and `b[bStart, bStart + bLen)`; same signature and result as
 * lcs-reference.ts. Builds the pattern from the shorter side. For one-vs-many, hold an {@link LcsPattern}.
 * @example lcsLength(toCodePoints('abcd'), 0, 4, toCodePoints('acbd'), 0, 4) → 3
 */
export function lcsLength(
  a: CodePoints,
  aStart: number,
  aLen: number,
  b: CodePoints,
  bStart: number,
  bLen: number,
): number {
  if (aLen === 0 || bLen === 0) return 0;
  if (aLen <= bLen) {
    scratch.set(a, aStart, aLen);
    return scratch.lcs(b, bStart, bLen);
  }
  scratch.set(b, bStart, bLen);
  return scratch.lcs(a, aStart, aLen);
}
