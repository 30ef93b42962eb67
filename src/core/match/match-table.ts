import type { KeyTokens } from '../key-tokens.js';

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
   * {@link TOKEN_LETTER_NUMERAL} | {@link TOKEN_SINGULAR}.
   */
  tokenFlags: Uint8Array;
  /** The characters a token holds, as bits (code unit mod 32): a cheap lower bound on the edits between two words. */
  tokenCharMask: Int32Array;
  /** Length of each token's text (code units), read without touching the strings. */
  tokenLength: Int32Array;
  /** Key k's tokens in core order: `keyTokenIds[keyTokenOffsets[k] .. keyTokenOffsets[k + 1])`. */
  keyTokenOffsets: Int32Array;
  keyTokenIds: Int32Array;
  /** Records of key k. */
  keyRecords: Int32Array;
  /** Alias-dictionary entry key k spells, −1 for none. */
  keyAlias: Int32Array;
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
  genericTokens: readonly string[];
  /** Alias dictionary: each entry one employer's spellings, as normalised and rewritten tokens joined by spaces. */
  aliasCores: readonly (readonly string[])[];
  /** Places of one word from the gazetteer (`normalise.places`), lower case; none when omitted. */
  placeTokens?: readonly string[];
  /** Singulars the token rewrites make of plurals (`holding`); none when omitted. */
  singularTokens?: readonly string[];
  /** Suffix classes that count as compatible (`suffix.equivalence`). */
  suffixEquivalence: readonly (readonly string[])[];
  noSuffix: string;
  /** In a site list, each key's sites (src/core/site.ts `keySitesOf`); none when omitted. */
  keySites?: { offsets: Int32Array; ids: Int32Array };
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
  for (let t = 0; t < tokenCount; t++) {
    const text = tokens.tokens[t] as string;
    tokenCharMask[t] = charMask(text);
    tokenLength[t] = text.length;
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

  const aliasOfCore = new Map<string, number>();
  input.aliasCores.forEach((spellings, entry) => {
    for (const core of spellings) if (core.length > 0 && !aliasOfCore.has(core)) aliasOfCore.set(core, entry);
  });
  const keyAlias = sharedInt32(keyCount);
  for (let k = 0; k < keyCount; k++) {
    let text = '';
    for (let p = tokens.offsets[k] as number, end = tokens.offsets[k + 1] as number; p < end; p++) {
      text += (text.length > 0 ? ' ' : '') + (tokens.tokens[tokens.ids[p] as number] as string);
    }
    keyAlias[k] = aliasOfCore.get(text) ?? -1;
  }

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
    keyTokenOffsets,
    keyTokenIds,
    keyRecords: records,
    keyAlias,
    keySuffix,
    suffixNone: 0,
    suffixClasses: classes,
    suffixRelation,
    maxKeyTokens,
    keySiteOffsets,
    keySiteIds,
  };
}
