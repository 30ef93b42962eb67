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
  const alignment = levels[at + F.F_ALIGNMENT] as number;
  const remainder = levels[at + F.F_REMAINDER] as number;
  const sameWords =
    remainder === F.REM_NONE || remainder === F.REM_GENERIC_ONE_SIDE || remainder === F.REM_BOTH_GENERIC;
  if (!sameWords || alignment === F.ALIGN_NONE) return false;
  if (levels[at + F.F_ALIAS] === F.ALIAS_DICTIONARY) return false;
  return levels[at + F.F_NUMBERS] === F.NUM_DIFFER;
}

/**
 * A scored pair whose names the comparer read as rival spellings, a letter apart at similar frequency (`smith
 * heating` / `smyth heating`): the chain guard keeps such centres apart when intake repeats both (group stage).
 */
export function isRival(levels: Uint8Array, at: number): boolean {
  return levels[at + F.F_ALIGNMENT] === F.ALIGN_TYPO_SIMILAR;
}

/** Pairs the score stage keeps whatever their score: grouping reads conflicts and rivals. */
export function keptBelowFloor(levels: Uint8Array, at: number): boolean {
  return isConflict(levels, at) || isRival(levels, at);
}
