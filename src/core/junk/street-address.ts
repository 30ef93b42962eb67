/**
 * Street addresses typed where the employer belongs (CRM-INTAKE: `17707 Euclid Way, Upland, CA 94025`). The shape
 * is USPS Publication 28's: house number, optional directional, street name, a street suffix from the configured
 * USPS table, optional directional and unit, then optionally city, state and ZIP. A PO box counts too. Read over
 * `name_base` tokens, so punctuation and case do not matter.
 */

export interface AddressWords {
  /** Every USPS suffix form (`st`, `street`, `blvd`, `station` …). */
  streetSuffixes: readonly string[];
  /** The subset that makes an address on its own (`123 Main St`); others need a unit, state or ZIP after them. */
  streetOnlySuffixes: readonly string[];
  unitDesignators: readonly string[];
  directionals: readonly string[];
  /** State codes and names, any case (`CA`, `California`, `New York`). */
  usStates: readonly string[];
}

export interface AddressRules {
  /** A cheap necessary condition: some house number or PO box word, and some street suffix (or a PO box). */
  mayBeAddress(tokens: readonly string[]): boolean;
  /**
   * Whether `tokens[from..]` is an address, all of it; `lead` tokens before the house number may be notes
   * (`Address: 123 Main St`, `unknown - 123 Main St`) as `isNote` decides.
   */
  isAddress(tokens: readonly string[], hasComma: boolean, isNote: (i: number) => boolean): boolean;
}

const HOUSE_NUMBER = /^\d{1,6}[a-z]?$/;
const ZIP = /^\d{5}$/;
const ZIP_PLUS = /^\d{4}$/;
const UNIT_ID = /^(?=.*\d)[a-z0-9]{1,6}$|^[a-z]$/;
const LETTERS = /^[a-z]+$/;
/** Longest street name between number and suffix (`Martin Luther King Jr` is four words). */
const MAX_STREET_WORDS = 4;
const MAX_CITY_WORDS = 3;

const lowerSet = (words: readonly string[]): Set<string> =>
  new Set(
    words
      .map((w) =>
        w
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim(),
      )
      .filter((w) => w.length > 0),
  );

/** @example compileAddressRules(words).isAddress(['123', 'main', 'st'], false, () => false) → true */
export function compileAddressRules(words: AddressWords): AddressRules {
  const suffixes = lowerSet(words.streetSuffixes);
  const streetOnly = lowerSet(words.streetOnlySuffixes);
  const units = lowerSet(words.unitDesignators);
  const directionals = lowerSet(words.directionals);
  const states = lowerSet(words.usStates);
  const maxStateWords = Math.max(1, ...[...states].map((s) => s.split(' ').length));

  /** Length of a state name ending at `end` (exclusive), or 0. */
  const stateEndingAt = (tokens: readonly string[], from: number, end: number): number => {
    for (let len = Math.min(maxStateWords, end - from); len >= 1; len--) {
      if (states.has(tokens.slice(end - len, end).join(' '))) return len;
    }
    return 0;
  };

  const cityWords = (tokens: readonly string[], from: number, end: number): boolean => {
    if (end - from > MAX_CITY_WORDS) return false;
    for (let i = from; i < end; i++) if (!LETTERS.test(tokens[i] as string)) return false;
    return true;
  };

  /** City, state and ZIP after the street (`upland ca 94025`, `ca`, `94025`): true when a state or ZIP is there. */
  const locality = (tokens: readonly string[], from: number): boolean => {
    let end = tokens.length;
    let zip = false;
    if (end - from >= 2 && ZIP_PLUS.test(tokens[end - 1] as string) && ZIP.test(tokens[end - 2] as string)) {
      end -= 2;
      zip = true;
    } else if (end - from >= 1 && ZIP.test(tokens[end - 1] as string)) {
      end -= 1;
      zip = true;
    }
    const state = stateEndingAt(tokens, from, end);
    end -= state;
    return (zip || state > 0) && cityWords(tokens, from, end);
  };

  /** Directional, unit and locality after the suffix at `s`. */
  const afterSuffix = (tokens: readonly string[], s: number, hasComma: boolean): boolean => {
    let k = s + 1;
    if (k < tokens.length && directionals.has(tokens[k] as string)) k++;
    let unit = false;
    if (k < tokens.length && units.has(tokens[k] as string) && k + 1 < tokens.length) {
      if (UNIT_ID.test(tokens[k + 1] as string)) {
        k += 2;
        unit = true;
      }
    } else if (k < tokens.length && /\d/.test(tokens[k] as string) && UNIT_ID.test(tokens[k] as string)) {
      // `#12` loses its `#` in name_base; a short id with a digit right after the street is a unit.
      if (!ZIP.test(tokens[k] as string) || k + 1 < tokens.length) {
        k++;
        unit = true;
      }
    }
    if (k === tokens.length) return unit || streetOnly.has(tokens[s] as string);
    if (locality(tokens, k)) return true;
    // `123 Main St, Upland`: a city alone, after a comma, only behind a suffix that is surely a street.
    return hasComma && streetOnly.has(tokens[s] as string) && cityWords(tokens, k, tokens.length);
  };

  const poBox = (tokens: readonly string[], h: number): number => {
    const t = (i: number): string => (tokens[h + i] ?? '') as string;
    if (t(0) === 'po' && t(1) === 'box') return 2;
    if (t(0) === 'p' && t(1) === 'o' && t(2) === 'box') return 3;
    if (t(0) === 'post' && t(1) === 'office' && t(2) === 'box') return 3;
    if (t(0) === 'pobox' || (t(0) === 'pob' && /^\d/.test(t(1)))) return 1;
    return 0;
  };

  return {
    mayBeAddress(tokens) {
      let number = false;
      let suffix = false;
      for (const t of tokens) {
        if (t === 'box' || t === 'pobox' || t === 'pob') return true;
        if (HOUSE_NUMBER.test(t)) number = true;
        else if (suffixes.has(t)) suffix = true;
      }
      return number && suffix;
    },
    isAddress(tokens, hasComma, isNote) {
      for (let h = 0; h < tokens.length; h++) {
        const box = poBox(tokens, h);
        if (box > 0) {
          const number = h + box;
          if (number < tokens.length && /^\d{1,6}$/.test(tokens[number] as string)) {
            return number + 1 === tokens.length || locality(tokens, number + 1);
          }
          return false;
        }
        if (HOUSE_NUMBER.test(tokens[h] as string)) return streetFrom(tokens, h, hasComma);
        if (!isNote(h)) return false;
      }
      return false;
    },
  };

  function streetFrom(tokens: readonly string[], h: number, hasComma: boolean): boolean {
    let j = h + 1;
    if (j < tokens.length - 1 && directionals.has(tokens[j] as string)) j++;
    for (let s = j + 1; s <= Math.min(tokens.length - 1, j + MAX_STREET_WORDS); s++) {
      if (suffixes.has(tokens[s] as string) && afterSuffix(tokens, s, hasComma)) return true;
    }
    return false;
  }
}
