import { boundedOsa } from '../match/edit-distance.js';
import { NAME_CONTENT } from './name-content.js';

/** Word lists of the unit-marker rule (SPEC §3 step 3). */
export interface UnitMarkerRules {
  /** Words that introduce a store number: `store 1234`, `store #1234`, `store no 1234`. */
  unitWords: ReadonlySet<string>;
  /** Words after which a number is part of the name: `local 399`, `no. 63`, `school 12`. */
  nameNumberWords: ReadonlySet<string>;
}

// The words that may sit between a unit word and its number (`store no 1234`, `store number 1234`); they
// are grammar of the marker itself, not a list users tune.
const NUMBER_WORDS: ReadonlySet<string> = new Set(['no', 'number', 'num', 'nbr']);

// A trailing `#1234` / `# 1234`. Only `#` needs this string-level pass: it is gone once punctuation is.
const HASH_TAIL = /#[^a-z0-9#]*(\d+)[^a-z0-9]*$/;

const isAlnumCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** The word (run of `[a-z0-9]`) that ends right before `pos`, or ''. */
function wordBefore(s: string, pos: number): string {
  let end = pos;
  while (end > 0 && !isAlnumCode(s.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isAlnumCode(s.charCodeAt(start - 1))) start--;
  return s.slice(start, end);
}

/** Shortest word of `nameNumberWords` whose typos also take a number (`lcal 686`): `host` is no typo of `post`. */
const MIN_TYPO_NAME_NUMBER_WORD = 5;
const dp = new Int32Array(3 * 64);

/**
 * Whether a number after `word` is part of the name: a word of `nameNumberWords`, or one edit from one of five
 * letters or more (CRM-INTAKE: a typo in any word, `IUOE Lcal 686`), or one of five letters or more run into the
 * word before it (words joined: `AFSCMELocal 660`, `Pipefitterslocal 225`).
 * @example takesNameNumber('locak', rules) → true
 * @example takesNameNumber('afscmelocal', rules) → true
 */
export function takesNameNumber(word: string, rules: UnitMarkerRules): boolean {
  if (rules.nameNumberWords.has(word)) return true;
  if (word.length < MIN_TYPO_NAME_NUMBER_WORD - 1) return false;
  for (const w of rules.nameNumberWords) {
    if (w.length < MIN_TYPO_NAME_NUMBER_WORD) continue;
    if (Math.abs(w.length - word.length) <= 1 && boundedOsa(word, w, 1, dp) <= 1) return true;
    // A word run in before it: two letters at least, as one extra letter is a typo, tested above.
    if (word.length >= w.length + 2 && word.endsWith(w)) return true;
  }
  return false;
}

/**
 * Cut a trailing `#1234` from lower-case text before punctuation goes (SPEC §3 step 3). Left alone when the
 * word before it takes a number as part of the name (`local #63`), when it follows a unit word (the token
 * rule then removes `store 1234` whole), or when nothing would remain (`#5`).
 * @example cutHashUnit('walmart #1234', rules) → { text: 'walmart ', unit: '1234' }
 */
export function cutHashUnit(lower: string, rules: UnitMarkerRules): { text: string; unit: string | null } {
  const hash = lower.lastIndexOf('#');
  if (hash < 0) return { text: lower, unit: null };
  const m = HASH_TAIL.exec(lower.slice(hash));
  if (m === null) return { text: lower, unit: null };
  const before = wordBefore(lower, hash);
  if (takesNameNumber(before, rules) || rules.unitWords.has(before)) return { text: lower, unit: null };
  const text = lower.slice(0, hash);
  if (!NAME_CONTENT.test(text)) return { text: lower, unit: null };
  return { text, unit: m[1] as string };
}

/**
 * A bare trailing number of three digits or more (`Target 4075`) may be a store number (issue 10 class 2); the
 * caller checks that a distinctive word comes before it and that no name-number word does (`Local 399`).
 */
export function isBareUnitNumber(token: string): boolean {
  return token.length >= 3 && isDigits(token);
}

/** Digits only (`33`, `0482`). */
export function isDigits(t: string): boolean {
  if (t.length === 0) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Start of a unit marker (`store 1234`, `store no 1234`) ending at `tokens[end - 1]`, or -1. The caller
 * decides whether removing it would empty the name.
 */
export function unitMarkerStart(tokens: readonly string[], end: number, rules: UnitMarkerRules): number {
  if (end < 2 || !isDigits(tokens[end - 1] as string)) return -1;
  const prev = tokens[end - 2] as string;
  if (rules.unitWords.has(prev)) return end - 2;
  if (end >= 3 && NUMBER_WORDS.has(prev) && rules.unitWords.has(tokens[end - 3] as string)) return end - 3;
  return -1;
}
