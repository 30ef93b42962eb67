import type { TermMatcher } from '../term-matcher.js';
import type { AliasSource } from '../types.js';
import { leadingClause } from './dba-clause.js';
import { type LegalFormIndex, matchLegalFormAt } from './legal-forms.js';
import type { LocationIndex } from './locations.js';
import { NAME_CONTENT } from './name-content.js';
import { tokeniseBase } from './tokenise.js';

/**
 * What a parenthesised text is (SPEC §7.1): a note or location (dropped), a company (kept as an alias), or
 * neither (kept in the name, parentheses unwrapped: `Pacific Bell (2)` keeps its `2`).
 */
export type ParenKind = 'note' | 'location' | 'company' | 'plain';

export interface ParenRules {
  legalForms: LegalFormIndex;
  /** Non-company notes, matched as whole words of the text's `name_base` form (`temp` ≠ `tempest`). */
  notes: TermMatcher;
  locations: LocationIndex;
}

// A capital letter that starts a word; `McDonald` is one capitalised word, `Sonic Automotive` two.
const CAPITALISED_WORD = /(?<![A-Za-z0-9'])[A-Z]/g;

/**
 * Classify parenthesised text: notes first (`paystubs`, `not sure` …), then locations (`California`,
 * `Buena Park, CA`), then company-like (a legal form after some name, or two or more capitalised words).
 * @example parenKind('Sonic Automotive', rules) → 'company'
 */
export function parenKind(content: string, rules: ParenRules): ParenKind {
  const lower = content.toLowerCase();
  const { tokens, flags } = tokeniseBase(lower, rules.legalForms.compactable);
  if (tokens.length === 0) return 'note';
  if (rules.notes.test(tokens.join(' '))) return 'note';
  if (rules.locations.isLocation(tokens)) return 'location';
  const comma = lower.lastIndexOf(',');
  if (comma >= 0) {
    const tail = tokeniseBase(lower.slice(comma + 1), rules.legalForms.compactable).tokens;
    if (rules.locations.isLocation(tail)) return 'note';
  }
  const form = matchLegalFormAt(rules.legalForms, tokens, flags, tokens.length, false);
  if (form !== null && form.tokens.length < tokens.length) return 'company';
  CAPITALISED_WORD.lastIndex = 0;
  let capitalised = 0;
  while (CAPITALISED_WORD.exec(content) !== null) if (++capitalised >= 2) return 'company';
  return 'plain';
}

/**
 * An unclosed `(` runs to the end of the name (`Kroger LLC (Centennial`): the `)` was cut off or never typed.
 * @example closeLastParenthesis('Acme (per client') → 'Acme (per client)'
 */
export function closeLastParenthesis(text: string): string {
  return text.lastIndexOf('(') > text.lastIndexOf(')') ? `${text})` : text;
}

// Innermost parentheses only; a stray or nested bracket is left to become a space with other punctuation.
const PAREN = /\(([^()]*)\)/g;
const SPACES = /\s+/g;

export interface ParenExtraction {
  /** The text with notes and company parentheses cut out and plain ones unwrapped. */
  text: string;
  aliases: { text: string; source: AliasSource }[];
  /** Names listed by an issue label (`(2nd issue: Beta Foods)`): entries of a list, not aliases (issue 11). */
  listed: string[];
  /** Dropped locations and branch words (`(Fullerton)`, `(main)`) in `name_base` form, for `name_location`. */
  locations: string[];
}

// `(1st issue: A)`, `(previous issue - A)`, `(issue 2: A)`: intake staff listing the employers of several issues.
const ISSUE_LABEL =
  /^\s*(?:(?:\d{1,2}\s*(?:st|nd|rd|th)|first|second|third|fourth|fifth|previous|prior|old|new|current|latest|original|other)\s+issue|issue\s*#?\s*\d{1,2})\s*[:-]?\s*/i;

/** The name after an issue label, or null when the text has no label or nothing after it. */
export function issueListedName(content: string): string | null {
  const m = ISSUE_LABEL.exec(content);
  if (m === null) return null;
  const rest = content.slice(m[0].length);
  return NAME_CONTENT.test(rest) ? rest : null;
}

interface Group {
  start: number;
  end: number;
  content: string;
  alias: { text: string; source: AliasSource } | null;
  unwrap: boolean;
  location: boolean;
}

/**
 * Cut parenthesised notes, locations and companies out of a name (SPEC §3 step 2, §7.1). When that would
 * leave nothing, the first removed group is unwrapped instead: `(Aerotek)` → `Aerotek`,
 * `(Sonic Automotive)` → `Sonic Automotive`.
 * @example extractParentheses('(Sonic Automotive) Buena Park Honda', rules) → { text: '  Buena Park Honda', aliases: [{ text: 'Sonic Automotive', source: 'parentheses' }] }
 */
export function extractParentheses(text: string, rules: ParenRules): ParenExtraction {
  if (text.indexOf('(') < 0) return { text, aliases: [], listed: [], locations: [] };
  const groups: Group[] = [];
  const listed: string[] = [];
  for (const m of text.matchAll(PAREN)) {
    const content = m[1] as string;
    const issueName = issueListedName(content);
    if (issueName !== null) {
      listed.push(issueName);
      groups.push({ start: m.index, end: m.index + m[0].length, content, alias: null, unwrap: false, location: false });
      continue;
    }
    const clause = leadingClause(content);
    let alias: Group['alias'] = null;
    let unwrap = false;
    let location = false;
    if (clause !== null) alias = clause;
    else {
      const kind = parenKind(content, rules);
      // A word in parentheses before the name names its owner or group (`(Sonic) Serramonte Honda`, CRM-INTAKE).
      const qualifier = kind === 'plain' && LETTER.test(content) && opensName(text, m.index, m[0].length);
      if (kind === 'company' || qualifier) alias = { text: content.replace(SPACES, ' ').trim(), source: 'parentheses' };
      else if (kind === 'plain') unwrap = true;
      else if (kind === 'location') location = true;
    }
    groups.push({ start: m.index, end: m.index + m[0].length, content, alias, unwrap, location });
  }
  if (groups.length === 0) return { text, aliases: [], listed, locations: [] };
  let out = rebuild(text, groups);
  // Issue-listed names stand in for the name, so cutting everything else leaves the name in `listed`.
  if (!NAME_CONTENT.test(out) && listed.length === 0) {
    // Never empty the name: unwrap the first group that has something in it.
    const first = groups.find((g) => !g.unwrap && NAME_CONTENT.test(g.content));
    if (first !== undefined) {
      first.unwrap = true;
      first.alias = null;
      out = rebuild(text, groups);
    }
  }
  const aliases: ParenExtraction['aliases'] = [];
  const locations: string[] = [];
  for (const g of groups) {
    if (g.alias !== null) aliases.push(g.alias);
    if (g.location && !g.unwrap) {
      locations.push(tokeniseBase(g.content.toLowerCase(), rules.legalForms.compactable).tokens.join(' '));
    }
  }
  return { text: out, aliases, listed, locations };
}

const LETTER = /[a-z]/i;

/** The group at `start` (`length` characters) comes before any other text of the name, and a name follows it. */
function opensName(text: string, start: number, length: number): boolean {
  return !NAME_CONTENT.test(text.slice(0, start)) && NAME_CONTENT.test(text.slice(start + length));
}

function rebuild(text: string, groups: readonly Group[]): string {
  let out = '';
  let last = 0;
  for (const g of groups) {
    out += text.slice(last, g.start);
    out += g.unwrap ? ` ${g.content} ` : ' ';
    last = g.end;
  }
  return out + text.slice(last);
}
