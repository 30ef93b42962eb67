import {
  type KeyStore,
  REC_DIGIT_RUNS,
  REC_HEADER,
  REC_NON_WEAK,
  REC_SET_CHARS,
  REC_SET_COUNT,
  REC_SORT_LEN,
  REC_SUFFIX,
  SET_LEN,
  SET_POS,
  SET_RANK,
  SET_STRIDE,
  SET_WEAK,
} from './key-store.js';
import type { ComparisonOptions } from './match/compare.js';
import { FEATURE_COUNT } from './match/features.js';
import type { MatchModelSpec } from './match/match-model.js';
import { LcsPattern } from './metrics/lcs-bitparallel.js';
import { ratioFromDistance, setRatioFromDistance } from './metrics/ratios.js';
import { NO_SUFFIX } from './types.js';

/** Penalties and suffix rules of SPEC §5.4, passed in from config (the schema owns the defaults). */
export interface ScoreOptions {
  /** Subtracted when the digit runs of the two cores differ (`penalty.num_style_mismatch`). */
  numStyleMismatchPenalty: number;
  /** Subtracted when both suffix classes are explicit and incompatible (`penalty.suffix_conflict`). */
  suffixConflictPenalty: number;
  /** Sets of suffix classes that count as compatible (SPEC §5.1), e.g. `[['INC', 'CORP']]`. */
  suffixEquivalence: readonly (readonly string[])[];
  /**
   * The match model (issue 10). When given, `score` is floor(100 · match probability) and `probability`,
   * `matchWeight` and `levels` are filled; without it, `score` is SPEC §5.4's formula (alias lookups, tests).
   */
  match?: MatchOptions;
}

/** What the match model needs besides the per-run table: its weights and the comparer's thresholds. */
export interface MatchOptions {
  model: MatchModelSpec;
  comparison: ComparisonOptions;
  /**
   * The lowest score the caller keeps (besides conflicts, src/core/match/conflict.ts): a pair that is no conflict
   * and could not reach it whatever its token_set_ratio is not put through the kernel, and gets 0 in every
   * column but its levels. 0 or absent: every pair in full.
   */
  keepFloor?: number;
}

/** Bits of {@link PairScores.penalties}. */
export const PENALTY_NUM_STYLE = 1;
export const PENALTY_SUFFIX_CONFLICT = 2;

/** Scores of a batch of pairs, one entry per pair, in input order (columns of `pairs.parquet`, SPEC §5.4). */
export interface PairScores {
  /** clamp(round_half_even(base), 0, 100). */
  score: Uint8Array;
  /** Unrounded base after penalties, so `score` is its rounding. */
  base: Float64Array;
  tokenSort: Float64Array;
  tokenSet: Float64Array;
  jaccard: Float64Array;
  /** {@link PENALTY_NUM_STYLE} | {@link PENALTY_SUFFIX_CONFLICT}. */
  penalties: Uint8Array;
  /** Match probability (0 without a match model). */
  probability: Float64Array;
  /** Match weight in bits: the prior plus every level's weight. */
  matchWeight: Float64Array;
  /** Feature levels of pair k at `levels[k * FEATURE_COUNT ..]` (src/core/match/features.ts). */
  levels: Uint8Array;
  /** 1 for a pair the score stage keeps, as the match model's scorer decides it (src/core/match/pair-matcher.ts). */
  keep: Uint8Array;
}

/** Allocate result columns for `n` pairs; `shared` puts them on SharedArrayBuffers for worker threads. */
export function allocatePairScores(n: number, shared = false): PairScores {
  const buffer = (bytes: number): ArrayBuffer | SharedArrayBuffer =>
    shared ? new SharedArrayBuffer(Math.max(bytes, 1)) : new ArrayBuffer(bytes);
  return {
    score: new Uint8Array(buffer(n), 0, n),
    base: new Float64Array(buffer(n * 8), 0, n),
    tokenSort: new Float64Array(buffer(n * 8), 0, n),
    tokenSet: new Float64Array(buffer(n * 8), 0, n),
    jaccard: new Float64Array(buffer(n * 8), 0, n),
    penalties: new Uint8Array(buffer(n), 0, n),
    probability: new Float64Array(buffer(n * 8), 0, n),
    matchWeight: new Float64Array(buffer(n * 8), 0, n),
    levels: new Uint8Array(buffer(n * FEATURE_COUNT), 0, n * FEATURE_COUNT),
    keep: new Uint8Array(buffer(n), 0, n),
  };
}

/**
 * The first `n` pairs of `cols`, zeroed: a batch written into reused columns starts as one in fresh columns
 * would. `zero = false` skips the zeroing for a scorer that writes every column of every pair (the match
 * model's, PairMatcher). Throws when `cols` has room for fewer than `n` pairs.
 */
export function pairScoresPrefix(cols: PairScores, n: number, zero = true): PairScores {
  if (cols.score.length < n) throw new RangeError(`pair columns hold ${cols.score.length} pairs, not ${n}`);
  const prefix: PairScores = {
    score: cols.score.subarray(0, n),
    base: cols.base.subarray(0, n),
    tokenSort: cols.tokenSort.subarray(0, n),
    tokenSet: cols.tokenSet.subarray(0, n),
    jaccard: cols.jaccard.subarray(0, n),
    penalties: cols.penalties.subarray(0, n),
    probability: cols.probability.subarray(0, n),
    matchWeight: cols.matchWeight.subarray(0, n),
    levels: cols.levels.subarray(0, n * FEATURE_COUNT),
    keep: cols.keep.subarray(0, n),
  };
  if (zero) for (const column of Object.values(prefix)) column.fill(0);
  return prefix;
}

/**
 * Suffix classes are compatible when equal, when either is NONE, or when one equivalence set holds both
 * (SPEC §5.1). @example suffixesCompatible('INC', 'CORP', [['INC', 'CORP']]) → true
 */
export function suffixesCompatible(a: string, b: string, equivalence: readonly (readonly string[])[]): boolean {
  if (a === b || a === NO_SUFFIX || b === NO_SUFFIX) return true;
  for (const set of equivalence) if (set.includes(a) && set.includes(b)) return true;
  return false;
}

/**
 * {@link suffixesCompatible} of every two of `classes`, as a table: `[x * classes.length + y]` is 1 when classes x
 * and y are compatible, else 0.
 * @example suffixCompatibility(['NONE', 'INC', 'LLC'], []) → [1, 1, 1, 1, 1, 0, 1, 0, 1]
 */
export function suffixCompatibility(
  classes: readonly string[],
  equivalence: readonly (readonly string[])[],
): Uint8Array {
  const n = classes.length;
  const table = new Uint8Array(n * n);
  for (let x = 0; x < n; x++)
    for (let y = 0; y < n; y++)
      table[x * n + y] = suffixesCompatible(classes[x] as string, classes[y] as string, equivalence) ? 1 : 0;
  return table;
}

/**
 * Round to the nearest integer, ties to even, on the exact double (Python's `round`): 87.5 → 88, 86.5 → 86,
 * and 87.49999999999999 → 87. `x − floor(x)` is exact for |x| < 2^52, so the tie test has no error.
 * @example roundHalfEven(2.5) → 2
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** SPEC §5.4 base before penalties, in IEEE double, left to right. */
export function baseScore(tokenSort: number, tokenSet: number, jaccard: number): number {
  return 0.45 * tokenSort + 0.35 * tokenSet + 20 * jaccard;
}

/** clamp(round_half_even(base), 0, 100) (SPEC §5.4). @example finalScore(87.5) → 88 */
export function finalScore(base: number): number {
  const r = roundHalfEven(base);
  return Math.max(0, Math.min(100, r));
}

/** Options resolved against one store: the suffix-conflict matrix over its class ids. */
export interface PreparedScoreOptions {
  numStyleMismatchPenalty: number;
  suffixConflictPenalty: number;
  classCount: number;
  /** `conflict[x * classCount + y] = 1` when classes x and y draw the suffix penalty. */
  conflict: Uint8Array;
}

export function prepareScoreOptions(store: KeyStore, opts: ScoreOptions): PreparedScoreOptions {
  const classCount = store.suffixClasses.length;
  const conflict = suffixCompatibility(store.suffixClasses, opts.suffixEquivalence).map((compatible) => 1 - compatible);
  return {
    numStyleMismatchPenalty: opts.numStyleMismatchPenalty,
    suffixConflictPenalty: opts.suffixConflictPenalty,
    classCount,
    conflict,
  };
}

/**
 * Scores pairs of keys of one store. Holds the scratch state (bitmask patterns, difference strings) so the
 * batch loop allocates nothing per pair. Consecutive pairs with the same left key reuse its token_sort
 * bitmasks (one-vs-many), so candidate lists grouped by left key score fastest.
 */
export class PairScorer {
  private readonly store: KeyStore;
  private readonly left = new LcsPattern();
  /** Key whose token_sort string `left` holds, kept across calls (the match model scores pair by pair). */
  private leftKey = -1;
  private readonly other = new LcsPattern();
  /** Record positions of the set entries of A−B and B−A found by the merge. */
  private readonly onlyA: Int32Array;
  private readonly onlyB: Int32Array;
  /** Their tokens joined by spaces: token_set's d1 and d2. */
  private readonly textA: Int32Array;
  private readonly textB: Int32Array;

  constructor(store: KeyStore) {
    this.store = store;
    // A difference string is never longer than its key's token_sort string.
    this.textA = new Int32Array(store.maxSortLength);
    this.textB = new Int32Array(store.maxSortLength);
    this.onlyA = new Int32Array(store.maxSetCount);
    this.onlyB = new Int32Array(store.maxSetCount);
  }

  /** Score pairs `start .. end` of `(a[k], b[k])` into the same positions of `out`. */
  scoreRange(
    a: Int32Array,
    b: Int32Array,
    start: number,
    end: number,
    opts: PreparedScoreOptions,
    out: PairScores,
  ): void {
    const rec = this.store.records;
    const recordOffsets = this.store.recordOffsets;
    const onlyA = this.onlyA;
    const onlyB = this.onlyB;
    const conflict = opts.conflict;
    const classCount = opts.classCount;
    const numPenalty = opts.numStyleMismatchPenalty;
    const suffixPenalty = opts.suffixConflictPenalty;
    const outScore = out.score;
    const outBase = out.base;
    const outSort = out.tokenSort;
    const outSet = out.tokenSet;
    const outJaccard = out.jaccard;
    const outPenalties = out.penalties;

    for (let k = start; k < end; k++) {
      const ka = a[k] as number;
      const kb = b[k] as number;
      const ra = recordOffsets[ka] as number;
      const rb = recordOffsets[kb] as number;
      const na = rec[ra + REC_SET_COUNT] as number;
      const nb = rec[rb + REC_SET_COUNT] as number;
      const la = rec[ra + REC_SORT_LEN] as number;
      const lb = rec[rb + REC_SORT_LEN] as number;
      const sa = ra + REC_HEADER + na * SET_STRIDE;
      const sb = rb + REC_HEADER + nb * SET_STRIDE;

      // token_sort_ratio: ratio of the sorted-token strings (SPEC §5.3).
      let lcsSort = 0;
      if (la > 0 && lb > 0) {
        if ((la + 31) >>> 5 <= (lb + 31) >>> 5) {
          if (this.leftKey !== ka) {
            this.left.set(rec, sa, la);
            this.leftKey = ka;
          }
          lcsSort = this.left.lcs(rec, sb, lb);
        } else {
          this.other.set(rec, sb, lb);
          lcsSort = this.other.lcs(rec, sa, la);
        }
      }
      const tokenSort = ratioFromDistance(la + lb - 2 * lcsSort, la + lb);

      // Set decomposition: one merge of the distinct tokens, ascending by rank.
      let inter = 0;
      let interChars = 0;
      let interNonWeak = 0;
      let d1 = 0;
      let d2 = 0;
      {
        let i = ra + REC_HEADER;
        let j = rb + REC_HEADER;
        const iEnd = sa;
        const jEnd = sb;
        while (i < iEnd && j < jEnd) {
          const ti = rec[i + SET_RANK] as number;
          const tj = rec[j + SET_RANK] as number;
          if (ti === tj) {
            inter++;
            interChars += rec[i + SET_LEN] as number;
            if (rec[i + SET_WEAK] === 0) interNonWeak++;
            i += SET_STRIDE;
            j += SET_STRIDE;
          } else if (ti < tj) {
            onlyA[d1++] = i;
            i += SET_STRIDE;
          } else {
            onlyB[d2++] = j;
            j += SET_STRIDE;
          }
        }
        for (; i < iEnd; i += SET_STRIDE) onlyA[d1++] = i;
        for (; j < jEnd; j += SET_STRIDE) onlyB[d2++] = j;
      }

      // token_set_ratio (SPEC §5.3).
      let tokenSet: number;
      if (na === 0 || nb === 0) tokenSet = 0;
      else if (inter > 0 && (d1 === 0 || d2 === 0)) tokenSet = 100;
      else {
        const abLen = (rec[ra + REC_SET_CHARS] as number) - interChars + (d1 > 0 ? d1 - 1 : 0);
        const baLen = (rec[rb + REC_SET_CHARS] as number) - interChars + (d2 > 0 ? d2 - 1 : 0);
        let lcsDiff: number;
        if (inter === 0 && abLen === la && baLen === lb) {
          // No shared and no repeated tokens: the differences are the token_sort strings themselves.
          lcsDiff = lcsSort;
        } else {
          lcsDiff = this.differenceLcs(d1, sa, d2, sb);
        }
        const sectLen = inter > 0 ? interChars + inter - 1 : 0;
        const sep = sectLen !== 0 ? 1 : 0;
        const sectAbLen = sectLen + sep + abLen;
        const sectBaLen = sectLen + sep + baLen;
        tokenSet = setRatioFromDistance(abLen + baLen - 2 * lcsDiff, sectAbLen + sectBaLen);
        if (sectLen !== 0) {
          const abRatio = setRatioFromDistance(sep + abLen, sectLen + sectAbLen);
          const baRatio = setRatioFromDistance(sep + baLen, sectLen + sectBaLen);
          if (abRatio > tokenSet) tokenSet = abRatio;
          if (baRatio > tokenSet) tokenSet = baRatio;
        }
      }

      // jaccard over the non-weak token sets (SPEC §5.4).
      const wa = rec[ra + REC_NON_WEAK] as number;
      const wb = rec[rb + REC_NON_WEAK] as number;
      const jac = wa === 0 || wb === 0 ? 0 : interNonWeak / (wa + wb - interNonWeak);

      let base = 0.45 * tokenSort + 0.35 * tokenSet + 20 * jac;
      let penalties = 0;
      if (rec[ra + REC_DIGIT_RUNS] !== rec[rb + REC_DIGIT_RUNS]) {
        base -= numPenalty;
        penalties |= PENALTY_NUM_STYLE;
      }
      if (conflict[(rec[ra + REC_SUFFIX] as number) * classCount + (rec[rb + REC_SUFFIX] as number)] === 1) {
        base -= suffixPenalty;
        penalties |= PENALTY_SUFFIX_CONFLICT;
      }
      outScore[k] = finalScore(base);
      outBase[k] = base;
      outSort[k] = tokenSort;
      outSet[k] = tokenSet;
      outJaccard[k] = jac;
      outPenalties[k] = penalties;
    }
  }

  /**
   * LCS of the joined differences A−B and B−A (token_set's d1, d2): the merge left the record positions of
   * their set entries in `onlyA[0, d1)` and `onlyB[0, d2)`; the text is copied from each key's own
   * token_sort string (starting at `sa`, `sb`), which the token_sort step has just brought into cache.
   */
  private differenceLcs(d1: number, sa: number, d2: number, sb: number): number {
    if (d1 === 0 || d2 === 0) return 0;
    const rec = this.store.records;
    // One token is already contiguous in its key's record; several are joined into scratch first.
    let x = rec;
    let xStart: number;
    let nx: number;
    if (d1 === 1) {
      const e = this.onlyA[0] as number;
      xStart = sa + (rec[e + SET_POS] as number);
      nx = rec[e + SET_LEN] as number;
    } else {
      x = this.textA;
      xStart = 0;
      nx = this.joinEntries(this.onlyA, d1, sa, x);
    }
    let y = rec;
    let yStart: number;
    let ny: number;
    if (d2 === 1) {
      const e = this.onlyB[0] as number;
      yStart = sb + (rec[e + SET_POS] as number);
      ny = rec[e + SET_LEN] as number;
    } else {
      y = this.textB;
      yStart = 0;
      ny = this.joinEntries(this.onlyB, d2, sb, y);
    }
    if (nx <= ny) {
      this.other.set(x, xStart, nx);
      return this.other.lcs(y, yStart, ny);
    }
    this.other.set(y, yStart, ny);
    return this.other.lcs(x, xStart, nx);
  }

  /** Write the tokens of `count` set entries, joined by spaces, into `text`; return its length. */
  private joinEntries(list: Int32Array, count: number, charsAt: number, text: Int32Array): number {
    const rec = this.store.records;
    let n = 0;
    for (let t = 0; t < count; t++) {
      const e = list[t] as number;
      if (t > 0) text[n++] = 0x20;
      const from = charsAt + (rec[e + SET_POS] as number);
      const to = from + (rec[e + SET_LEN] as number);
      for (let c = from; c < to; c++) text[n++] = rec[c] as number;
    }
    return n;
  }
}

/** Check that `a` and `b` pair up and name keys of the store; one pass, before any scoring. */
export function checkPairs(store: KeyStore, a: Int32Array, b: Int32Array): void {
  if (a.length !== b.length) {
    throw new Error(`scorePairs: ${a.length} left keys but ${b.length} right keys; pass one of each per pair.`);
  }
  const n = store.keyCount;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    if (x < 0 || x >= n || y < 0 || y >= n) {
      throw new Error(`scorePairs: pair ${k} is (${x}, ${y}) but the store has keys 0..${n - 1}.`);
    }
  }
}

/**
 * Score pairs of distinct keys on this thread (SPEC §5.4): pair k is `(a[k], b[k])`.
 * @example scorePairs(store of ['pacific bell 2', 'pacific bell 3'], [0], [1], opts).score → [79]
 */
export function scorePairs(store: KeyStore, a: Int32Array, b: Int32Array, opts: ScoreOptions): PairScores {
  checkPairs(store, a, b);
  const out = allocatePairScores(a.length);
  new PairScorer(store).scoreRange(a, b, 0, a.length, prepareScoreOptions(store, opts), out);
  return out;
}
