/**
 * Recognises text made only of location words (`California`, `New York`, `Southern CA`, `main`), so a
 * parenthesised location is dropped rather than taken for a company (SPEC §3 step 2, §7.1), and a trailing one
 * becomes `name_location` (issue 10 class 2).
 */
export interface LocationIndex {
  /** True when `tokens` is non-empty and splits wholly into listed location phrases. */
  isLocation(tokens: readonly string[]): boolean;
  /**
   * True when `tokens[start..end)` is non-empty and splits wholly into listed phrases; with `bareOnly`, into
   * phrases that may stand after a name with no separator (`Target Nashville`).
   */
  covers(tokens: readonly string[], start: number, end: number, bareOnly: boolean): boolean;
  /** Whether some phrase ends with this token: a cheap test before `covers`. */
  endsPhrase(token: string): boolean;
  /** Whether this token alone is a phrase usable bare (a large city), so it makes no name distinctive. */
  isBareWord(token: string): boolean;
}

interface Phrase {
  tokens: string[];
  bare: boolean;
}

/**
 * `normalise` maps a listed word or phrase to `name_base` form. `barePhrases` are also locations, and the only
 * ones `covers(…, true)` accepts.
 */
export function compileLocations(
  words: readonly string[],
  normalise: (t: string) => string,
  barePhrases: readonly string[] = [],
): LocationIndex {
  const byFirst = new Map<string, Phrase[]>();
  const byText = new Map<string, Phrase>();
  const lastTokens = new Set<string>();
  const bareWords = new Set<string>();
  const add = (w: string, bare: boolean): void => {
    const norm = normalise(w);
    if (norm.length === 0) return;
    const known = byText.get(norm);
    if (known !== undefined) {
      known.bare ||= bare;
      if (bare && known.tokens.length === 1) bareWords.add(norm);
      return;
    }
    const tokens = norm.split(' ');
    const phrase = { tokens, bare };
    byText.set(norm, phrase);
    const first = tokens[0] as string;
    let bucket = byFirst.get(first);
    if (bucket === undefined) {
      bucket = [];
      byFirst.set(first, bucket);
    }
    bucket.push(phrase);
    lastTokens.add(tokens[tokens.length - 1] as string);
    if (bare && tokens.length === 1) bareWords.add(norm);
  };
  for (const w of words) add(w, false);
  for (const w of barePhrases) add(w, true);

  function covers(tokens: readonly string[], start: number, end: number, bareOnly: boolean): boolean {
    const n = end - start;
    if (n <= 0) return false;
    // reachable[i]: tokens[start..start+i) split into phrases. Phrases overlap (`new york`, `new mexico`), so
    // greedy longest-first could miss a split that exists.
    const reachable = new Uint8Array(n + 1);
    reachable[0] = 1;
    for (let i = 0; i < n; i++) {
      if (reachable[i] === 0) continue;
      const bucket = byFirst.get(tokens[start + i] as string);
      if (bucket === undefined) continue;
      for (const phrase of bucket) {
        if (bareOnly && !phrase.bare) continue;
        const len = phrase.tokens.length;
        if (i + len > n) continue;
        let same = true;
        for (let k = 1; k < len; k++) {
          if (tokens[start + i + k] !== phrase.tokens[k]) {
            same = false;
            break;
          }
        }
        if (same) reachable[i + len] = 1;
      }
    }
    return reachable[n] === 1;
  }

  return {
    isLocation: (tokens) => covers(tokens, 0, tokens.length, false),
    covers,
    endsPhrase: (token) => lastTokens.has(token),
    isBareWord: (token) => bareWords.has(token),
  };
}
