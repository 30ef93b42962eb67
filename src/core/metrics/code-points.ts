/**
 * Strings as RapidFuzz sees them (SPEC §5.3): sequences of Unicode code points, not UTF-16 units. An emoji is
 * one character to RapidFuzz and two to `String.length`, so every metric works on code-point arrays.
 */

/** Code points of one string (or of a slice of a larger buffer, addressed by start and length). */
export type CodePoints = Int32Array;

/** @example toCodePoints('a😀') → Int32Array [0x61, 0x1f600] */
export function toCodePoints(s: string): CodePoints {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    // A lone surrogate is one code point, in Python and in JS iteration alike.
    out[n++] = c;
  }
  return n === s.length ? out : out.slice(0, n);
}

/** Number of code points in `s`. @example codePointLength('a😀') → 2 */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Order two strings by code point, as RapidFuzz sorts tokens. Plain `<` compares UTF-16 units and puts
 * U+FF21 after U+1F600; code-point order puts it before.
 */
export function compareByCodePoint(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0);
}

/**
 * Sorts `indices` in place by `texts[index]` in code-point order, as {@link compareByCodePoint} orders them (stable:
 * equal texts keep their order). Without a surrogate among the texts, code-point order is the UTF-16 order `<`
 * compares natively (issue 14: the comparator's code point by code point walk over 163K group ids that share their
 * first ten characters took ~0.4 s of the stats stage at 1M records).
 */
export function sortByCodePoint<T extends Int32Array | number[]>(indices: T, texts: readonly string[]): T {
  const byCodeUnit = (x: number, y: number): number => {
    const a = texts[x] as string;
    const b = texts[y] as string;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const byCodePoint = (x: number, y: number): number => compareByCodePoint(texts[x] as string, texts[y] as string);
  indices.sort(texts.some(hasSurrogate) ? byCodePoint : byCodeUnit);
  return indices;
}

/** A UTF-16 surrogate code unit (half of an astral character, or unpaired) is in `text`. */
function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) if ((text.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}

/**
 * RapidFuzz 3.14.6's token separator test. It matches Python's `str.isspace` for strings stored with 2 or 4
 * bytes per code point, but a string whose code points all fit in one byte (Latin-1) splits only on the ASCII
 * separators: there U+0085 and U+00A0 are ordinary characters. `wide` says whether the string being split
 * holds a code point above U+00FF.
 */
export function isTokenSeparator(cp: number, wide: boolean): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
  if (cp === 0x85 || cp === 0xa0) return wide;
  return (
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/**
 * Whitespace tokens of a string, as RapidFuzz's token scorers split it (empty tokens dropped).
 * @example splitTokens(' bank  of america ') → ['bank', 'of', 'america']
 */
export function splitTokens(s: string): string[] {
  let wide = false;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) {
      wide = true;
      break;
    }
  }
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    // Separators are all BMP code points, so testing UTF-16 units is exact.
    if (isTokenSeparator(s.charCodeAt(i), wide)) {
      if (start >= 0) tokens.push(s.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) tokens.push(s.slice(start));
  return tokens;
}
