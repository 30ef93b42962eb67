/**
 * Token document frequency over distinct cores, and the distinctive-token rule.
 *
 * Blocking (SPEC §5.2) picks each core's rarest tokens by document frequency and drops tokens above
 * `blocking.max_token_df`; grouping (SPEC §6) lets a medium edge join only when the two cores share a
 * distinctive token (not weak, not a legal form, document frequency ≤ `grouping.max_shared_token_df`).
 * Both count documents as distinct `name_core` texts: two keys with the same core and different suffix
 * classes (SPEC §5.1) are one document, so `Acme Inc` / `Acme LLC` do not make `acme` look twice as common.
 */
import type { KeyTokens } from './key-tokens.js';

export interface TokenStats {
  /** Token id → number of distinct cores (of eligible keys) that contain the token at least once. */
  df: Int32Array;
  /** Number of distinct core texts among the eligible keys: the base of the "1% / 5% of distinct cores" caps. */
  distinctCores: number;
  /** Key → dense id of its core text (0 .. distinctCores − 1, in first-seen order); −1 for ineligible keys. */
  coreId: Int32Array;
}

/**
 * Document frequency of every token over the distinct cores of the eligible keys.
 * `eligible[i] = 0` (junk or unusable, SPEC §4) leaves key i out of every count; omit it to count all keys.
 * @example computeTokenStats(keys of ['acme', 'acme' (LLC), 'acme tools'], …).df[id('acme')] → 2
 */
export function computeTokenStats(keys: KeyTokens, cores: readonly string[], eligible?: Uint8Array): TokenStats {
  const { keyCount, offsets, ids } = keys;
  if (cores.length !== keyCount) {
    throw new RangeError(`computeTokenStats: ${cores.length} cores for ${keyCount} keys; pass one core per key.`);
  }
  const df = new Int32Array(keys.tokens.length);
  // A token repeated inside one core counts once: `seen[t]` holds the last key that counted t.
  const seen = new Int32Array(keys.tokens.length).fill(-1);
  const coreId = new Int32Array(keyCount).fill(-1);
  const idOfCore = new Map<string, number>();
  for (let k = 0; k < keyCount; k++) {
    if (eligible !== undefined && eligible[k] === 0) continue;
    const core = cores[k] as string;
    const known = idOfCore.get(core);
    if (known !== undefined) {
      coreId[k] = known;
      continue;
    }
    const id = idOfCore.size;
    idOfCore.set(core, id);
    coreId[k] = id;
    for (let p = offsets[k] as number, end = offsets[k + 1] as number; p < end; p++) {
      const t = ids[p] as number;
      if (seen[t] === k) continue;
      seen[t] = k;
      df[t] = (df[t] as number) + 1;
    }
  }
  return { df, distinctCores: idOfCore.size, coreId };
}

/**
 * An absolute document-frequency cap from a share of the distinct cores, never below `atLeast`
 * (SPEC §5.2 `blocking.max_token_df`: 1% of distinct cores, at least 50; §6 `grouping.max_shared_token_df`: 5%).
 * @example dfCapFromShare(10_000, 0.01, 50) → 100; dfCapFromShare(1_000, 0.01, 50) → 50
 */
export function dfCapFromShare(distinctCores: number, share: number, atLeast: number): number {
  return Math.max(atLeast, Math.floor(distinctCores * share));
}

export interface DistinctiveTokenOptions {
  /** Tokens that are legal forms (SPEC §3 step 6), each compared with a whole token (`inc`, `llc`, `co` …). */
  legalFormTokens: Iterable<string>;
  /** Absolute cap: a token found in more distinct cores than this is too common to be distinctive. */
  maxSharedTokenDf: number;
}

/**
 * Token id → 1 when the token is distinctive (SPEC §6): not weak, not a legal form, and
 * 1 ≤ df ≤ `maxSharedTokenDf`. Tokens seen only in ineligible keys (df 0) are never distinctive.
 * @example with `acme` in 3 cores and cap 5: mask[id('acme')] → 1, mask[id('of')] → 0 (weak), mask[id('co')] → 0 (legal form)
 */
export function distinctiveTokenMask(keys: KeyTokens, stats: TokenStats, opts: DistinctiveTokenOptions): Uint8Array {
  const legal = new Set(opts.legalFormTokens);
  const mask = new Uint8Array(keys.tokens.length);
  for (let t = 0; t < mask.length; t++) {
    const df = stats.df[t] as number;
    if (df === 0 || df > opts.maxSharedTokenDf) continue;
    if (keys.isWeak[t] === 1 || legal.has(keys.tokens[t] as string)) continue;
    mask[t] = 1;
  }
  return mask;
}

/**
 * Number of distinct distinctive tokens that keys `a` and `b` both contain — `shared_tokens_count` (SPEC §6),
 * and the test of the `edge>=medium+shared_token` rule (`> 0`).
 * @example keys `acme tools` / `acme tools and dies`, all three tokens distinctive except `and` → 2
 */
export function countSharedDistinctiveTokens(keys: KeyTokens, a: number, b: number, distinctive: Uint8Array): number {
  const { offsets, ids } = keys;
  const aStart = offsets[a] as number;
  const aEnd = offsets[a + 1] as number;
  const bStart = offsets[b] as number;
  const bEnd = offsets[b + 1] as number;
  let count = 0;
  // Cores hold a handful of tokens, so a nested scan beats building sets.
  for (let p = aStart; p < aEnd; p++) {
    const t = ids[p] as number;
    if (distinctive[t] !== 1) continue;
    let repeated = false;
    for (let q = aStart; q < p; q++) {
      if (ids[q] === t) {
        repeated = true;
        break;
      }
    }
    if (repeated) continue;
    for (let q = bStart; q < bEnd; q++) {
      if (ids[q] === t) {
        count++;
        break;
      }
    }
  }
  return count;
}
