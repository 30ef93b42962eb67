import { compileTermMatcher } from '../term-matcher.js';
import type { Alias, AliasSource, SuffixClass } from '../types.js';
import { NO_SUFFIX } from '../types.js';
import { hasClauseMarker, splitClauses } from './dba-clause.js';
import { foldToAscii } from './fold.js';
import { compileIntakeAnnotations } from './intake-annotations.js';
import { compileLegalForms, type LegalFormClass, type LegalFormIndex, matchLegalFormAt } from './legal-forms.js';
import { compileLocations } from './locations.js';
import { sameListedCompany, splitNameList, splitSlashList, startsWithListMark } from './name-lists.js';
import { extractParentheses, type ParenRules } from './parentheses.js';
import { tokeniseBase } from './tokenise.js';
import { cutHashUnit, type UnitMarkerRules, unitMarkerStart } from './unit-marker.js';

/** Lists that drive normalisation (SPEC §3, §7.1); defaults in `src/config/default-lists.ts`. */
export interface NormaliseOptions {
  legalForms: readonly LegalFormClass[];
  /** Regular-expression sources (case-insensitive) for intake annotations cut from the name (SPEC §3 step 2). */
  intakeNotePatterns: readonly string[];
  /** Words and phrases that make parenthesised text a note, matched as whole words (SPEC §7.1). */
  nonCompanyNotes: readonly string[];
  /** US states and other location words; parenthesised text made only of them is dropped (SPEC §3 step 2). */
  locationWords: readonly string[];
  /** Numbers after these words are part of the name: `local 399`, `no 63` (SPEC §3 step 3). */
  nameNumberWords: readonly string[];
  /** Words that introduce a store number: `store 1234` (SPEC §3 step 3). */
  unitMarkerWords: readonly string[];
}

/** Everything SPEC §3 derives from one `account_name`. */
export interface NormalisedName {
  name_raw: string;
  name_base: string;
  name_core: string;
  suffix_class: SuffixClass;
  /** The core's tokens (`name_core` split on spaces, no rewrites). */
  name_tokens: string[];
  name_unit: string | null;
  has_parentheses: boolean;
  has_semicolon: boolean;
  has_multiple_names: boolean;
  aliases: Alias[];
  /** A multi-name entry's names as written, first name first (issue 11 "mentions"); absent for one name. */
  name_parts?: string[];
}

/** One name after SPEC §3 steps 3–7. */
interface NamePiece {
  base: string;
  core: string;
  coreTokens: string[];
  suffix: SuffixClass;
  unit: string | null;
}

interface Candidate {
  /** The name as written (ASCII, white space collapsed): the alias text. */
  text: string;
  source: AliasSource;
  /** Part of a `;`, numbered or ` / ` list, so it counts towards `has_multiple_names`. */
  listed: boolean;
  piece: NamePiece | null;
}

const SPACES = /\s+/g;
const collapse = (s: string): string => s.replace(SPACES, ' ').trim();
const LETTER = /[a-z]/;

/**
 * SPEC §3 steps 1, 4 and 5 only: the `name_base` form of a blacklist term, note or alias text.
 * @example createBaseNormaliser(opts)('N/A') → 'n a'
 */
export function createBaseNormaliser(opts: Pick<NormaliseOptions, 'legalForms'>): (text: string) => string {
  return baseNormaliserFor(compileLegalForms(opts.legalForms));
}

function baseNormaliserFor(legal: LegalFormIndex): (text: string) => string {
  return (text) => tokeniseBase(foldToAscii(text).toLowerCase(), legal.compactable).tokens.join(' ');
}

/**
 * Compile the lists once and return the normaliser of SPEC §3.
 * @example createNormaliser(opts)('Foo Co., Ltd.') → { name_core: 'foo', suffix_class: 'LTD', … }
 */
export function createNormaliser(opts: NormaliseOptions): (accountName: string) => NormalisedName {
  const legal = compileLegalForms(opts.legalForms);
  const baseOf = baseNormaliserFor(legal);
  const intake = compileIntakeAnnotations(opts.intakeNotePatterns);
  const parenRules: ParenRules = {
    legalForms: legal,
    notes: compileTermMatcher(opts.nonCompanyNotes, baseOf),
    locations: compileLocations(opts.locationWords, baseOf),
  };
  const unitRules: UnitMarkerRules = {
    unitWords: new Set(opts.unitMarkerWords.map(baseOf)),
    nameNumberWords: new Set(opts.nameNumberWords.map(baseOf)),
  };

  /** SPEC §3 steps 3–7 on one name (already free of lists, clauses and parentheses). */
  function namePiece(text: string): NamePiece {
    let lower = text.toLowerCase();
    let unit: string | null = null;
    if (lower.indexOf('#') >= 0) {
      const cut = cutHashUnit(lower, unitRules);
      lower = cut.text;
      unit = cut.unit;
    }
    const { tokens, flags } = tokeniseBase(lower, legal.compactable);
    // Strip never leaves only leading `the`s: `The Company` keeps `company` (SPEC §3 steps 6–7).
    let lead = 0;
    while (lead < tokens.length - 1 && tokens[lead] === 'the') lead++;
    let end = tokens.length;
    let suffix: SuffixClass = NO_SUFFIX;
    let chained = false;
    // Unit markers found behind legal forms (`Walmart Store 12 Inc`) are cut too; [start, end) pairs.
    let unitSpans: number[] | null = null;
    // Trailing legal forms and unit markers, to a fixed point; the outermost form names the class.
    for (;;) {
      const form = matchLegalFormAt(legal, tokens, flags, end, chained);
      if (form !== null) {
        if (end - form.tokens.length <= lead) break;
        end -= form.tokens.length;
        if (suffix === NO_SUFFIX) suffix = form.class;
        chained = true;
        continue;
      }
      const start = unitMarkerStart(tokens, end, unitRules);
      if (start > lead) {
        unit ??= tokens[end - 1] as string;
        unitSpans ??= [];
        unitSpans.push(start, end);
        end = start;
        chained = false;
        continue;
      }
      break;
    }
    let from = 0;
    while (from < end - 1 && tokens[from] === 'the') from++;
    if (unitSpans === null) {
      const base = tokens.join(' ');
      // Most names have no suffix and no leading `the`: the core is the base.
      if (from === 0 && end === tokens.length) return { base, core: base, coreTokens: tokens, suffix, unit };
      const coreTokens = tokens.slice(from, end);
      return { base, core: coreTokens.join(' '), coreTokens, suffix, unit };
    }
    const baseTokens: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let inUnit = false;
      for (let k = 0; k < unitSpans.length; k += 2) {
        if (i >= (unitSpans[k] as number) && i < (unitSpans[k + 1] as number)) inUnit = true;
      }
      if (!inUnit) baseTokens.push(tokens[i] as string);
    }
    const coreTokens = tokens.slice(from, end);
    return { base: baseTokens.join(' '), core: coreTokens.join(' '), coreTokens, suffix, unit };
  }

  /** A name counts as one of several only when it has a letter and more than one character. */
  const isNameLike = (core: string): boolean => core.length > 1 && LETTER.test(core);

  /** SPEC §7.1: lists, clauses and parentheses; the first real name is the core, the rest are aliases. */
  function structured(text: string): { piece: NamePiece; aliases: Alias[]; multiple: boolean; parts: string[] } {
    const listed: Candidate[] = [];
    const side: Candidate[] = [];
    for (const item of splitNameList(text)) {
      const listSource: AliasSource = item.numbered ? 'numbered' : 'semicolon';
      // Annotations are cut per entry too: `Per PNC - Acme; Per PNC - Beta`.
      const paren = extractParentheses(intake.strip(item.text), parenRules);
      const { name, clauses } = splitClauses(paren.text);
      const parts = splitSlashList(name);
      let names = parts.length > 1 ? parts.map((p) => intake.strip(p)) : [];
      let pieces = names.map(namePiece);
      // `N / A` is not two employers: split on a slash only when two or more parts are real names.
      if (pieces.filter((p) => isNameLike(p.core)).length < 2) {
        names = [parts.length > 1 ? name.replaceAll('/', ' ') : name];
        pieces = [namePiece(names[0] as string)];
      }
      pieces.forEach((piece, k) => {
        const source = k === 0 ? listSource : 'slash';
        listed.push({ text: collapse(names[k] as string), source, listed: true, piece });
      });
      // `(1st issue: A) (2nd issue: B)`: names an issue label lists are entries too (issue 11).
      for (const entry of paren.listed) {
        listed.push({ text: collapse(entry), source: 'numbered', listed: true, piece: namePiece(intake.strip(entry)) });
      }
      for (const c of clauses) side.push({ text: collapse(c.text), source: c.source, listed: false, piece: null });
      for (const a of paren.aliases)
        side.push({ text: collapse(a.text), source: a.source, listed: false, piece: null });
    }
    const primary = listed.find((c) => c.piece !== null && isNameLike(c.piece.core));
    // No real name in the list (`1099; 5`): the entries together are the name; with no entries at all
    // (only list marks, `1)`), the marks are.
    const piece = primary?.piece ?? namePiece(listed.length > 0 ? listed.map((c) => c.text).join(' ') : text);
    const seen = new Set<string>([piece.core]);
    let listedNames = 1;
    const parts = primary === undefined ? [] : [primary.text];
    const listedCores = [piece.core];
    const aliases: Alias[] = [];
    // Without a real name the fallback above already holds every listed entry.
    const others = primary === undefined ? side : [...listed, ...side];
    for (const c of others) {
      if (c === primary) continue;
      // An alias's core is what the alias stage gets by normalising its text as a name (SPEC §7.2), so
      // `dba Beta (CA)` and a repeated name are judged on that. An alias is a proper part of this entry, so
      // the recursion ends; the length check keeps that true whatever the parts look like.
      const alias = c.text;
      const core = alias.length < text.length ? normaliseName(alias).name_core : namePiece(alias).core;
      if (core.length === 0 || (c.listed && !isNameLike(core)) || seen.has(core)) continue;
      seen.add(core);
      // One company written twice (`X - Site / X`, `X / XYZ`) is one name, not several (issue 11).
      if (c.listed && !listedCores.some((prev) => sameListedCompany(prev, core))) {
        listedNames++;
        listedCores.push(core);
        parts.push(alias);
      }
      aliases.push({ text: alias, source: c.source });
    }
    return { piece, aliases, multiple: listedNames >= 2, parts };
  }

  function normaliseName(accountName: string): NormalisedName {
    const name_raw = accountName.trim();
    const folded = foldToAscii(name_raw);
    const has_parentheses = folded.indexOf('(') >= 0 || folded.indexOf(')') >= 0;
    const has_semicolon = folded.indexOf(';') >= 0;
    const text = intake.strip(folded);
    let piece: NamePiece;
    let aliases: Alias[] = [];
    let multiple = false;
    let parts: string[] = [];
    if (
      text.indexOf('(') < 0 &&
      text.indexOf(';') < 0 &&
      text.indexOf('/') < 0 &&
      !startsWithListMark(text) &&
      !hasClauseMarker(text)
    ) {
      piece = namePiece(text);
    } else {
      const s = structured(text);
      piece = s.piece;
      aliases = s.aliases;
      multiple = s.multiple;
      parts = s.parts;
    }
    return {
      name_raw,
      name_base: piece.base,
      name_core: piece.core,
      suffix_class: piece.suffix,
      name_tokens: piece.coreTokens,
      name_unit: piece.unit,
      has_parentheses,
      has_semicolon,
      has_multiple_names: multiple,
      aliases,
      ...(multiple ? { name_parts: parts } : {}),
    };
  }

  return normaliseName;
}
