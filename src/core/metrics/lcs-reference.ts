import type { CodePoints } from './code-points.js';

/**
 * Length of the longest common subsequence of `a[aStart, aStart + aLen)` and `b[bStart, bStart + bLen)`,
 * by the textbook dynamic programme (SPEC §5.3). Slow and obviously right: tests and `--debug` spot checks
 * compare the bit-parallel kernel (lcs-bitparallel.ts, same signature) against it.
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
  let prev = new Int32Array(bLen + 1);
  let row = new Int32Array(bLen + 1);
  for (let i = 1; i <= aLen; i++) {
    const ch = a[aStart + i - 1];
    for (let j = 1; j <= bLen; j++) {
      if (ch === b[bStart + j - 1]) row[j] = (prev[j - 1] as number) + 1;
      else row[j] = Math.max(prev[j] as number, row[j - 1] as number);
    }
    const done = prev;
    prev = row;
    row = done;
  }
  return prev[bLen] as number;
}
