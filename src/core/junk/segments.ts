/**
 * Intake notes are built from pieces: `not sure - warehouse`, `1099, no paystubs`, `Unknown (daycare)`. A piece is
 * what lies between `,` `;` `:` parentheses, brackets, `|`, a spaced slash or a spaced dash; `self-employed`, `N/A`
 * and `1-800-Flowers` stay whole. The junk rules judge each piece (a hint stands in a piece of its own).
 */

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 160;
// , ; : ( ) [ ] { } |
const ALWAYS = new Set([44, 59, 58, 40, 41, 91, 93, 123, 125, 124]);
const SLASH = 47;
const BACKSLASH = 92;
const DASH = 45;

/** @example splitSegments('not sure - warehouse') → ['not sure ', ' warehouse'] */
export function splitSegments(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let cut = ALWAYS.has(c);
    if (!cut && (c === SLASH || c === BACKSLASH || c === DASH)) {
      // A run of dashes or a slash splits when white space (or the end) touches the run on one side.
      let end = i;
      while (end + 1 < n && text.charCodeAt(end + 1) === c) end++;
      const before = i === 0 || isSpace(text.charCodeAt(i - 1));
      const after = end === n - 1 || isSpace(text.charCodeAt(end + 1));
      if (before || after) {
        out.push(text.slice(from, i));
        from = end + 1;
      }
      i = end;
      continue;
    }
    if (cut) {
      out.push(text.slice(from, i));
      from = i + 1;
      cut = false;
    }
  }
  out.push(text.slice(from));
  return out;
}
