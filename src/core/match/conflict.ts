import { type KeyTokens, keyHasToken } from '../key-tokens.js';
import * as F from './features.js';

/**
 * A scored pair that names two different companies for sure enough to forbid a chain through a third name
 * (issue 10: "grouping still guarded against chains"): the same words with different numbers (`Local 837` /
 * `Local 534`, `Fund VI` / `Fund VII`). Grouping treats it as a cannot-link for scored edges (a steward's
 * must-link still overrides it). One letter apart at similar frequency (`Green` / `Greene`) weighs strongly
 * against a match but is not a cannot-link: two spellings of one company can both be frequent (tuning notes).
 * @example isConflict(levels of 'seiu local 741' / 'seiu local 752', 0) → true
 */
export function isConflict(levels: Uint8Array, at: number): boolean {
  return sameWords(levels, at) && levels[at + F.F_NUMBERS] === F.NUM_DIFFER;
}

/** The two names have the same distinctive words (generic ones aside) and spell no one dictionary employer. */
function sameWords(levels: Uint8Array, at: number): boolean {
  const remainder = levels[at + F.F_REMAINDER] as number;
  const same =
    remainder === F.REM_NONE ||
    remainder === F.REM_GENERIC_ONE_SIDE ||
    remainder === F.REM_SITE_ONE_SIDE ||
    remainder === F.REM_BOTH_GENERIC;
  return same && levels[at + F.F_ALIGNMENT] !== F.ALIGN_NONE && levels[at + F.F_ALIAS] !== F.ALIAS_DICTIONARY;
}

/**
 * A scored pair whose names the comparer read as rival spellings, a letter apart at similar frequency (`smith
 * heating` / `smyth heating`): the chain guard keeps such centres apart when intake repeats both about as often
 * (group stage), as it does numbered siblings ({@link numberedSiblings}); a one-off is a typo.
 */
export function isRival(levels: Uint8Array, at: number): boolean {
  return levels[at + F.F_ALIGNMENT] === F.ALIGN_TYPO_SIMILAR;
}

/**
 * Keys a and b differ only by numbers (`los angeles bakery` / `los angeles bakery nine`, `silver star staffing six` /
 * `… seven`), numbers being marked in `numbers`: numbered siblings, rivals when intake repeats both about as often
 * (a store's number on a head is far rarer than the head: `target` ×900 / `target 891`).
 * @example numberedSiblings(tokens of ['los angeles bakery', 'los angeles bakery nine'], 0, 1, mask of nine) → true
 */
export function numberedSiblings(tokens: KeyTokens, a: number, b: number, numbers: Uint8Array): boolean {
  const { offsets, ids, isWeak } = tokens;
  let differ = false;
  for (const [k, other] of [
    [a, b],
    [b, a],
  ] as const) {
    for (let p = offsets[k] as number; p < (offsets[k + 1] as number); p++) {
      const t = ids[p] as number;
      if (isWeak[t] === 1 || keyHasToken(tokens, other, t)) continue;
      if (numbers[t] !== 1) return false;
      differ = true;
    }
  }
  return differ;
}
