import { suffixesCompatible } from './score.js';

/**
 * Two matching keys join exactly, without a score (SPEC §5.1): the same core with compatible suffixes (equal,
 * one of them NONE, or in one `suffix.equivalence` set). Blocking skips such pairs and grouping joins them.
 * @example joinsExactly('acme', 'INC', 'acme', 'CORP', [['INC', 'CORP']]) → true
 */
export function joinsExactly(
  coreA: string | number,
  suffixA: string,
  coreB: string | number,
  suffixB: string,
  equivalence: readonly (readonly string[])[],
): boolean {
  return coreA === coreB && suffixesCompatible(suffixA, suffixB, equivalence);
}
