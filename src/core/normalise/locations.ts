/**
 * Recognises text made only of location words (`California`, `New York`, `Southern CA`), so a parenthesised
 * location is dropped rather than taken for a company (SPEC §3 step 2, §7.1).
 */
export interface LocationIndex {
  /** True when `tokens` is non-empty and splits wholly into listed location phrases. */
  isLocation(tokens: readonly string[]): boolean;
}

/** `normalise` maps a listed word or phrase to `name_base` form. */
export function compileLocations(words: readonly string[], normalise: (t: string) => string): LocationIndex {
  const byFirst = new Map<string, string[][]>();
  for (const w of words) {
    const norm = normalise(w);
    if (norm.length === 0) continue;
    const tokens = norm.split(' ');
    const first = tokens[0] as string;
    let bucket = byFirst.get(first);
    if (bucket === undefined) {
      bucket = [];
      byFirst.set(first, bucket);
    }
    bucket.push(tokens);
  }
  return {
    isLocation(tokens) {
      const n = tokens.length;
      if (n === 0) return false;
      // reachable[i]: tokens[0..i) split into phrases. Phrases overlap (`new york`, `new mexico`), so
      // greedy longest-first could miss a split that exists.
      const reachable = new Uint8Array(n + 1);
      reachable[0] = 1;
      for (let i = 0; i < n; i++) {
        if (reachable[i] === 0) continue;
        const bucket = byFirst.get(tokens[i] as string);
        if (bucket === undefined) continue;
        for (const phrase of bucket) {
          const len = phrase.length;
          if (i + len > n) continue;
          let same = true;
          for (let k = 1; k < len; k++) {
            if (tokens[i + k] !== phrase[k]) {
              same = false;
              break;
            }
          }
          if (same) reachable[i + len] = 1;
        }
      }
      return reachable[n] === 1;
    },
  };
}
