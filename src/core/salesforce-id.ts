/**
 * Account ids (SPEC §2, §2.2, §10): Salesforce 15/18-character ids, id validity, and the row-level checks that
 * send a row to `rejected.csv` (`missing_id`, `invalid_id`, `duplicate_id`).
 *
 * A Salesforce id is case-sensitive in its 15-character form; the 18-character form appends three characters
 * that encode which of the first 15 characters are upper case, so the id survives tools (Excel) that ignore or
 * mangle case. SPEC §10 needs 15- and 18-character ids of one record to be the same id, so the canonical form
 * is always the 18-character one.
 */

/** Suffix alphabet: the character for a 5-bit mask (SPEC §2.2). */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * Share of non-empty sampled values that must look like Salesforce ids before the id column is treated as one
 * (SPEC §2.2 "most values"). Below this the column is ordinary ids and is kept as given.
 */
export const SALESFORCE_ID_MIN_SHARE = 0.9;

/** Longest accepted id, in characters (code points), SPEC §2 `invalid_id`. */
export const MAX_ID_LENGTH = 255;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpperCode(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLowerCode(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** True when `s` is exactly `length` ASCII letters or digits. */
function isAlnumOfLength(s: string, length: number): boolean {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c) && !isUpperCode(c) && !isLowerCode(c)) return false;
  }
  return true;
}

function isAllDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
}

/** Value 0..31 of one suffix character, read case-insensitively (a lower-cased id has a lower-case suffix); -1 if invalid. */
function suffixValue(c: number): number {
  if (isUpperCode(c)) return c - 65;
  if (isLowerCode(c)) return c - 97;
  if (c >= 48 && c <= 53) return c - 48 + 26; // '0'..'5'
  return -1;
}

/**
 * Case-safe 18-character form of a 15-character Salesforce id (SPEC §2.2): for each 5-character chunk, bit i is
 * set when character i is A–Z, and the mask picks a character of `A…Z012345`.
 * Throws a RangeError unless `id15` is exactly 15 ASCII letters or digits (callers check the shape first).
 * @example toCaseSafeId('001Hs000054S8kI') → '001Hs000054S8kIIAS'
 */
export function toCaseSafeId(id15: string): string {
  if (!isAlnumOfLength(id15, 15)) {
    throw new RangeError(`toCaseSafeId: ${JSON.stringify(id15)} is not 15 letters or digits`);
  }
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (isUpperCode(id15.charCodeAt(chunk + i))) bits |= 1 << i;
    suffix += SUFFIX_ALPHABET[bits] as string;
  }
  return id15 + suffix;
}

/**
 * Repair an 18-character Salesforce id whose case was changed (Excel upper- or lower-casing it, SPEC §2.2): the
 * suffix says which of the first 15 characters are upper case, so the case of those characters is rebuilt from
 * it and the suffix is written in upper case. An intact id comes back unchanged.
 * Returns null when `id18` is not 18 letters/digits, a suffix character is outside `A–Z 0–5` (either case), or
 * the suffix marks a digit as upper case — such a value cannot be a case-safe id.
 * @example repairCaseSafeId('001HS000054S8KIIAS') → '001Hs000054S8kIIAS'
 */
export function repairCaseSafeId(id18: string): string | null {
  if (!isAlnumOfLength(id18, 18)) return null;
  // Most ids are already canonical: checked without building anything, and returned as the same string rather than
  // an equal copy (1M ids at ingest).
  let changed = false;
  for (let chunk = 0; chunk < 3; chunk++) {
    const suffix = id18.charCodeAt(15 + chunk);
    const bits = suffixValue(suffix);
    if (bits < 0) return null;
    if (SUFFIX_ALPHABET.charCodeAt(bits) !== suffix) changed = true;
    for (let i = 0; i < 5; i++) {
      const c = id18.charCodeAt(chunk * 5 + i);
      const upper = ((bits >> i) & 1) === 1;
      if (isDigitCode(c)) {
        if (upper) return null;
      } else if (upper !== isUpperCode(c)) changed = true;
    }
  }
  if (!changed) return id18;
  const codes = new Array<number>(18);
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = suffixValue(id18.charCodeAt(15 + chunk));
    for (let i = 0; i < 5; i++) {
      const at = chunk * 5 + i;
      const c = id18.charCodeAt(at);
      // A letter is upper case exactly where its suffix bit says so; digits stay.
      codes[at] = isDigitCode(c) ? c : ((bits >> i) & 1) === 1 ? c & ~32 : c | 32;
    }
    codes[15 + chunk] = SUFFIX_ALPHABET.charCodeAt(bits);
  }
  return String.fromCharCode(...codes);
}

/**
 * True when one value has the shape of a Salesforce id: 15 letters/digits, or 18 with a consistent suffix.
 * All-digit values are not counted: long numeric keys (account numbers, ERP ids) must keep their form, and a
 * real Salesforce id essentially always contains a letter (its key prefix or suffix).
 */
export function isSalesforceIdShaped(value: string): boolean {
  if (value.length === 15) return isAlnumOfLength(value, 15) && !isAllDigits(value);
  if (value.length === 18) return hasConsistentSuffix(value) && !isAllDigits(value);
  return false;
}

/** `repairCaseSafeId(id18) !== null`, without building the repaired string. */
function hasConsistentSuffix(id18: string): boolean {
  if (!isAlnumOfLength(id18, 18)) return false;
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = suffixValue(id18.charCodeAt(15 + chunk));
    if (bits < 0) return false;
    for (let i = 0; i < 5; i++) if ((bits >> i) & 1 && isDigitCode(id18.charCodeAt(chunk * 5 + i))) return false;
  }
  return true;
}

/**
 * Does this id column hold Salesforce ids (SPEC §2.2 "most values are 15 or 18 alphanumeric characters")?
 * True when at least one value is non-empty and at least SALESFORCE_ID_MIN_SHARE of the non-empty (trimmed)
 * values pass `isSalesforceIdShaped`. Empty values are ignored: they become `missing_id` rejects either way.
 * @example looksLikeSalesforceIds(['001Hs000054S8kI', '001Hs000054S8kIIAS', '']) → true
 */
export function looksLikeSalesforceIds(sample: readonly string[]): boolean {
  let nonEmpty = 0;
  let shaped = 0;
  for (const raw of sample) {
    const value = raw.trim();
    if (value.length === 0) continue;
    nonEmpty++;
    if (isSalesforceIdShaped(value)) shaped++;
  }
  return nonEmpty > 0 && shaped >= SALESFORCE_ID_MIN_SHARE * nonEmpty;
}

/**
 * The id a record is known by (SPEC §2.2, §10). Values are trimmed. In Salesforce mode a 15-character id gets its
 * case-safe suffix and an 18-character id is case-repaired; anything else (and every value outside Salesforce
 * mode) is kept as given, so `ACC-00017` and `00042` stay exactly that.
 * @example canonicalAccountId('001Hs000054S8kI', true) → '001Hs000054S8kIIAS'
 */
export function canonicalAccountId(value: string, salesforceMode: boolean): string {
  const v = value.trim();
  if (!salesforceMode) return v;
  if (v.length === 15 && isAlnumOfLength(v, 15)) return toCaseSafeId(v);
  if (v.length === 18) return repairCaseSafeId(v) ?? v;
  return v;
}

export type IdValidity = 'ok' | 'missing' | 'invalid';

/** C0 controls, DEL and C1 controls (U+0080–U+009F, which Windows-1252 mis-decoding tends to produce). */
function isControlCode(c: number): boolean {
  return c < 32 || (c >= 127 && c <= 159);
}

/**
 * SPEC §2: `missing` when empty after trim; `invalid` when the trimmed value holds a control character or is
 * longer than MAX_ID_LENGTH characters (code points, so an emoji counts once); otherwise `ok`. Trimming first
 * means a trailing tab or newline (an editing slip) is not a reason to reject the row.
 * @example idValidity('  ') → 'missing'; idValidity('AB\u0007C') → 'invalid'; idValidity('ACC-00017') → 'ok'
 */
export function idValidity(value: string): IdValidity {
  const v = value.trim();
  if (v.length === 0) return 'missing';
  for (let i = 0; i < v.length; i++) if (isControlCode(v.charCodeAt(i))) return 'invalid';
  if (v.length > MAX_ID_LENGTH) {
    // Only long values pay for counting code points; a UTF-16 length ≤ 255 is ≤ 255 code points too.
    let codePoints = 0;
    for (const _ of v) codePoints++;
    if (codePoints > MAX_ID_LENGTH) return 'invalid';
  }
  return 'ok';
}

/** Synthetic id of a data row when the input has no id column (SPEC §2.1). @example syntheticAccountId(17) → 'row:17' */
export function syntheticAccountId(rowNumber: number): string {
  return `row:${rowNumber}`;
}
