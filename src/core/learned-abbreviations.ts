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
  /** …and at least this share of the file's distinct names (at 1M records, 1e-4 of 270K names is 27). */
  minContextRate: number;
  /** …and the share of the short word's contexts that must also hold the long word. */
  minShare: number;
}

const ROMAN = /^[ivxlcdm]+$/;

/** Token ids are packed below this in a sorted number, the context hash above (32 + 21 bits). */
const ID_SPACE = 2 ** 21;
/** A word's first letter is packed above its length (16 bits) and id in a number sorted by shape (16 + 16 + 21 bits). */
const SHAPE_FIRST = 2 ** 37;

/**
 * Every open place of every key of two tokens or more, as `contextHash · ID_SPACE + tokenId`, sorted. The hash
 * (32 bits over the other token ids and the open position) makes about a hundred chance collisions among a
 * million contexts, too few to reach any threshold.
 */
function openPlaces(tokens: KeyTokens, minLength: number): Float64Array {
  const { offsets, ids } = tokens;
  if (tokens.tokens.length >= ID_SPACE) return new Float64Array(0);
  const out = new Float64Array(ids.length);
  let n = 0;
  for (let k = 0; k < tokens.keyCount; k++) {
    const start = offsets[k] as number;
    const end = offsets[k + 1] as number;
    if (end - start < 2) continue;
    for (let i = start; i < end; i++) {
      const id = ids[i] as number;
      if ((tokens.tokens[id] as string).length < minLength) continue;
      let h = 0x811c9dc5 ^ (end - start);
      for (let j = start; j < end; j++) h = Math.imul(h ^ (j === i ? 0x7fffffff : (ids[j] as number)), 0x01000193);
      out[n++] = (h >>> 0) * ID_SPACE + id;
    }
  }
  return out.subarray(0, n).sort();
}

/** True when one letter dropped from `word` gives a word used at least as widely: `word` is a typo of it. */
function typoOfWider(word: string, contexts: number, index: Map<string, number>, contextsOf: Int32Array): boolean {
  for (let i = 0; i < word.length; i++) {
    const id = index.get(word.slice(0, i) + word.slice(i + 1));
    if (id !== undefined && (contextsOf[id] as number) >= contexts) return true;
  }
  return false;
}

/** Short word → the full word it abbreviates in this file. */
export type LearnedAbbreviations = Map<string, string>;

/**
 * True when `short` can abbreviate `long`: same first letter, every letter of `short` in order within `long`,
 * and `long` at least three letters longer (`martin` / `martinez`, `williams` / `williamson` are other names).
 * @example isAbbreviationOf('hldgs', 'holdings') → true
 * @example isAbbreviationOf('cons', 'construction') → true
 * @example isAbbreviationOf('store', 'stores') → false
 */
export function isAbbreviationOf(short: string, long: string, minLength: number): boolean {
  if (short.length < minLength || long.length < short.length + 3 || short[0] !== long[0]) return false;
  // Letters only, and no roman numerals: `vii` / `viii` are two funds, not an abbreviation.
  if (!/^[a-z]+$/.test(short) || ROMAN.test(short)) return false;
  // Three letters are an abbreviation only as the start of the word (`eng`, `ins`): as a skeleton they are an
  // acronym as often (`acn`, `smt`).
  if (short.length === 3) return long.startsWith(short);
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
 *   'burke construction', 'lee const', 'lee construction'], opts), { minLength: 3, minContexts: 3, minContextRate: 1e-4, minShare: 0.2 })
 *   → Map { 'const' → 'construction' }
 */
export function learnAbbreviations(tokens: KeyTokens, opts: AbbreviationLearningOptions): LearnedAbbreviations {
  const texts = tokens.tokens;
  // Every open place as (context hash, token id) packed in one number, sorted: a run of one hash is one context,
  // its distinct ids the tokens seen there. Sorting a typed array beats a map of a million contexts.
  const places = openPlaces(tokens, opts.minLength);
  const contextsOf = new Int32Array(texts.length);
  const first = new Uint16Array(texts.length);
  const length = new Uint16Array(texts.length);
  for (const [id, text] of texts.entries()) {
    first[id] = text.charCodeAt(0);
    length[id] = Math.min(text.length, 0xffff);
  }
  const support = new Map<number, number>();
  const run: number[] = [];
  let ordered = new Float64Array(64);
  for (let i = 0; i < places.length; ) {
    const context = Math.floor((places[i] as number) / ID_SPACE);
    run.length = 0;
    for (; i < places.length && Math.floor((places[i] as number) / ID_SPACE) === context; i++) {
      const id = (places[i] as number) % ID_SPACE;
      if (run[run.length - 1] !== id) run.push(id);
    }
    for (const id of run) contextsOf[id] = (contextsOf[id] as number) + 1;
    if (run.length < 2) continue;
    // Support of each (short, long) pair: contexts holding both. A context like `smith _` holds hundreds of words:
    // sorted by first letter, then length, a word meets only the words that may be its full word (issue 14: every
    // word against every other was 41M checks at 1M records).
    if (run.length > ordered.length) ordered = new Float64Array(2 * run.length);
    const byShape = ordered.subarray(0, run.length);
    for (let r = 0; r < run.length; r++) {
      const id = run[r] as number;
      byShape[r] = (first[id] as number) * SHAPE_FIRST + (length[id] as number) * ID_SPACE + id;
    }
    byShape.sort();
    for (let r = 0; r < byShape.length; r++) {
      const x = (byShape[r] as number) % ID_SPACE;
      const shortest = (length[x] as number) + 3;
      for (let q = r + 1; q < byShape.length; q++) {
        const y = (byShape[q] as number) % ID_SPACE;
        if (first[y] !== first[x]) break;
        if ((length[y] as number) < shortest) continue;
        if (!isAbbreviationOf(texts[x] as string, texts[y] as string, opts.minLength)) continue;
        const pair = x * texts.length + y;
        support.set(pair, (support.get(pair) ?? 0) + 1);
      }
    }
  }

  // Evidence grows with the file: among a million names, three coincidences are easy to find.
  const needed = Math.max(opts.minContexts, Math.ceil(opts.minContextRate * tokens.keyCount));
  const index = new Map<string, number>();
  for (const [id, text] of texts.entries()) index.set(text, id);
  // Each short word takes the long word it stands beside most often, when the evidence is strong enough.
  const best = new Map<number, { long: number; count: number }>();
  for (const [pair, count] of support) {
    const short = Math.floor(pair / texts.length);
    const long = pair - short * texts.length;
    const shortContexts = contextsOf[short] as number;
    if (count < needed || count < opts.minShare * shortContexts) continue;
    // A full word is used at least as widely as its abbreviation, and is no typo itself (`coffeee`, `pizzza`).
    if ((contextsOf[long] as number) < shortContexts) continue;
    if (typoOfWider(texts[long] as string, contextsOf[long] as number, index, contextsOf)) continue;
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
