/** One entry of a `;` list or numbered list (SPEC §7.1). */
export interface ListItem {
  text: string;
  /** Whether the entry carried a list mark (`1.`, `(1)`, `1)`). */
  numbered: boolean;
}

// A list mark at the very start: `(1)`, `1)`, `1.` or `1:` followed by a space (so `24.Hour` is no mark), a first
// mark written tight against the name (`1.ABM Janitorial 2.Hemet …`, `1:Nissani Bros`, issue 11), or `1 - ` with
// spaces round the dash (`1 - AutoZone`; `1-800 Flowers` is a name).
const LEADING_MARK = /^\s*(?:\(\d{1,2}\)|\d{1,2}\)|\d{1,2}[.:](?=\s)|1[.:](?=[A-Za-z(])|1\s+-\s+(?=\S))/;
// Any list mark, once the entry is known to be a numbered list (`2 - ` too). A bare `2.` / `2)` / `2:` needs white space, a comma
// or a semicolon before it, so digits inside a word (`A1)`, `123)`) are no mark; `2.` and `2:` may touch the name
// that follows (`2.Hemet`), never a digit (`2.0`). Only the next number in sequence counts (`splitNameList`).
const ANY_MARK = /\(\d{1,2}\)|(?<![^\s,;])\d{1,2}(?:\)|[.:](?=\s|[A-Za-z(])|\s+-\s+(?=\S))/g;
const MARK_NUMBER = /\d{1,2}/;

export function startsWithListMark(text: string): boolean {
  return LEADING_MARK.test(text);
}

/**
 * Split an entry on `;` and, when it opens with a list mark, on every following mark in sequence (`(1) X (2) Y`,
 * `1. X 2. Y`, `1.X 2.Y`, `1: X 2: Y`); a leading mark on a `;` segment is dropped either way. Blank entries are
 * dropped. A mark out of sequence is part of a name (`1. Acme 24. Foo` names one company).
 * @example splitNameList('(1)Don Roberto Jewelers; (2) BYD Auto') → [{ text: 'Don Roberto Jewelers', numbered: true }, { text: ' BYD Auto', numbered: true }]
 */
export function splitNameList(text: string): ListItem[] {
  const numberedList = LEADING_MARK.test(text);
  const items: ListItem[] = [];
  let expected = 0;
  for (const part of text.split(';')) {
    if (numberedList) {
      let last = 0;
      let marked = false;
      for (const m of part.matchAll(ANY_MARK)) {
        const number = Number(MARK_NUMBER.exec(m[0])?.[0]);
        // The first mark of the entry sets the sequence; a `;` part may restart it (`(1) A; (2) B`).
        if (expected > 0 && number !== expected && !(last === 0 && m.index === part.search(/\S/))) continue;
        pushItem(items, part.slice(last, m.index), marked);
        last = m.index + m[0].length;
        marked = true;
        expected = number + 1;
      }
      pushItem(items, part.slice(last), marked);
    } else {
      const m = LEADING_MARK.exec(part);
      if (m === null) pushItem(items, part, false);
      else pushItem(items, part.slice(m[0].length), true);
    }
  }
  return items;
}

function pushItem(items: ListItem[], text: string, numbered: boolean): void {
  if (text.trim().length > 0) items.push({ text, numbered });
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * Split `Acme / Beta Corp` into its parts (SPEC §7.1): a slash with white space on at least one side; `20/20`
 * and `N/A` are one name. A scan rather than a regular expression, which would backtrack over long runs of
 * spaces.
 */
export function splitSlashList(text: string): string[] {
  if (text.indexOf('/') < 0) return [text];
  const parts: string[] = [];
  let from = 0;
  for (let i = text.indexOf('/'); i >= 0; i = text.indexOf('/', i + 1)) {
    const spaceBefore = i > 0 && isSpace(text.charCodeAt(i - 1));
    const spaceAfter = i + 1 < text.length && isSpace(text.charCodeAt(i + 1));
    if (!spaceBefore && !spaceAfter) continue;
    parts.push(text.slice(from, i));
    from = i + 1;
  }
  parts.push(text.slice(from));
  return parts.filter((p) => p.trim().length > 0);
}

/**
 * Whether two listed names are one company written twice (SPEC §7.1 counts *distinct* names): one's words all lie
 * in the other (`Salvation Army - Temple / Salvation Army`), or one is the initials of the other's first words
 * (`Chicago Youth Centers - Roseland / CYC`). Cores are `name_core` text.
 * @example sameListedCompany('salvation army temple', 'salvation army') → true
 */
export function sameListedCompany(a: string, b: string): boolean {
  const ta = a.split(' ');
  const tb = b.split(' ');
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const longSet = new Set(long);
  if (short.every((t) => longSet.has(t))) return true;
  return (
    (short.length === 1 && isInitialsOf(short[0] as string, long)) ||
    (long.length === 1 && isInitialsOf(long[0] as string, short))
  );
}

/** `cyc` of `chicago youth centers …`, `lssi` of `lutheran social services of illinois …` (short words may drop out). */
function isInitialsOf(acronym: string, words: readonly string[]): boolean {
  if (acronym.length < 2 || !/^[a-z]+$/.test(acronym)) return false;
  let k = 0;
  for (const word of words) {
    if (k === acronym.length) break;
    if (word[0] === acronym[k]) k++;
    else if (word.length > 3) return false;
  }
  return k === acronym.length;
}
