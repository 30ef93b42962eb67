/**
 * Tags each word of a name with what it is, when it is not distinctive (issue 11: "nothing distinctive is left once
 * blacklist, weak, generic and legal tokens are removed"). Phrases come from config lists and are matched as whole
 * words, longest first; single-word classes (weak tokens, legal forms, numbers) after that. A word no list claims is
 * distinctive: the name may be a company.
 */

/** Word tags; 0 = distinctive. Phrase tags come first and are in tie-break order (equal-length phrases). */
export const WORD_TAG = {
  distinctive: 0,
  jobFact: 1,
  placeholder: 2,
  hint: 3,
  generic: 4,
  contactLabel: 5,
  legal: 6,
  weak: 7,
  number: 8,
} as const;
export type WordTag = (typeof WORD_TAG)[keyof typeof WORD_TAG];

export interface LexiconLists {
  jobFacts: readonly string[];
  /** Placeholders and notes, including the blacklist and suspicious terms. */
  placeholders: readonly string[];
  hints: readonly string[];
  generic: readonly string[];
  contactLabels: readonly string[];
  /** Single tokens. */
  legalTokens: readonly string[];
  weakTokens: readonly string[];
}

/** One phrase found in a segment. */
export interface PhraseHit {
  start: number;
  length: number;
  tag: WordTag;
}

export interface TaggedWords {
  tags: Uint8Array;
  phrases: PhraseHit[];
}

export interface WordLexicon {
  /** Every token some list could claim: a name with any other token is decided at once (the common case). */
  has(token: string): boolean;
  tag(tokens: readonly string[]): TaggedWords;
}

interface Phrase {
  tokens: readonly string[];
  tag: WordTag;
}

const NUMBER = /^\d+$/;

/**
 * Compile the lists; `baseOf` puts a phrase in `name_base` form (SPEC §3 steps 1–5), as names are.
 * @example compileWordLexicon(lists, baseOf).tag(['not', 'sure', 'warehouse']).tags → [2, 2, 3]
 */
export function compileWordLexicon(lists: LexiconLists, baseOf: (text: string) => string): WordLexicon {
  const byFirst = new Map<string, Phrase[]>();
  const universe = new Set<string>();
  const seen = new Set<string>();
  const add = (phrases: readonly string[], tag: WordTag): void => {
    for (const phrase of phrases) {
      const norm = baseOf(phrase);
      if (norm.length === 0 || seen.has(norm)) continue;
      seen.add(norm);
      const tokens = norm.split(' ');
      for (const t of tokens) universe.add(t);
      const first = tokens[0] as string;
      const bucket = byFirst.get(first) ?? [];
      if (bucket.length === 0) byFirst.set(first, bucket);
      bucket.push({ tokens, tag });
    }
  };
  add(lists.jobFacts, WORD_TAG.jobFact);
  add(lists.placeholders, WORD_TAG.placeholder);
  add(lists.hints, WORD_TAG.hint);
  add(lists.generic, WORD_TAG.generic);
  add(lists.contactLabels, WORD_TAG.contactLabel);
  // Longest first; a stable sort keeps the list order above for phrases of equal length.
  for (const bucket of byFirst.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);
  const legal = new Set(lists.legalTokens);
  const weak = new Set(lists.weakTokens);
  for (const t of legal) universe.add(t);
  for (const t of weak) universe.add(t);

  return {
    has: (token) => universe.has(token) || NUMBER.test(token),
    tag(tokens) {
      const tags = new Uint8Array(tokens.length);
      const phrases: PhraseHit[] = [];
      for (let i = 0; i < tokens.length; ) {
        const token = tokens[i] as string;
        const phrase = byFirst.get(token)?.find((p) => matchesAt(tokens, i, p.tokens));
        if (phrase !== undefined) {
          tags.fill(phrase.tag, i, i + phrase.tokens.length);
          phrases.push({ start: i, length: phrase.tokens.length, tag: phrase.tag });
          i += phrase.tokens.length;
          continue;
        }
        tags[i] = weak.has(token)
          ? WORD_TAG.weak
          : legal.has(token)
            ? WORD_TAG.legal
            : NUMBER.test(token)
              ? WORD_TAG.number
              : WORD_TAG.distinctive;
        i++;
      }
      return { tags, phrases };
    },
  };
}

function matchesAt(tokens: readonly string[], i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > tokens.length) return false;
  for (let k = 1; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) return false;
  return true;
}
