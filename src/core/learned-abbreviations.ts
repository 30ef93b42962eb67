import type { KeyTokens } from './key-tokens.js';

/**
 * Abbreviations the file itself teaches (issue 10 class 3). Intake staff shorten words in ways no fixed table
 * lists (`Const`, `Eng`, `Ins`, `Med`, `Hldgs`…). Where a short word and a longer word are interchanged in the
 * same place of otherwise identical names — `jones const` / `jones construction`, `burke const` / `burke
 * construction`, … — in several names, and the short word is an abbreviation of the long one by shape (same first
 * letter, its letters in order within the long word), the short word is read as the long one for matching.
 *
 * The file's own evidence is what keeps look-alikes apart: `green` / `greenfield` or `care` / `career` meet in the
 * same place of a name now and then, but only in a small share of the places the short word is used, while a
 * real abbreviation stands beside its full word in a large share of them.
 */
export interface AbbreviationLearningOptions {
  /** Shortest abbreviation considered (`ins`); shorter ones (`st`, `e`) mean too many things. */
  minLength: number;
  /** Names (distinct contexts) where the two words must be seen interchanged. */
  minContexts: number;
  /** …and the share of the short word's contexts that must also hold the long word. */
  minShare: number;
}

const ROMAN = /^[ivxlcdm]+$/;

/** Short word → the full word it abbreviates in this file. */
export type LearnedAbbreviations = Map<string, string>;

/**
 * True when `short` can abbreviate `long`: same first letter, every letter of `short` in order within `long`,
 * and `long` at least two letters longer (a plural or one extra letter is not an abbreviation).
 * @example isAbbreviationOf('hldgs', 'holdings') → true
 * @example isAbbreviationOf('cons', 'construction') → true
 * @example isAbbreviationOf('store', 'stores') → false
 */
export function isAbbreviationOf(short: string, long: string, minLength: number): boolean {
  if (short.length < minLength || long.length < short.length + 2 || short[0] !== long[0]) return false;
  // Letters only, and no roman numerals: `vii` / `viii` are two funds, not an abbreviation.
  if (!/^[a-z]+$/.test(short) || ROMAN.test(short)) return false;
  let at = 1;
  for (let i = 1; i < short.length; i++) {
    at = long.indexOf(short[i] as string, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * Learn abbreviations from the distinct keys' tokens (after the configured rewrites). A context is a name of two
 * or more tokens with one place left open; each token id seen in that open place of some key is counted once.
 * @example learnAbbreviations(buildKeyTokens(['jones const', 'jones construction', 'burke const',
 *   'burke construction', 'lee const', 'lee construction'], opts), { minLength: 3, minContexts: 3, minShare: 0.2 })
 *   → Map { 'const' → 'construction' }
 */
export function learnAbbreviations(tokens: KeyTokens, opts: AbbreviationLearningOptions): LearnedAbbreviations {
  const { offsets, ids } = tokens;
  // Context hash → token ids seen in its open place (first seen first). Single-token names have no context.
  // Contexts are hashed to numbers (two 32-bit hashes in 53 bits): at 1M records there are millions of them.
  const slots = new Map<number, number[]>();
  const contextsOf = new Int32Array(tokens.tokens.length);
  for (let k = 0; k < tokens.keyCount; k++) {
    const start = offsets[k] as number;
    const end = offsets[k + 1] as number;
    if (end - start < 2) continue;
    for (let i = start; i < end; i++) {
      const id = ids[i] as number;
      if ((tokens.tokens[id] as string).length < opts.minLength) continue;
      let h1 = 0x811c9dc5;
      let h2 = end - start;
      for (let j = start; j < end; j++) {
        const v = j === i ? -1 : (ids[j] as number);
        h1 = Math.imul(h1 ^ v, 0x01000193);
        h2 = Math.imul(h2 + v + 0x9e3779b9, 0x85ebca6b) ^ (h2 >>> 13);
      }
      const context = (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
      const seen = slots.get(context);
      if (seen === undefined) {
        slots.set(context, [id]);
        contextsOf[id] = (contextsOf[id] as number) + 1;
      } else if (!seen.includes(id)) {
        seen.push(id);
        contextsOf[id] = (contextsOf[id] as number) + 1;
      }
    }
  }

  // Support of each (short, long) pair: contexts holding both.
  const support = new Map<string, number>();
  for (const seen of slots.values()) {
    if (seen.length < 2) continue;
    for (let x = 0; x < seen.length; x++) {
      for (let y = 0; y < seen.length; y++) {
        if (x === y) continue;
        const short = tokens.tokens[seen[x] as number] as string;
        const long = tokens.tokens[seen[y] as number] as string;
        if (!isAbbreviationOf(short, long, opts.minLength)) continue;
        const pair = `${seen[x] as number} ${seen[y] as number}`;
        support.set(pair, (support.get(pair) ?? 0) + 1);
      }
    }
  }

  // Each short word takes the long word it stands beside most often, when the evidence is strong enough.
  const best = new Map<number, { long: number; count: number }>();
  for (const [pair, count] of support) {
    const [short, long] = pair.split(' ').map(Number) as [number, number];
    const shortContexts = contextsOf[short] as number;
    // A full word is used at least as widely as its abbreviation; `pzza` / `pizzza` are two rare typos.
    if (count < opts.minContexts || count < opts.minShare * shortContexts) continue;
    if ((contextsOf[long] as number) < shortContexts) continue;
    const current = best.get(short);
    const better =
      current === undefined ||
      count > current.count ||
      (count === current.count && (tokens.tokens[long] as string) < (tokens.tokens[current.long] as string));
    if (better) best.set(short, { long, count });
  }
  const learned: LearnedAbbreviations = new Map();
  for (const [short, { long }] of best) {
    // A full word is never itself rewritten: `tech` → `technology` must not become `tech` → `techn…` → ….
    if (best.has(long)) continue;
    learned.set(tokens.tokens[short] as string, tokens.tokens[long] as string);
  }
  return new Map([...learned].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
