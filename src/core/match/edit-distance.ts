/**
 * Optimal string alignment distance (adjacent transpositions count one), or k + 1 once it must exceed k.
 * `dp` holds three rows of up to 64 columns; longer words are compared as unequal. `lx` reads only a prefix of x.
 * @example boundedOsa('targte', 'target', 1, dp) → 1
 */
export function boundedOsa(x: string, y: string, k: number, dp: Int32Array, lx = x.length): number {
  const ly = y.length;
  if (ly + 1 > 64 || lx + 1 > 64) return x === y ? 0 : k + 1;
  const W = 64;
  // Row i lives at offset (i mod 3) · W: the current row, the previous one and the one before it.
  for (let j = 0; j <= ly; j++) dp[j] = j;
  for (let i = 1; i <= lx; i++) {
    const cur = (i % 3) * W;
    const prev = ((i + 2) % 3) * W;
    const prev2 = ((i + 1) % 3) * W;
    dp[cur] = i;
    let rowMin = i;
    const cx = x.charCodeAt(i - 1);
    for (let j = 1; j <= ly; j++) {
      const cy = y.charCodeAt(j - 1);
      const cost = cx === cy ? 0 : 1;
      let v = Math.min(
        (dp[prev + j] as number) + 1,
        (dp[cur + j - 1] as number) + 1,
        (dp[prev + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && cx === y.charCodeAt(j - 2) && x.charCodeAt(i - 2) === cy) {
        v = Math.min(v, (dp[prev2 + j - 2] as number) + 1);
      }
      dp[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > k) return k + 1;
  }
  return dp[(lx % 3) * W + ly] as number;
}

/**
 * Insertions and deletions that turn x into y (RapidFuzz's Indel, what its `ratio` normalises): lx + ly − 2·LCS.
 * `row` holds at least y.length + 1 cells.
 * @example indelDistance('wallgreens', 'walgreens', row) → 1
 */
export function indelDistance(x: string, y: string, row: Int32Array): number {
  const lx = x.length;
  const ly = y.length;
  if (ly + 1 > row.length) return x === y ? 0 : lx + ly;
  // One row of the LCS table, updated left to right; `diagonal` is the previous row's cell to the left.
  row.fill(0, 0, ly + 1);
  for (let i = 1; i <= lx; i++) {
    let diagonal = 0;
    const cx = x.charCodeAt(i - 1);
    for (let j = 1; j <= ly; j++) {
      const above = row[j] as number;
      row[j] = cx === y.charCodeAt(j - 1) ? diagonal + 1 : Math.max(above, row[j - 1] as number);
      diagonal = above;
    }
  }
  return lx + ly - 2 * (row[ly] as number);
}
