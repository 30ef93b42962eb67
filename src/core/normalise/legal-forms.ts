import type { SuffixClass } from '../types.js';

/**
 * One legal-form class and the normalised token sequences that signal it (SPEC §3 step 6).
 * `forms` always count at the end of a name; `shortForms` are also ordinary words or abbreviations
 * (`na`, `ag`, `pt` …) and count only when written dotted (`N.A.`), preceded by a comma (`Siemens, AG`) or
 * chained before another legal form that was stripped (`Foo Pty Ltd`).
 */
export interface LegalFormClass {
  class: SuffixClass;
  forms: readonly string[];
  shortForms?: readonly string[];
  /** Spellings matched case-sensitively at the end of a name; they count like a dotted form (`Giglio SpA`). */
  casedForms?: readonly string[];
  /** Spellings matched case-sensitively at the start of a name (`AB Volvo`), issue 10 class 8. */
  leadingForms?: readonly string[];
  /**
   * Word endings after which a short form counts undotted, the kind of company it belongs to (`Bank of America NA`,
   * `Citibank NA`: national association is a bank's form).
   */
  shortAfter?: readonly string[];
}

/** A legal form as tokens, with its class. */
export interface LegalForm {
  tokens: readonly string[];
  class: SuffixClass;
  short: boolean;
  /** {@link LegalFormClass.shortAfter} of a short form; empty otherwise. */
  shortAfter: readonly string[];
}

/** Legal forms indexed by their last token, longest first, so the strip loop tries one bucket per step. */
export interface LegalFormIndex {
  byLastToken: ReadonlyMap<string, readonly LegalForm[]>;
  /** Single-token forms, dotted spellings of which are written compactly (`L.L.C.` → `llc`, SPEC §3 step 4). */
  compactable: ReadonlySet<string>;
  /** Cased spellings that count at the end of a name (`SpA`, `AG`). */
  casedTail: ReadonlySet<string>;
  /** Cased spellings that count at the start of a name (`AB Volvo`), with their class. */
  leadingClass: ReadonlyMap<string, SuffixClass>;
  /** Forms of one word long enough that a word one typo from them is them misspelt (`compnay`, `corportion`). */
  misspellable: readonly string[];
}

/** Letters from which a form written in full is recognised with a typo: `company` (7) is, `corp` is not. */
export const MIN_MISSPELLABLE_FORM_LENGTH = 7;

/** Token flag set by the tokeniser after a spaced dash (`Target - Mesa`), read by the location-tail rule. */
export const TOKEN_AFTER_DASH = 4;
/** Token flag set by the tokeniser after `#` (`Safeway #33 Fullerton`): a store number, read by the unit rule. */
export const TOKEN_AFTER_HASH = 8;

/** Token flags set by the tokeniser and read by the short-form rule. */
export const TOKEN_DOTTED = 1;
export const TOKEN_AFTER_COMMA = 2;

export function compileLegalForms(classes: readonly LegalFormClass[]): LegalFormIndex {
  const byLast = new Map<string, LegalForm[]>();
  const compactable = new Set<string>();
  const misspellable: string[] = [];
  const seen = new Set<string>();
  const add = (text: string, cls: SuffixClass, short: boolean, shortAfter: readonly string[] = []): void => {
    const tokens = text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t.length > 0);
    const key = tokens.join(' ');
    // First declaration wins, so a form listed under two classes resolves predictably.
    if (tokens.length === 0 || seen.has(key)) return;
    seen.add(key);
    const last = tokens[tokens.length - 1] as string;
    let bucket = byLast.get(last);
    if (bucket === undefined) {
      bucket = [];
      byLast.set(last, bucket);
    }
    bucket.push({ tokens, class: cls, short, shortAfter });
    if (tokens.length === 1) compactable.add(last);
    if (tokens.length === 1 && !short && last.length >= MIN_MISSPELLABLE_FORM_LENGTH) misspellable.push(last);
  };
  const cased: string[] = [];
  const leading: string[] = [];
  const leadingClass = new Map<string, SuffixClass>();
  for (const c of classes) {
    for (const f of c.forms) add(f, c.class, false);
    for (const f of c.shortForms ?? []) add(f, c.class, true, c.shortAfter);
    // A cased spelling is written dotted before tokenising, so it needs its letters as a form.
    for (const f of c.casedForms ?? []) {
      add(f, c.class, true);
      cased.push(f);
    }
    for (const f of c.leadingForms ?? []) {
      leading.push(f);
      if (!leadingClass.has(f)) leadingClass.set(f, c.class);
    }
  }
  for (const bucket of byLast.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);
  return {
    byLastToken: byLast,
    compactable,
    casedTail: new Set(cased),
    leadingClass,
    misspellable,
  };
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * A cased legal form at the end of a name written dotted, so the short-form rule lets it count:
 * `Giglio Group SpA` → `Giglio Group s.p.a.` (issue 10 class 8). Only the last word is looked at.
 */
export function dotCasedTail(index: LegalFormIndex, text: string): string {
  if (index.casedTail.size === 0) return text;
  let end = text.length;
  while (end > 0 && !isAlnum(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isAlnum(text.charCodeAt(start - 1))) start--;
  if (start === end || !index.casedTail.has(text.slice(start, end))) return text;
  if (!/[A-Za-z0-9]/.test(text.slice(0, start))) return text;
  const dotted = text.slice(start, end).toLowerCase().split('').join('.');
  return `${text.slice(0, start)} ${dotted}. ${text.slice(end)}`;
}

/** A cased leading legal form (`AB Volvo`): its class and the text after it, or null. */
export function cutCasedHead(index: LegalFormIndex, text: string): { text: string; class: SuffixClass } | null {
  if (index.leadingClass.size === 0) return null;
  let start = 0;
  while (start < text.length && !isAlnum(text.charCodeAt(start))) start++;
  let end = start;
  while (end < text.length && isAlnum(text.charCodeAt(end))) end++;
  const cls = index.leadingClass.get(text.slice(start, end));
  // A space must follow (`AB Volvo`, not `AB-Volvo`), then more name.
  if (cls === undefined || !/^\.?\s+[A-Za-z0-9]/.test(text.slice(end))) return null;
  return { text: text.slice(end).replace(/^\.?\s+/, ''), class: cls };
}

/**
 * The longest legal form ending at `tokens[end - 1]` that may be stripped there, or null.
 * A short form needs a dotted spelling or a comma before it, or `chained` (a legal form right after it was
 * just stripped), or a word before it ending as one of its `shortAfter` (`bank of america na`).
 */
export function matchLegalFormAt(
  index: LegalFormIndex,
  tokens: readonly string[],
  flags: ArrayLike<number>,
  end: number,
  chained: boolean,
): LegalForm | null {
  if (end <= 0) return null;
  const bucket = index.byLastToken.get(tokens[end - 1] as string);
  if (bucket === undefined) return null;
  for (const form of bucket) {
    const len = form.tokens.length;
    const start = end - len;
    if (start < 0) continue;
    let same = true;
    for (let k = 0; k < len - 1; k++) {
      if (tokens[start + k] !== form.tokens[k]) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    if (
      form.short &&
      !chained &&
      ((flags[start] ?? 0) & (TOKEN_DOTTED | TOKEN_AFTER_COMMA)) === 0 &&
      !kindBefore(form, tokens, start)
    )
      continue;
    return form;
  }
  return null;
}

/** Whether a word before `start` ends as one of the form's {@link LegalForm.shortAfter} (`citibank`: `bank`). */
function kindBefore(form: LegalForm, tokens: readonly string[], start: number): boolean {
  for (const ending of form.shortAfter) {
    for (let i = 0; i < start; i++) if ((tokens[i] as string).endsWith(ending)) return true;
  }
  return false;
}
