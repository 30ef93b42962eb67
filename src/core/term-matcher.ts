/**
 * Whole-word, whole-phrase term matching over `name_base` text (SPEC §9.2): a term hits only where its
 * tokens appear as consecutive whole tokens, so `no company` hits `no company listed` but not
 * `techno company`. Terms are compiled once into a map from first token to phrases, so a name costs one
 * map lookup per token whatever the list length.
 */
export interface TermMatcher {
  /** Normalised terms, deduplicated, in list order (empty terms dropped). */
  readonly normalisedTerms: readonly string[];
  /**
   * Terms found in `nameBase`, as written in the list, in list order, each once. Terms that normalise to the
   * same text count as the first of them.
   * @example compileTermMatcher(['no company'], f).matches('no company listed') → ['no company']
   */
  matches(nameBase: string): string[];
  /** Whether any term occurs in `nameBase`. */
  test(nameBase: string): boolean;
  /** 1 for each token of `tokens` that lies inside an occurrence of some term, else 0. */
  coverage(tokens: readonly string[]): Uint8Array;
}

interface Phrase {
  tokens: readonly string[];
  /** Position of the phrase's first spelling in the input list. */
  order: number;
}

/**
 * Compile a term list. `normaliseTerm` maps a term to `name_base` form (SPEC §3 steps 1–5), e.g. the base
 * normaliser of `src/core/normalise`, so `N/A` becomes `n a`.
 */
export function compileTermMatcher(terms: readonly string[], normaliseTerm: (t: string) => string): TermMatcher {
  const byFirst = new Map<string, Phrase[]>();
  const originals: string[] = [];
  const normalisedTerms: string[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    const norm = normaliseTerm(term);
    if (norm.length === 0 || seen.has(norm)) continue;
    seen.add(norm);
    const tokens = norm.split(' ');
    const phrase: Phrase = { tokens, order: originals.length };
    originals.push(term);
    normalisedTerms.push(norm);
    const first = tokens[0] as string;
    let bucket = byFirst.get(first);
    if (bucket === undefined) {
      bucket = [];
      byFirst.set(first, bucket);
    }
    bucket.push(phrase);
  }
  for (const bucket of byFirst.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);

  const phraseAt = (tokens: readonly string[], i: number, p: Phrase): boolean => {
    const len = p.tokens.length;
    if (i + len > tokens.length) return false;
    for (let k = 1; k < len; k++) if (tokens[i + k] !== p.tokens[k]) return false;
    return true;
  };

  const split = (nameBase: string): string[] => (nameBase.length === 0 ? [] : nameBase.split(' '));

  return {
    normalisedTerms,
    matches(nameBase) {
      if (byFirst.size === 0) return [];
      const tokens = split(nameBase);
      let hits: number[] | null = null;
      for (let i = 0; i < tokens.length; i++) {
        const bucket = byFirst.get(tokens[i] as string);
        if (bucket === undefined) continue;
        for (const p of bucket) {
          if (!phraseAt(tokens, i, p)) continue;
          if (hits === null) hits = [];
          if (!hits.includes(p.order)) hits.push(p.order);
        }
      }
      if (hits === null) return [];
      hits.sort((a, b) => a - b);
      return hits.map((o) => originals[o] as string);
    },
    test(nameBase) {
      if (byFirst.size === 0) return false;
      const tokens = split(nameBase);
      for (let i = 0; i < tokens.length; i++) {
        const bucket = byFirst.get(tokens[i] as string);
        if (bucket === undefined) continue;
        for (const p of bucket) if (phraseAt(tokens, i, p)) return true;
      }
      return false;
    },
    coverage(tokens) {
      const covered = new Uint8Array(tokens.length);
      for (let i = 0; i < tokens.length; i++) {
        const bucket = byFirst.get(tokens[i] as string);
        if (bucket === undefined) continue;
        for (const p of bucket) {
          if (!phraseAt(tokens, i, p)) continue;
          covered.fill(1, i, i + p.tokens.length);
          // Buckets are longest first; a shorter phrase here lies inside this one.
          break;
        }
      }
      return covered;
    },
  };
}
