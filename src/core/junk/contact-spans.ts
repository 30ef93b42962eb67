/**
 * Contact details inside a name (CRM-INTAKE: "phone numbers in any format, e-mail addresses"; issue 11 adds web
 * addresses). Patterns are anchored on a literal or on a word start and use bounded repetition, so a scan stays
 * linear on hostile input (test/property: long runs of digits, dots and separators).
 */
import { collectMatches, type TextSpan } from './text-span.js';

// A North American number: optional +1, area code (bare or in parentheses), 3 + 4 digits, optional extension.
const NANP_PHONE =
  /(?<![\w+])(?:\+?1[\s.-]{0,3})?(?:\(\s{0,2}\d{3}\s{0,2}\)|\d{3})[\s.-]{0,3}\d{3}[\s.-]{0,3}\d{4}(?:\s{0,2}(?:x|ext\.?|extension)\s{0,2}\d{1,6})?(?!\w)/gi;
// Any other country: a leading + and two to five digit groups.
const INTERNATIONAL_PHONE = /(?<![\w+])\+\d{1,3}(?:[\s.-]{1,3}\(?\d{1,4}\)?){2,5}(?!\w)/g;
// A seven-digit local number (`555-1234`); looked for last, after amounts and head counts (`100-1000 employees`).
const LOCAL_PHONE = /(?<![\w.-])\d{3}[\s.-]\d{4}(?![\w-])/g;
const WEB_ADDRESS = /(?:\bhttps?:\/\/|\bwww\.)[^\s,;()<>"']+/gi;

const isLocalChar = (c: number): boolean =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 46 ||
  c === 95 ||
  c === 37 ||
  c === 43 ||
  c === 45;
const isDomainChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * E-mail addresses (`local@domain.tld`), by a scan around each `@`: a regular expression would retry the local part
 * from every position of a long dotted run.
 */
export function findEmails(text: string, out: TextSpan[]): void {
  let claimed = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > claimed && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
    // Trailing dots belong to the sentence, not the domain.
    while (end > at + 1 && text.charCodeAt(end - 1) === 46) end--;
    if (start === at || end === at + 1) continue;
    const domain = text.slice(at + 1, end);
    const dot = domain.lastIndexOf('.');
    if (dot <= 0 || domain.length - dot - 1 < 2) continue;
    let tldLetters = true;
    for (let i = dot + 1; i < domain.length; i++) if (!isLetter(domain.charCodeAt(i))) tldLetters = false;
    if (tldLetters) {
      out.push({ start, end, kind: 'email' });
      claimed = end;
    }
  }
}

/** `http://…`, `https://…`, `www.…`. A bare `Amazon.com` is a brand name, not a web address. */
export function findWebAddresses(text: string, out: TextSpan[]): void {
  if (text.indexOf('ww') < 0 && text.indexOf('://') < 0 && text.indexOf('WW') < 0) return;
  collectMatches(WEB_ADDRESS, text, 'web_address', out);
}

/** Full phone numbers: North American in any punctuation, or international with a leading `+`. */
export function findPhones(text: string, out: TextSpan[]): void {
  collectMatches(NANP_PHONE, text, 'phone', out);
  if (text.indexOf('+') >= 0) collectMatches(INTERNATIONAL_PHONE, text, 'phone', out);
}

/** Seven-digit local numbers (`555-1234`), once amounts and head counts have claimed their digits. */
export function findLocalPhones(text: string, out: TextSpan[]): void {
  collectMatches(LOCAL_PHONE, text, 'phone', out);
}
