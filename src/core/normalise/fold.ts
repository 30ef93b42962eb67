import anyAscii from 'any-ascii';

// Marks go before NFKC, which would otherwise turn `™` into the letters `TM` (SPEC §3 step 1). `℠` is the
// same kind of mark.
const MARKS = /[™®©℠]/g;
const APOSTROPHES = /[’‘ʼ]/g;
// Only strings with a non-ASCII character need NFKC and transliteration; ASCII is left as it is by both.
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * SPEC §3 step 1 without the lower-casing: delete `™ ® ©`, NFKC, curly apostrophes → `'`, transliterate to
 * ASCII. Case is kept because alias extraction counts capitalised words (SPEC §7.1).
 * @example foldToAscii('Müller™') → 'Muller'
 */
export function foldToAscii(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return anyAscii(text.replace(MARKS, '').normalize('NFKC').replace(APOSTROPHES, "'"));
}
