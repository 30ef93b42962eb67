import { abbreviatedJoin, type KeyTokens, LETTERS_ONLY } from '../key-tokens.js';
import { boundedOsa } from './edit-distance.js';

/**
 * What the match comparer knows about every token and key of a run, built once per run (issue 10): the
 * data's own frequencies are the evidence (Splink's term-frequency adjustment; SoftTFIDF's rarity weights).
 * Typed arrays on SharedArrayBuffers, so worker threads read one copy; token texts are cloned once per worker.
 */
export interface MatchTable {
  tokenText: string[];
  /**
   * Rarity of a token in bits: log2(keys / keys holding it) — how unlikely two different names share it by
   * chance (Splink's u-probability over distinct names) — with keys counted as at least {@link MIN_KEYS_FOR_BITS}
   * and capped at {@link MAX_TOKEN_BITS}.
   */
  tokenBits: Float64Array;
  /** Records whose core holds the token (a spelling seen 900 times against one seen twice: a typo). */
  tokenRecords: Int32Array;
  /** Distinct keys (names) holding the token. */
  tokenKeys: Int32Array;
  /**
   * {@link TOKEN_WEAK} | {@link TOKEN_GENERIC} | {@link TOKEN_NUMBER} | {@link TOKEN_PLACE} |
   * {@link TOKEN_LETTER_NUMERAL} | {@link TOKEN_SINGULAR} | {@link TOKEN_MISSPELT} | {@link TOKEN_JOIN_SLIP}.
   */
  tokenFlags: Uint8Array;
  /** The characters a token holds, as bits (code unit mod 32): a cheap lower bound on the edits between two words. */
  tokenCharMask: Int32Array;
  /** Length of each token's text (code units), read without touching the strings. */
  tokenLength: Int32Array;
  /** A token's first code unit in the upper 16 bits, its last in the lower 16. */
  tokenEnds: Int32Array;
  /**
   * The token a token misspells by way of a spelling the table knows, −1 for none: one edit from an abbreviation
   * the rewrites expand (`brs` for `bros` → `brothers`, `inlt` for `intl` → `international`) or from a long generic
   * word (`servces` → `service`). The expansion is all the comparer sees of the right spelling, so a typo of the
   * short form is one only through this (see {@link knownSpellingsOf}).
   */
  tokenTypoOf: Int32Array;
  /**
   * The word a token is with a weak word run into it, −1 for none: `thehome` → `home`, `bmwof` → `bmw` (the word of
   * three letters or more, and in the table).
   */
  tokenWeakJoined: Int32Array;
  /**
   * The two words a token spells when it is a word and an abbreviation run together (`republicsvcs` → republic,
   * service; `brosrestaurant` → brothers, restaurant: {@link abbreviatedJoin}), −1 for none: the comparer joins it
   * with the other name's two words written apart.
   */
  tokenJoinedHead: Int32Array;
  tokenJoinedTail: Int32Array;
  /**
   * Places of several words (`santa cruz`, `la crosse`) as their token ids joined by spaces: a head's tail or a
   * dealership's place in front, like a place of one word ({@link TOKEN_PLACE}).
   */
  placeRuns: Set<string>;
  /** 1 for a token that starts a place of `placeRuns` (`santa`): only then is a run looked up. */
  tokenStartsPlace: Uint8Array;
  /** 1 for a number the token rewrites wrote as a word (`four` of `4`): a name's number, though no digits. */
  tokenNumberWord: Uint8Array;
  /** Key k's tokens in core order: `keyTokenIds[keyTokenOffsets[k] .. keyTokenOffsets[k + 1])`. */
  keyTokenOffsets: Int32Array;
  keyTokenIds: Int32Array;
  /** Records of key k. */
  keyRecords: Int32Array;
  /**
   * Records of key k's name whatever its legal form (every key of its core): a tail on a head is rare as a name,
   * not only as a key (`Biergarten Apex` ×12 and `Biergarten Apex Inc` ×1 are one name of 13 records, no tail of
   * `Biergarten` ×10).
   */
  keyNameRecords: Int32Array;
  /** Alias-dictionary entry key k spells, −1 for none. */
  keyAlias: Int32Array;
  /**
   * The data's own acronyms (issue 10 class 4, acronym ↔ expansion "when the data supports it"), −1 for none: a
   * one-word name (`jitb`) and the name its letters are the initials of (`jack in the box`) carry the same link — the
   * expansion's core — when that name is the file's one reading of the acronym ({@link acronymLinks}).
   */
  keyAcronymLink: Int32Array;
  /** Suffix class id of key k, the id of NONE, and `suffixRelation[x * classes + y]` (0 same, 1 compatible, 2 conflict). */
  keySuffix: Int32Array;
  suffixNone: number;
  suffixClasses: number;
  suffixRelation: Uint8Array;
  /** Most tokens of any key: scratch size. */
  maxKeyTokens: number;
  /**
   * In a site list (src/core/site.ts), key k's sites ascending: `keySiteIds[keySiteOffsets[k] .. keySiteOffsets[k +
   * 1])`; all empty otherwise.
   */
  keySiteOffsets: Int32Array;
  keySiteIds: Int32Array;
}

export const TOKEN_WEAK = 1;
export const TOKEN_GENERIC = 2;
export const TOKEN_NUMBER = 4;
/** A place name of one word (`dubuque`): in front of a name it makes another company (`Dubuque Infiniti`). */
export const TOKEN_PLACE = 8;
/** `i`, `v`, `x`: a roman numeral when it ends a name of several words (`Fund I`), a letter elsewhere. */
export const TOKEN_LETTER_NUMERAL = 16;
/** A singular the token rewrites make of a plural (`holding` of `holdings`): a misspelt plural is a typo of it. */
export const TOKEN_SINGULAR = 32;
/** `tokenTypoOf` holds the word the token misspells. */
export const TOKEN_MISSPELT = 64;
/**
 * The token may be a word run into another: `tokenWeakJoined` holds one, or it is long and rare enough to be two
 * words joined with a typo ({@link MIN_JOINED_TYPO_LENGTH}, {@link MAX_JOINED_TYPO_RECORDS}).
 */
export const TOKEN_JOIN_SLIP = 128;
/** A word in one name of 4,096 is as rare as any: beyond that, file size would change the evidence. */
export const MAX_TOKEN_BITS = 12;
/**
 * A small file cannot tell a rare word from a common one (in 20 names every word is in 5% of them), so rarity
 * is judged as if the file had at least this many names.
 */
export const MIN_KEYS_FOR_BITS = 4096;

export interface MatchTableInput {
  tokens: KeyTokens;
  keySuffix: readonly string[];
  keyRecords: Int32Array;
  /** Distinct core id of each key (keys of one core differ by legal form); each key its own core when omitted. */
  keyCoreId?: Int32Array;
  genericTokens: readonly string[];
  /** Alias dictionary: each entry one employer's spellings, as normalised and rewritten tokens joined by spaces. */
  aliasCores: readonly (readonly string[])[];
  /** Places of one word from the gazetteer (`normalise.places`), lower case; none when omitted. */
  placeTokens?: readonly string[];
  /** Singulars the token rewrites make of plurals (`holding`); none when omitted. */
  singularTokens?: readonly string[];
  /** Words the token rewrites make of numbers (`four`, `first`); none when omitted. */
  numberWords?: readonly string[];
  /** Suffix classes that count as compatible (`suffix.equivalence`). */
  suffixEquivalence: readonly (readonly string[])[];
  noSuffix: string;
  /** In a site list, each key's sites (src/core/site.ts `keySitesOf`); none when omitted. */
  keySites?: { offsets: Int32Array; ids: Int32Array };
  /**
   * Records ratios for a misspelt alias spelling (config `matching.comparison`'s typo ratios); 4 and 50 when
   * omitted.
   */
  aliasTypoRatios?: { typo: number; threeLetter: number };
  /** Places of several words, each as the tokens a core would hold (`['santa', 'cruz']`); none when omitted. */
  placeRuns?: readonly (readonly string[])[];
  /**
   * Acronyms the data supports (`keyAcronymLink`): the shortest acronym, and how many times the records of any other
   * name with the same initials its expansion must hold; none are linked when omitted.
   */
  acronyms?: { minLength: number; dominance: number };
  /** Spellings and the token each stands for ({@link knownSpellingsOf}), for `tokenTypoOf`; none when omitted. */
  knownSpellings?: readonly (readonly [string, string])[];
  /** Abbreviations of the rewrites to their words (`abbreviationsOf`), for `tokenJoinedHead`; none when omitted. */
  abbreviations?: ReadonlyMap<string, string>;
}

/** Shortest word read as two words joined with a typo in it: shorter ones are too often another word. */
export const MIN_JOINED_TYPO_LENGTH = 8;
/** Most records of a word read as two joined with a typo: such a slip is a one-off. */
export const MAX_JOINED_TYPO_RECORDS = 2;
/** Most words of a place the comparer looks for (`port saint lucie`). */
export const MAX_PLACE_RUN = 4;
/** Shortest abbreviation whose typos are read as typos of its expansion: two letters (`co`) mean too many things. */
const MIN_KNOWN_ABBREVIATION = 3;
/** Shortest generic word whose typos count as generic: shorter ones are one letter from other words (`store` / `stone`). */
const MIN_KNOWN_GENERIC = 6;

/** Shortest word found run into a weak word (`thehome` → `home`); `theo` is no `the o`. */
const MIN_WEAK_JOINED_WORD = 3;
/**
 * The small words intake runs into a neighbour (`The` before a name, `of` and `and` on either side): `in`, `on`,
 * `at`, `to` and `for` start too many words of their own (`online`, `atlas`, `fortune`).
 */
const JOINED_WEAK_WORDS: readonly { word: string; front: boolean; back: boolean }[] = [
  { word: 'the', front: true, back: false },
  { word: 'of', front: true, back: true },
  { word: 'and', front: true, back: true },
];

/**
 * For each token, the distinctive token it is with a small word run into its front or back (`thehome`, `bmwof`),
 * or −1. Whether the joined form is rare enough to be a slip is the comparer's call.
 */
function weakJoinedWords(texts: readonly string[], idOf: ReadonlyMap<string, number>, flags: Uint8Array): Int32Array {
  const out = sharedInt32(texts.length).fill(-1);
  const skip = TOKEN_WEAK | TOKEN_NUMBER;
  for (let t = 0; t < texts.length; t++) {
    const x = texts[t] as string;
    if (((flags[t] as number) & skip) !== 0) continue;
    for (const { word: w, front, back } of JOINED_WEAK_WORDS) {
      if (x.length < w.length + MIN_WEAK_JOINED_WORD) continue;
      const rest =
        front && x.startsWith(w) ? x.slice(w.length) : back && x.endsWith(w) ? x.slice(0, x.length - w.length) : null;
      const id = rest === null ? undefined : idOf.get(rest);
      if (id !== undefined && ((flags[id] as number) & skip) === 0) {
        out[t] = id;
        break;
      }
    }
  }
  return out;
}

/**
 * For each token, the two distinctive tokens it spells as a word and an abbreviation run together
 * ({@link abbreviatedJoin}), or −1 in both.
 */
function abbreviatedJoins(
  texts: readonly string[],
  idOf: ReadonlyMap<string, number>,
  flags: Uint8Array,
  abbreviations: ReadonlyMap<string, string>,
): { head: Int32Array; tail: Int32Array } {
  const head = sharedInt32(texts.length).fill(-1);
  const tail = sharedInt32(texts.length).fill(-1);
  if (abbreviations.size === 0) return { head, tail };
  const skip = TOKEN_WEAK | TOKEN_NUMBER;
  const word = (text: string): number | undefined => {
    const id = idOf.get(text);
    return id !== undefined && ((flags[id] as number) & skip) === 0 ? id : undefined;
  };
  const abbreviated = (text: string): number | undefined => {
    const full = abbreviations.get(text);
    return full === undefined ? undefined : word(full);
  };
  for (let t = 0; t < texts.length; t++) {
    if (((flags[t] as number) & skip) !== 0) continue;
    const spelt = abbreviatedJoin(texts[t] as string, word, abbreviated);
    if (spelt === null) continue;
    head[t] = spelt[0];
    tail[t] = spelt[1];
  }
  return { head, tail };
}

/**
 * Places of two to {@link MAX_PLACE_RUN} words as their token ids joined by spaces (`santa cruz` → `'812 97'`), as
 * the comparer and the chain guard look them up; a place some word of which no name holds is left out, as it can
 * never be a name's tail.
 */
export function placeRunIds(runs: readonly (readonly string[])[], tokenId: ReadonlyMap<string, number>): Set<string> {
  const out = new Set<string>();
  for (const run of runs) {
    if (run.length < 2 || run.length > MAX_PLACE_RUN) continue;
    const ids = run.map((word) => tokenId.get(word));
    if (ids.every((id) => id !== undefined)) out.add(ids.join(' '));
  }
  return out;
}

/**
 * End of the longest place of several words (`placeRunIds`) that starts at words[i] and ends by `stop`, or `i` when
 * none does — for the comparer's tails and the chain guard's town siblings alike.
 */
export function longestPlaceRun(words: Int32Array, i: number, stop: number, runs: ReadonlySet<string>): number {
  for (let end = Math.min(stop, i + MAX_PLACE_RUN); end >= i + 2; end--) {
    if (runs.has(Array.prototype.join.call(words.subarray(i, end), ' '))) return end;
  }
  return i;
}

/** Longest acronym read as initials: beyond it a one-word name is a word, not letters. */
const MAX_ACRONYM_LENGTH = 8;
/** Records of an acronym the data supports: a one-off (`uos` ×1) meets some name's initials by chance. */
const ACRONYM_MIN_RECORDS = 3;

/**
 * Each key's acronym link (`MatchTable.keyAcronymLink`). A one-word name of letters (`jitb` ×39) is read as the
 * initials of a name of as many words, weak words included and numbers left out (`jack in the box` ×88), when intake
 * repeats the acronym ({@link ACRONYM_MIN_RECORDS}), that name holds at least its records (intake writes a company's
 * acronym no more often than its name) and `dominance`× the records of every other name with those initials: `cvs`
 * ×15 is no acronym of `castro valley staffing` ×3, nor `ups` of `united pine services` beside `united parcel
 * service`. Records count per name, whatever the legal form; both names' keys get the expansion's core as their link.
 */
function acronymLinks(
  tokens: KeyTokens,
  coreOf: Int32Array | undefined,
  nameRecords: Int32Array,
  flags: Uint8Array,
  options: { minLength: number; dominance: number },
): Int32Array {
  const links = sharedInt32(tokens.keyCount).fill(-1);
  const core = (k: number): number => (coreOf === undefined ? k : (coreOf[k] as number));
  const acronymKeys = new Map<string, number[]>();
  for (let k = 0; k < tokens.keyCount; k++) {
    const from = tokens.offsets[k] as number;
    if ((tokens.offsets[k + 1] as number) - from !== 1) continue;
    const text = tokens.tokens[tokens.ids[from] as number] as string;
    if (text.length < options.minLength || text.length > MAX_ACRONYM_LENGTH || !LETTERS_ONLY.test(text)) continue;
    const keys = acronymKeys.get(text);
    if (keys === undefined) acronymKeys.set(text, [k]);
    else keys.push(k);
  }
  if (acronymKeys.size === 0) return links;
  // Per acronym, the keys of each name whose initials spell it.
  const readings = new Map<string, Map<number, number[]>>();
  for (let k = 0; k < tokens.keyCount; k++) {
    let initials = '';
    let words = 0;
    for (let p = tokens.offsets[k] as number, end = tokens.offsets[k + 1] as number; p < end; p++) {
      const id = tokens.ids[p] as number;
      if (((flags[id] as number) & TOKEN_NUMBER) !== 0) continue;
      initials += (tokens.tokens[id] as string)[0];
      if (tokens.isWeak[id] !== 1) words++;
    }
    // Two distinctive words at least, as the comparer asks: `the` alone spells nothing.
    if (words < 2 || initials.length > MAX_ACRONYM_LENGTH || !acronymKeys.has(initials)) continue;
    let names = readings.get(initials);
    if (names === undefined) {
      names = new Map();
      readings.set(initials, names);
    }
    const keys = names.get(core(k));
    if (keys === undefined) names.set(core(k), [k]);
    else keys.push(k);
  }
  for (const [acronym, names] of readings) {
    let best = -1;
    let bestRecords = 0;
    let runnerUp = 0;
    for (const [name, keys] of names) {
      const records = nameRecords[keys[0] as number] as number;
      if (records > bestRecords) {
        runnerUp = bestRecords;
        best = name;
        bestRecords = records;
      } else if (records > runnerUp) runnerUp = records;
    }
    const acronymKeysOf = acronymKeys.get(acronym) as number[];
    const acronymRecords = nameRecords[acronymKeysOf[0] as number] as number;
    if (acronymRecords < ACRONYM_MIN_RECORDS || bestRecords < acronymRecords) continue;
    if (bestRecords < options.dominance * runnerUp) continue;
    for (const k of [...acronymKeysOf, ...(names.get(best) as number[])]) links[k] = best;
  }
  return links;
}

/**
 * Alias-dictionary entry each key spells, −1 for none: a spelling exactly, run together (`tjmaxx` for `tj maxx`), or
 * with one word a rarer typo of the spelling's (`tj maxxx`, `tjjx`: one edit, its right spelling held by 4× the
 * records, 50× for three letters) — so a misspelt spelling meets the employer's other spellings (`tjx companies`),
 * which it shares no word with.
 */
function aliasOfKeys(
  input: MatchTableInput,
  tokenId: ReadonlyMap<string, number>,
  flags: Uint8Array,
  records: Int32Array,
): Int32Array {
  const { tokens } = input;
  const aliasOfCore = new Map<string, number>();
  const joined = new Map<string, number>();
  const words = new Set<string>();
  input.aliasCores.forEach((spellings, entry) => {
    for (const core of spellings) {
      if (core.length === 0) continue;
      if (!aliasOfCore.has(core)) aliasOfCore.set(core, entry);
      const parts = core.split(' ');
      if (parts.length > 1 && !joined.has(parts.join(''))) joined.set(parts.join(''), entry);
      for (const word of parts) words.add(word);
    }
  });
  const typoOf = typosOfKnownSpellings(
    tokens.tokens,
    tokenId,
    flags,
    [...words].map((word) => [word, word] as const),
  );
  const ratios = input.aliasTypoRatios ?? { typo: 4, threeLetter: 50 };
  const keyAlias = sharedInt32(tokens.keyCount);
  // A key spells an entry only when each of its words is a word of some spelling but one, which is a typo of one, or
  // when its one word is a spelling's words joined: the other keys are passed over without making their text (issue
  // 14: joining and looking up the words of 315K keys took ~0.28 s of the block stage at 1M records).
  const aliasWord = new Uint8Array(tokens.tokens.length);
  for (const word of words) {
    const id = tokenId.get(word);
    if (id !== undefined) aliasWord[id] = 1;
  }
  const joinedWords = new Uint8Array(tokens.tokens.length);
  for (const whole of joined.keys()) {
    const id = tokenId.get(whole);
    if (id !== undefined) joinedWords[id] = 1;
  }
  const text: string[] = [];
  for (let k = 0; k < tokens.keyCount; k++) {
    if (!maySpellAlias(tokens, k, aliasWord, joinedWords, typoOf)) {
      keyAlias[k] = -1;
      continue;
    }
    text.length = 0;
    let misspelt = -1;
    for (let p = tokens.offsets[k] as number, end = tokens.offsets[k + 1] as number; p < end; p++) {
      const id = tokens.ids[p] as number;
      const right = typoOf[id] as number;
      const ratio = (tokens.tokens[id] as string).length < 4 ? ratios.threeLetter : ratios.typo;
      if (right >= 0 && misspelt < 0 && (records[right] as number) >= ratio * (records[id] as number))
        misspelt = text.length;
      text.push(tokens.tokens[id] as string);
    }
    const whole = text.join(' ');
    let entry = aliasOfCore.get(whole) ?? (text.length === 1 ? joined.get(whole) : undefined);
    if (entry === undefined && misspelt >= 0) {
      const word = tokens.ids[(tokens.offsets[k] as number) + misspelt] as number;
      text[misspelt] = tokens.tokens[typoOf[word] as number] as string;
      entry = aliasOfCore.get(text.join(' '));
    }
    keyAlias[k] = entry ?? -1;
  }
  return keyAlias;
}

/**
 * Whether key k's words could spell an alias entry (see {@link aliasOfKeys}): each is a word of some spelling
 * (`aliasWord`) but at most one, which is a typo of a known spelling (`typoOf`), or its one word is a spelling's words
 * joined.
 */
function maySpellAlias(
  tokens: KeyTokens,
  k: number,
  aliasWord: Uint8Array,
  joinedWords: Uint8Array,
  typoOf: Int32Array,
): boolean {
  const from = tokens.offsets[k] as number;
  const end = tokens.offsets[k + 1] as number;
  if (end - from === 1 && joinedWords[tokens.ids[from] as number] === 1) return true;
  let strangers = 0;
  for (let p = from; p < end; p++) {
    const id = tokens.ids[p] as number;
    if (aliasWord[id] === 1) continue;
    if ((typoOf[id] as number) < 0 || ++strangers > 1) return false;
  }
  return true;
}

/**
 * The spellings whose typos the comparer reads through (`tokenTypoOf`), each with the token it stands for: every
 * abbreviation of the rewrites (configured and learned) of 3 letters or more, to its expansion, and every generic
 * word of 6 letters or more, to itself as rewritten (`services` → `service`). `^` rewrites (a leading `N`) and
 * number words are left out.
 * @example knownSpellingsOf({ bros: 'brothers', '^n': 'north', co: 'company', services: 'service' }, ['services'])
 *   → [['bros', 'brothers'], ['services', 'service'], ['services', 'service']]
 */
export function knownSpellingsOf(
  rewrites: Readonly<Record<string, string>>,
  genericTokens: readonly string[],
): [string, string][] {
  const out: [string, string][] = [];
  for (const [from, to] of Object.entries(rewrites)) {
    if (from.length >= MIN_KNOWN_ABBREVIATION && LETTERS_ONLY.test(from) && LETTERS_ONLY.test(to)) out.push([from, to]);
  }
  for (const word of genericTokens) {
    if (word.length >= MIN_KNOWN_GENERIC && LETTERS_ONLY.test(word)) out.push([word, rewrites[word] ?? word]);
  }
  return out;
}

/**
 * For each token, the id of the token it misspells by one edit of a known spelling (`spellings`: spelling → the
 * token it stands for), or −1: none, several, or the token is itself a known spelling's token. Deletion
 * neighbourhoods (SymSpell) find the few candidates; the edit distance confirms them.
 */
function typosOfKnownSpellings(
  texts: readonly string[],
  idOf: ReadonlyMap<string, number>,
  flags: Uint8Array,
  spellings: readonly (readonly [string, string])[],
): Int32Array {
  const out = sharedInt32(texts.length).fill(-1);
  if (spellings.length === 0) return out;
  // Spelling → its token id; and each spelling with one letter deleted → the spellings it came from.
  const target = new Map<string, number>();
  for (const [spelling, to] of spellings) {
    const id = idOf.get(to);
    if (id !== undefined && !target.has(spelling)) target.set(spelling, id);
  }
  const deleted = new Map<string, string[]>();
  for (const spelling of target.keys()) {
    for (let i = 0; i < spelling.length; i++) {
      const d = spelling.slice(0, i) + spelling.slice(i + 1);
      const list = deleted.get(d);
      if (list === undefined) deleted.set(d, [spelling]);
      else if (!list.includes(spelling)) list.push(spelling);
    }
  }
  const targets = new Set(target.values());
  const dp = new Int32Array(3 * 64);
  const skip = TOKEN_WEAK | TOKEN_GENERIC | TOKEN_NUMBER | TOKEN_PLACE;
  for (let t = 0; t < texts.length; t++) {
    const x = texts[t] as string;
    if (x.length < MIN_KNOWN_ABBREVIATION - 1 || ((flags[t] as number) & skip) !== 0 || targets.has(t)) continue;
    if (target.has(x) || !LETTERS_ONLY.test(x)) continue;
    let found = -1;
    const consider = (spelling: string): boolean => {
      const id = target.get(spelling) as number;
      if (found >= 0 && found !== id) return false;
      found = id;
      return true;
    };
    let ambiguous = false;
    // x is a spelling with one letter deleted.
    for (const spelling of deleted.get(x) ?? []) ambiguous ||= !consider(spelling);
    for (let i = 0; i < x.length && !ambiguous; i++) {
      const d = x.slice(0, i) + x.slice(i + 1);
      // x is a spelling with one letter added…
      if (target.has(d)) ambiguous ||= !consider(d);
      // …or with one letter changed, or two swapped.
      for (const spelling of deleted.get(d) ?? []) {
        if (spelling.length === x.length && boundedOsa(x, spelling, 1, dp) <= 1) ambiguous ||= !consider(spelling);
      }
    }
    if (!ambiguous && found >= 0) out[t] = found;
  }
  return out;
}

const ROMAN = /^(?=[ivxl]{2,})(l?x{0,3})(ix|iv|v?i{0,3})$/;
const DIGITS = /^[0-9]+$/;
const LETTER_NUMERALS = new Set(['i', 'v', 'x']);

/** A token that is a number: digits, or a roman numeral of two letters or more (`ii`, `xiv`). */
export function isNumberToken(token: string): boolean {
  return DIGITS.test(token) || ROMAN.test(token);
}

/** Bit (code unit mod 32) of every character of `text`. @example charMask('ab') → 0b110 */
export function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(n, 1) * 4), 0, n);
}
function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(n, 1) * 8), 0, n);
}
function sharedUint8(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(Math.max(n, 1)), 0, n);
}

export function buildMatchTable(input: MatchTableInput): MatchTable {
  const { tokens, keyRecords } = input;
  const keyCount = tokens.keyCount;
  const tokenCount = tokens.tokens.length;
  const tokenRecords = sharedInt32(tokenCount);
  const tokenKeys = sharedInt32(tokenCount);
  const seen = new Int32Array(tokenCount).fill(-1);
  let maxKeyTokens = 0;
  for (let k = 0; k < keyCount; k++) {
    const n = keyRecords[k] as number;
    const from = tokens.offsets[k] as number;
    const to = tokens.offsets[k + 1] as number;
    if (to - from > maxKeyTokens) maxKeyTokens = to - from;
    for (let p = from; p < to; p++) {
      const t = tokens.ids[p] as number;
      if (seen[t] === k) continue;
      seen[t] = k;
      tokenRecords[t] = (tokenRecords[t] as number) + n;
      tokenKeys[t] = (tokenKeys[t] as number) + 1;
    }
  }
  const generic = new Set(input.genericTokens);
  const places = new Set(input.placeTokens ?? []);
  const singulars = new Set(input.singularTokens ?? []);
  const tokenBits = sharedFloat64(tokenCount);
  const tokenFlags = sharedUint8(tokenCount);
  const tokenCharMask = sharedInt32(tokenCount);
  const tokenLength = sharedInt32(tokenCount);
  const tokenEnds = sharedInt32(tokenCount);
  for (let t = 0; t < tokenCount; t++) {
    const text = tokens.tokens[t] as string;
    tokenCharMask[t] = charMask(text);
    tokenLength[t] = text.length;
    tokenEnds[t] = text.length === 0 ? 0 : (text.charCodeAt(0) << 16) | text.charCodeAt(text.length - 1);
    const held = Math.max(1, tokenKeys[t] as number);
    tokenBits[t] = Math.min(MAX_TOKEN_BITS, Math.max(0, Math.log2(Math.max(keyCount, MIN_KEYS_FOR_BITS) / held)));
    tokenFlags[t] =
      (tokens.isWeak[t] === 1 ? TOKEN_WEAK : 0) |
      (generic.has(text) ? TOKEN_GENERIC : 0) |
      (isNumberToken(text) ? TOKEN_NUMBER : 0) |
      (places.has(text) ? TOKEN_PLACE : 0) |
      (LETTER_NUMERALS.has(text) ? TOKEN_LETTER_NUMERAL : 0) |
      (singulars.has(text) ? TOKEN_SINGULAR : 0);
  }
  const tokenId = new Map(tokens.tokens.map((text, id) => [text, id]));
  const tokenTypoOf = typosOfKnownSpellings(tokens.tokens, tokenId, tokenFlags, input.knownSpellings ?? []);
  const tokenWeakJoined = weakJoinedWords(tokens.tokens, tokenId, tokenFlags);
  const { head: tokenJoinedHead, tail: tokenJoinedTail } = abbreviatedJoins(
    tokens.tokens,
    tokenId,
    tokenFlags,
    input.abbreviations ?? new Map(),
  );
  // Flags the comparer gathers while it reads a key's tokens, so the rarer rules skip the many pairs they cannot concern.
  for (let t = 0; t < tokenCount; t++) {
    if ((tokenTypoOf[t] as number) >= 0) tokenFlags[t] = (tokenFlags[t] as number) | TOKEN_MISSPELT;
    const slip =
      (tokenWeakJoined[t] as number) >= 0 ||
      ((tokenLength[t] as number) >= MIN_JOINED_TYPO_LENGTH && (tokenRecords[t] as number) <= MAX_JOINED_TYPO_RECORDS);
    if (slip) tokenFlags[t] = (tokenFlags[t] as number) | TOKEN_JOIN_SLIP;
  }
  const placeRuns = placeRunIds(input.placeRuns ?? [], tokenId);
  const tokenStartsPlace = sharedUint8(tokenCount);
  for (const run of placeRuns) tokenStartsPlace[Number(run.slice(0, run.indexOf(' ')))] = 1;
  const tokenNumberWord = sharedUint8(tokenCount);
  for (const word of input.numberWords ?? []) {
    const id = tokenId.get(word);
    if (id !== undefined) tokenNumberWord[id] = 1;
  }

  const keyAlias = aliasOfKeys(input, tokenId, tokenFlags, tokenRecords);

  const classIds = new Map<string, number>([[input.noSuffix, 0]]);
  const keySuffix = sharedInt32(keyCount);
  for (let k = 0; k < keyCount; k++) {
    const s = input.keySuffix[k] as string;
    let id = classIds.get(s);
    if (id === undefined) {
      id = classIds.size;
      classIds.set(s, id);
    }
    keySuffix[k] = id;
  }
  const names = [...classIds.keys()];
  const classes = names.length;
  const suffixRelation = sharedUint8(classes * classes);
  for (let x = 0; x < classes; x++) {
    for (let y = 0; y < classes; y++) {
      const a = names[x] as string;
      const b = names[y] as string;
      const compatible = input.suffixEquivalence.some((set) => set.includes(a) && set.includes(b));
      suffixRelation[x * classes + y] = x === y ? 0 : compatible ? 1 : 2;
    }
  }
  const keyTokenOffsets = sharedInt32(keyCount + 1);
  keyTokenOffsets.set(tokens.offsets);
  const keyTokenIds = sharedInt32(tokens.ids.length);
  keyTokenIds.set(tokens.ids);
  const records = sharedInt32(keyCount);
  records.set(keyRecords);
  const nameRecords = sharedInt32(keyCount);
  const coreOf = input.keyCoreId;
  if (coreOf === undefined) nameRecords.set(keyRecords);
  else {
    const perCore = new Int32Array(keyCount);
    for (let k = 0; k < keyCount; k++) {
      const c = coreOf[k] as number;
      perCore[c] = (perCore[c] as number) + (keyRecords[k] as number);
    }
    for (let k = 0; k < keyCount; k++) nameRecords[k] = perCore[coreOf[k] as number] as number;
  }
  const keyAcronymLink =
    input.acronyms === undefined
      ? sharedInt32(keyCount).fill(-1)
      : acronymLinks(tokens, coreOf, nameRecords, tokenFlags, input.acronyms);
  const keySiteOffsets = sharedInt32(input.keySites === undefined ? 0 : keyCount + 1);
  const keySiteIds = sharedInt32(input.keySites?.ids.length ?? 0);
  if (input.keySites !== undefined) {
    keySiteOffsets.set(input.keySites.offsets);
    keySiteIds.set(input.keySites.ids);
  }
  return {
    tokenText: tokens.tokens,
    tokenBits,
    tokenRecords,
    tokenKeys,
    tokenFlags,
    tokenCharMask,
    tokenLength,
    tokenEnds,
    tokenTypoOf,
    tokenWeakJoined,
    tokenJoinedHead,
    tokenJoinedTail,
    placeRuns,
    tokenStartsPlace,
    tokenNumberWord,
    keyTokenOffsets,
    keyTokenIds,
    keyRecords: records,
    keyNameRecords: nameRecords,
    keyAlias,
    keyAcronymLink,
    keySuffix,
    suffixNone: 0,
    suffixClasses: classes,
    suffixRelation,
    maxKeyTokens,
    keySiteOffsets,
    keySiteIds,
  };
}
