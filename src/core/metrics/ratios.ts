import { type CodePoints, codePointLength, compareByCodePoint, splitTokens, toCodePoints } from './code-points.js';
import { LcsPattern, lcsLength as lcsBitParallel } from './lcs-bitparallel.js';
import { lcsLength as lcsReference } from './lcs-reference.js';

/**
 * String-level similarity metrics of SPEC §5.3, equal to RapidFuzz 3.14.6's `fuzz.ratio`,
 * `fuzz.token_sort_ratio` and `fuzz.token_set_ratio` with no processor, down to the last bit of the double.
 * These serve tests, one-offs and `--debug` spot checks; the batch scorer (score.ts) works on the encoded
 * key store instead and is cross-checked against these.
 */

/** Same signature in lcs-reference.ts and lcs-bitparallel.ts. */
export type LcsLength = (
  a: CodePoints,
  aStart: number,
  aLen: number,
  b: CodePoints,
  bStart: number,
  bLen: number,
) => number;

export interface Ratios {
  ratio(a: string, b: string): number;
  tokenSortRatio(a: string, b: string): number;
  tokenSetRatio(a: string, b: string): number;
}

/**
 * `ratio` from an indel distance, as RapidFuzz normalises it: `(1 − dist/lensum) · 100`, 100 when both are
 * empty. The order of operations matters to the last bit (`100 − 100·dist/lensum` differs on ~half the pairs).
 */
export function ratioFromDistance(dist: number, lensum: number): number {
  return lensum === 0 ? 100 : (1 - dist / lensum) * 100;
}

/** token_set_ratio's own normalisation (RapidFuzz `norm_distance<100>`): `100 − 100·dist/lensum`. */
export function setRatioFromDistance(dist: number, lensum: number): number {
  return lensum === 0 ? 100 : 100 - (100 * dist) / lensum;
}

/** Tokens sorted by code point and joined by single spaces, as code points. */
function joinSorted(tokens: string[]): CodePoints {
  tokens.sort(compareByCodePoint);
  return toCodePoints(tokens.join(' '));
}

/** Unique tokens in code-point order. */
function sortedSet(s: string): string[] {
  const tokens = splitTokens(s).sort(compareByCodePoint);
  const out: string[] = [];
  for (const t of tokens) if (out.length === 0 || out[out.length - 1] !== t) out.push(t);
  return out;
}

/** Joined length (code points, single spaces) of a token list. */
function joinedLength(tokens: readonly string[]): number {
  let n = tokens.length > 0 ? tokens.length - 1 : 0;
  for (const t of tokens) n += codePointLength(t);
  return n;
}

/**
 * The three ratios over a given LCS kernel: the reference DP or the bit-parallel kernel. Same formulas,
 * so a difference between the two instances can only come from the kernel.
 */
export function createRatios(lcs: LcsLength): Ratios {
  function indel(a: CodePoints, b: CodePoints): number {
    return a.length + b.length - 2 * lcs(a, 0, a.length, b, 0, b.length);
  }

  function ratio(a: string, b: string): number {
    const x = toCodePoints(a);
    const y = toCodePoints(b);
    return ratioFromDistance(indel(x, y), x.length + y.length);
  }

  function tokenSortRatio(a: string, b: string): number {
    const x = joinSorted(splitTokens(a));
    const y = joinSorted(splitTokens(b));
    return ratioFromDistance(indel(x, y), x.length + y.length);
  }

  function tokenSetRatio(a: string, b: string): number {
    const A = sortedSet(a);
    const B = sortedSet(b);
    if (A.length === 0 || B.length === 0) return 0;
    const inter: string[] = [];
    const d1: string[] = [];
    const d2: string[] = [];
    let i = 0;
    let j = 0;
    while (i < A.length || j < B.length) {
      const c = i === A.length ? 1 : j === B.length ? -1 : compareByCodePoint(A[i] as string, B[j] as string);
      if (c === 0) {
        inter.push(A[i++] as string);
        j++;
      } else if (c < 0) d1.push(A[i++] as string);
      else d2.push(B[j++] as string);
    }
    // One token set contains the other (SPEC §5.3).
    if (inter.length > 0 && (d1.length === 0 || d2.length === 0)) return 100;
    const x = toCodePoints(d1.join(' '));
    const y = toCodePoints(d2.join(' '));
    const sectLen = joinedLength(inter);
    const sep = sectLen !== 0 ? 1 : 0;
    const sectAbLen = sectLen + sep + x.length;
    const sectBaLen = sectLen + sep + y.length;
    const result = setRatioFromDistance(indel(x, y), sectAbLen + sectBaLen);
    if (sectLen === 0) return result;
    // s vs s+d1 (and s vs s+d2) differ only by the appended difference, so their distance is its length.
    const sectAbRatio = setRatioFromDistance(sep + x.length, sectLen + sectAbLen);
    const sectBaRatio = setRatioFromDistance(sep + y.length, sectLen + sectBaLen);
    return Math.max(result, sectAbRatio, sectBaRatio);
  }

  return { ratio, tokenSortRatio, tokenSetRatio };
}

/** The production (bit-parallel) metrics. */
export const fastRatios: Ratios = createRatios(lcsBitParallel);
/** The same metrics over the plain DP, for differential tests. */
export const referenceRatios: Ratios = createRatios(lcsReference);

/** Indel similarity · 100 (SPEC §5.3). @example ratio('this is a test', 'this is a test!') → 96.55172413793103 */
export const ratio: (a: string, b: string) => number = fastRatios.ratio;
/** `ratio` of the sorted tokens. @example tokenSortRatio('wuzzy fuzzy was a bear', 'fuzzy wuzzy was a bear') → 100 */
export const tokenSortRatio: (a: string, b: string) => number = fastRatios.tokenSortRatio;
/** Set-based ratio (SPEC §5.3). @example tokenSetRatio('fuzzy was a bear', 'fuzzy fuzzy was a bear') → 100 */
export const tokenSetRatio: (a: string, b: string) => number = fastRatios.tokenSetRatio;

/**
 * |A∩B| / |A∪B| over the token sets; 0 if either set is empty (SPEC §5.3). The caller drops weak tokens
 * first (SPEC §5.4). @example jaccard(['bank', 'of', 'america', 'n', 'a'], ['bank', 'of', 'america']) → 0.6
 */
export function jaccard(tokensA: readonly string[], tokensB: readonly string[]): number {
  const A = new Set(tokensA);
  const B = new Set(tokensB);
  if (A.size === 0 || B.size === 0) return 0;
  let inter = 0;
  for (const t of A) if (B.has(t)) inter++;
  return inter / (A.size + B.size - inter);
}

/**
 * `ratio(query, choice)` for every choice, with the query's bitmasks built once (one-vs-many).
 * Equal to calling {@link ratio} pairwise.
 */
export function ratioMany(query: string, choices: readonly string[]): Float64Array {
  return oneToMany(toCodePoints(query), choices, toCodePoints);
}

/** `tokenSortRatio(query, choice)` for every choice, with the query's bitmasks built once. */
export function tokenSortRatioMany(query: string, choices: readonly string[]): Float64Array {
  const encode = (s: string): CodePoints => joinSorted(splitTokens(s));
  return oneToMany(encode(query), choices, encode);
}

function oneToMany(q: CodePoints, choices: readonly string[], encode: (s: string) => CodePoints): Float64Array {
  const pattern = new LcsPattern();
  pattern.set(q, 0, q.length);
  const out = new Float64Array(choices.length);
  for (let i = 0; i < choices.length; i++) {
    const c = encode(choices[i] as string);
    const dist = q.length + c.length - 2 * pattern.lcs(c, 0, c.length);
    out[i] = ratioFromDistance(dist, q.length + c.length);
  }
  return out;
}
