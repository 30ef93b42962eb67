/** Salesforce-style Account ids for generated rows (SPEC §2.2). */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The 3-character case-safe suffix of a 15-character id: for each 5-character chunk, bit i is set when character i
 * is an upper-case letter (SPEC §2.2). @example caseSafeSuffix('001Hs000054S8kI') → 'IAS'
 */
export function caseSafeSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = id15.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    out += SUFFIX_ALPHABET[bits];
  }
  return out;
}

/**
 * An 18-character Account id: key prefix `001`, a two-character instance (`pod`), a reserved `0`, nine base-62
 * digits of `serial`, then the case-safe suffix. Distinct serials give distinct ids.
 */
export function salesforceId(pod: string, serial: number): string {
  let digits = '';
  let n = serial;
  for (let i = 0; i < 9; i++) {
    digits = BASE62[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  const id15 = `001${pod}0${digits}`;
  return id15 + caseSafeSuffix(id15);
}

/** A two-character instance code such as `Hs` or `5e`, drawn from the seed. */
export function podFor(hash: number): string {
  return BASE62[10 + (hash % 26)]! + BASE62[(hash >>> 8) % 62]!;
}
