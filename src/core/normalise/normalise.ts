import { boundedOsa } from '../match/edit-distance.js';
import { compileTermMatcher } from '../term-matcher.js';
import type { Alias, AliasSource, SuffixClass } from '../types.js';
import { NO_SUFFIX } from '../types.js';
import { hasClauseMarker, splitClauses } from './dba-clause.js';
import { foldToAscii } from './fold.js';
import { joinInitials, joinUnderscoredWord } from './initials.js';
import { compileIntakeAnnotations } from './intake-annotations.js';
import {
  compileLegalForms,
  cutCasedHead,
  dotCasedTail,
  type LegalFormClass,
  type LegalFormIndex,
  MIN_MISSPELLABLE_FORM_LENGTH,
  matchLegalFormAt,
  TOKEN_AFTER_COMMA,
  TOKEN_AFTER_DASH,
  TOKEN_AFTER_HASH,
} from './legal-forms.js';
import { compileLocations } from './locations.js';
import { NAME_CONTENT } from './name-content.js';
import { sameListedCompany, splitNameList, splitSlashList, startsWithListMark } from './name-lists.js';
import { closeLastParenthesis, extractParentheses, type ParenRules } from './parentheses.js';
import { tokeniseBase } from './tokenise.js';
import {
  cutHashUnit,
  isBareUnitNumber,
  isDigits,
  takesNameNumber,
  type UnitMarkerRules,
  unitMarkerStart,
} from './unit-marker.js';

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
  /** Decodes HTML entities (`AT&amp;T` → `AT&T`) before anything else (issue 10 class 8); none when absent. */
  decodeEntities?: (text: string) => string;
  /** Places recognised as a tail after a separator or in parentheses (`Target - Mesa`), issue 10 class 2. */
  places?: readonly string[];
  /** Places that are a tail even with no separator (`Target Nashville`). */
  barePlaces?: readonly string[];
  /** Branch and annotation words kept in `name_location` after a separator or in parentheses (`(main)`). */
  branchWords?: readonly string[];
  /** Branch words that are a tail with no separator (`Acme HQ`). */
  bareBranchWords?: readonly string[];
  /** Trade and generic words: they make no name distinctive, so a city or number after them stays. */
  genericWords?: readonly string[];
  /** A place right after one of these is identity (`Honda of Serramonte`). */
  placeConnectors?: readonly string[];
  /** Typos of a leading `The` read as the article when a distinctive word follows (`Teh Starbucks`). */
  articleTypos?: readonly string[];
  /** Tokens that carry no identity (SPEC §3 step 8). */
  weakTokens?: readonly string[];
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
  /** Location or branch tail (`target - mesa` → `mesa`, `(main)` → `main`), issue 10 class 2; null when none. */
  name_location: string | null;
  has_parentheses: boolean;
  has_semicolon: boolean;
  has_multiple_names: boolean;
  aliases: Alias[];
  /** A multi-name entry's names as written, first name first (issue 11 "mentions"); absent for one name. */
  name_parts?: string[];
}

/**
 * Legal forms after which a place names a site, not the company (`Acme Inc of Parker`). `Company`, `Corporation`
 * and `Limited` are left out: `Insurance Company of North America`, `Hospital Corporation of America` are names.
 */
const SITE_AFTER_FORM = new Set(['INC', 'LLC', 'LLP', 'LP', 'PLLC']);
/**
 * …and these with no `of` after them, or written short, as their class is (`Amazon Corp Monroe`, `Corify Co. of
 * Wilmington`).
 */
const SITE_AFTER_SHORT_FORM = new Set(['CORP', 'CO', 'LTD']);

/** Whether a place after legal form `form` (after `of` when `connected`) names a site. */
function siteAfterForm(form: { class: string; tokens: readonly string[] }, connected: boolean): boolean {
  if (SITE_AFTER_FORM.has(form.class)) return true;
  if (!SITE_AFTER_SHORT_FORM.has(form.class)) return false;
  return !connected || (form.tokens.length === 1 && form.tokens[0] === form.class.toLowerCase());
}

/** One name after SPEC §3 steps 3–7. */
interface NamePiece {
  base: string;
  core: string;
  coreTokens: string[];
  suffix: SuffixClass;
  unit: string | null;
  location: string | null;
}

interface Candidate {
  /** The name as written (ASCII, white space collapsed): the alias text. */
  text: string;
  source: AliasSource;
  /** Part of a `;`, numbered or ` / ` list, so it counts towards `has_multiple_names`. */
  listed: boolean;
  piece: NamePiece | null;
  /** Locations cut from this entry's parentheses. */
  locations?: string[];
}

/**
 * Legal forms read at the end of a last word they were typed into (`Clark Bakeryllc`, `Bradtke-GoodwinCorporation`),
 * longest first: three letters or more and the ending of no common word of four letters or more before it (`co` ends
 * `Costco`, `lp` `help`; `unlimited` and `accompany` keep theirs, as `un` and `ac` are too short a stem).
 */
const RUN_IN_LEGAL_FORMS = [
  'incorporated',
  'corporation',
  'company',
  'limited',
  'pllc',
  'gmbh',
  'corp',
  'llc',
  'llp',
  'inc',
  'ltd',
];
/** Letters a word keeps before a run-in legal form: `zinc` is no `z inc`, `unicorp` no `uni corp`. */
const MIN_RUN_IN_STEM = 4;
const LETTERS_ONLY = /^[a-z]+$/;

/**
 * Splits a legal form off word `end − 1`, the last left of a name of two or more words, when it was typed into it
 * (issue 10 class 8: a space lost), inserting the form at `end`; true when it did. A word that is a form itself, or
 * any other word, is left as it is.
 */
function splitRunInLegalForm(tokens: string[], lead: number, end: number, legal: LegalFormIndex): boolean {
  if (end - lead < 2) return false;
  const word = tokens[end - 1] as string;
  if (legal.byLastToken.has(word)) return false;
  for (const form of RUN_IN_LEGAL_FORMS) {
    if (!word.endsWith(form)) continue;
    const stem = word.slice(0, word.length - form.length);
    if (stem.length < MIN_RUN_IN_STEM || !LETTERS_ONLY.test(stem) || !legal.byLastToken.has(form)) return false;
    tokens[end - 1] = stem;
    tokens.splice(end, 0, form);
    return true;
  }
  return false;
}

/**
 * Rewrites word `end − 1`, the last left of a name of two or more words, to the legal form written in full that it
 * misspells by one keyboard typo (`compnay`, `incorperated`, `corportion`: CRM-INTAKE's typo in any word), so the
 * strip loop takes it off; true when it did. A word that is a form itself, or of another length, is left alone.
 */
function respellLegalForm(tokens: string[], lead: number, end: number, legal: LegalFormIndex, dp: Int32Array): boolean {
  if (end - lead < 2) return false;
  const word = tokens[end - 1] as string;
  if (word.length < MIN_MISSPELLABLE_FORM_LENGTH - 1 || legal.byLastToken.has(word) || !LETTERS_ONLY.test(word))
    return false;
  const w0 = word.charCodeAt(0);
  const w1 = word.charCodeAt(1);
  for (const form of legal.misspellable) {
    if (Math.abs(form.length - word.length) > 1) continue;
    // One edit leaves the first letter, or the second, where it was or one place over: most words fail here.
    const f0 = form.charCodeAt(0);
    const f1 = form.charCodeAt(1);
    if (w0 !== f0 && w1 !== f1 && w1 !== f0 && w0 !== f1) continue;
    if (boundedOsa(word, form, 1, dp) > 1) continue;
    tokens[end - 1] = form;
    return true;
  }
  return false;
}

/** Shortest name another system's cut leaves (CRM-INTAKE: names truncated at ~28 characters). */
const MIN_CUT_NAME_LENGTH = 20;
/** Shortest stub of a legal form read as the form: `corpo`, `compa`, `inco` (three letters are too many words' start). */
const MIN_FORM_STUB = 4;
/** Stubs that are words of their own, ending names uncut (`Workers Comp`, `No Limit`). */
const WORDS_NOT_STUBS: ReadonlySet<string> = new Set(['comp', 'limit']);

/**
 * Rewrites word `end − 1`, the last left of a name of two or more words whose text is long enough to have been cut
 * short by another system, to the legal form written in full that it starts (`Legacy Construction, Corpora`,
 * `… Trucking Compa`), so the strip loop takes it off; true when it did. A form itself is left alone.
 */
function completeCutLegalForm(
  tokens: string[],
  lead: number,
  end: number,
  legal: LegalFormIndex,
  textLength: number,
): boolean {
  if (end - lead < 2 || textLength < MIN_CUT_NAME_LENGTH) return false;
  const word = tokens[end - 1] as string;
  if (word.length < MIN_FORM_STUB || legal.byLastToken.has(word) || WORDS_NOT_STUBS.has(word)) return false;
  if (!LETTERS_ONLY.test(word)) return false;
  for (const form of legal.misspellable) {
    if (form.length <= word.length || !form.startsWith(word)) continue;
    tokens[end - 1] = form;
    return true;
  }
  return false;
}

const SPACES = /\s+/g;
const collapse = (s: string): string => s.replace(SPACES, ' ').trim();
const LETTER = /[a-z]/;
const ENTITY = /&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

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
    locations: compileLocations([...opts.locationWords, ...(opts.places ?? []), ...(opts.branchWords ?? [])], baseOf, [
      ...(opts.barePlaces ?? []),
      ...(opts.bareBranchWords ?? []),
    ]),
  };
  const places = parenRules.locations;
  const unitRules: UnitMarkerRules = {
    unitWords: new Set(opts.unitMarkerWords.map(baseOf)),
    nameNumberWords: new Set(opts.nameNumberWords.map(baseOf)),
  };
  const generic = new Set((opts.genericWords ?? []).map(baseOf));
  const weak = new Set((opts.weakTokens ?? []).map(baseOf));
  const connectors = new Set((opts.placeConnectors ?? []).map(baseOf));
  const articleTypos = new Set((opts.articleTypos ?? []).map(baseOf));
  const decode = opts.decodeEntities;
  const editRows = new Int32Array(3 * 64);

  /** A word that tells one company from another: not generic, weak, a number, a letter or a large city. */
  function distinctiveBetween(tokens: readonly string[], from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const t = tokens[i] as string;
      if (t.length < 2 || !LETTER.test(t) || generic.has(t) || weak.has(t) || places.isBareWord(t)) continue;
      if (legal.byLastToken.has(t) || unitRules.unitWords.has(t)) continue;
      return true;
    }
    return false;
  }

  /** Set by locationTailStart: the tail it found starts with `of`, which belongs to neither name nor place. */
  let tailOpensWithConnector = false;

  /**
   * Start of a location or branch tail ending at `end` (issue 10 class 2), or -1. After a comma or spaced dash
   * any listed place or branch word is a tail; with no separator only large US cities, US state names and bare
   * branch words are, and only after a distinctive word. A place right after `of`/`de`/`at` … is identity, and so
   * is everything that starts the name.
   */
  function locationTailStart(tokens: readonly string[], flags: readonly number[], from: number, end: number): number {
    tailOpensWithConnector = false;
    if (end - from < 2 || !places.endsPhrase(tokens[end - 1] as string)) return -1;
    // After `of` and the like, a place is identity without a separator; a separator further on still cuts a tail
    // (`Lutheran Social Services of Illinois - North Austin`).
    let identity = false;
    for (let k = from + 1; k < end; k++) {
      if (!places.covers(tokens, k, end, false)) continue;
      if (((flags[k] ?? 0) & (TOKEN_AFTER_COMMA | TOKEN_AFTER_DASH)) !== 0) {
        for (let i = from; i < k; i++) if (LETTER.test(tokens[i] as string)) return k;
        return -1;
      }
      // A number ends a name, so a place right after one names a site (`Costco Wholesale #482 Fullerton`, `Kroger
      // Inc. store no 9935 Rogers`): intake stacks store numbers and towns with no separator.
      if (k - 1 > from && isDigits(tokens[k - 1] as string) && distinctiveBetween(tokens, from, k - 1)) return k;
      // `Acme Inc of Parker`, `Acme LLC Fargo`: a legal form ends the legal name, so a place after it names a site.
      const connected = connectors.has(tokens[k - 1] as string);
      const afterName = connected ? k - 1 : k;
      // `McDonalds 156 of Southfield`: so does a store number, which no name's `of` follows.
      if (
        connected &&
        afterName - 1 > from &&
        isDigits(tokens[afterName - 1] as string) &&
        distinctiveBetween(tokens, from, afterName - 1)
      ) {
        tailOpensWithConnector = true;
        return afterName;
      }
      const form = matchLegalFormAt(legal, tokens, flags, afterName, false);
      if (
        form !== null &&
        siteAfterForm(form, connected) &&
        distinctiveBetween(tokens, from, afterName - form.tokens.length)
      ) {
        tailOpensWithConnector = connected;
        return afterName;
      }
      // `Honda of Serramonte`: the place is part of the name. (Only tokens may decide this, not punctuation: the
      // core, which has none, must normalise to itself.)
      if (connected) identity = true;
      if (!identity && places.covers(tokens, k, end, true) && distinctiveBetween(tokens, from, k)) return k;
      // A bare tail never splits a longer place: `YMCA South Chicago` keeps `south chicago` whole.
      identity = true;
    }
    return -1;
  }

  /** SPEC §3 steps 3–7 on one name (already free of lists, clauses and parentheses). */
  function namePiece(text: string): NamePiece {
    let cased = joinUnderscoredWord(dotCasedTail(legal, text));
    let leadingSuffix: SuffixClass = NO_SUFFIX;
    const head = cutCasedHead(legal, cased);
    if (head !== null && NAME_CONTENT.test(head.text)) {
      cased = head.text;
      leadingSuffix = head.class;
    }
    let lower = cased.toLowerCase();
    let unit: string | null = null;
    if (lower.indexOf('#') >= 0) {
      const cut = cutHashUnit(lower, unitRules);
      lower = cut.text;
      unit = cut.unit;
    }
    const based = tokeniseBase(lower, legal.compactable);
    const { tokens, flags } = joinInitials(based.tokens, based.flags, legal.compactable);
    // `Teh Starbucks`: a misspelt article is the article, when a distinctive word follows (`Teh Company` stays).
    if (tokens.length > 1 && articleTypos.has(tokens[0] as string) && distinctiveBetween(tokens, 1, tokens.length))
      tokens[0] = 'the';
    // Strip never leaves only leading `the`s: `The Company` keeps `company` (SPEC §3 steps 6–7).
    let lead = 0;
    while (lead < tokens.length - 1 && tokens[lead] === 'the') lead++;
    let end = tokens.length;
    let suffix: SuffixClass = NO_SUFFIX;
    let chained = false;
    // Unit markers found behind legal forms (`Walmart Store 12 Inc`) are cut too; [start, end) pairs.
    let unitSpans: number[] | null = null;
    // Location tails, last first (issue 10 class 2).
    let locations: string[] | null = null;
    // Trailing legal forms, unit markers and location tails, to a fixed point; the outermost form names the class.
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
      const tail = locationTailStart(tokens, flags, lead, end);
      if (tail > lead) {
        locations ??= [];
        // `… inc of parker` keeps `parker`: the connector belongs to neither the name nor the place.
        const at = tailOpensWithConnector ? tail + 1 : tail;
        locations.push(tokens.slice(at, end).join(' '));
        end = tail;
        chained = false;
        continue;
      }
      // `Target 4075`: a bare store number right after a word, with a distinctive word before it; `Local 399`,
      // `Plumbing 4075` and `555 123 4567` keep theirs. After a legal form, which ends the legal name, or after `#`
      // once a place behind it is cut (`Safeway #33 Fullerton`), a number of any length is one (`Safeway Corp 33`).
      if (
        end - 1 > lead &&
        (isBareUnitNumber(tokens[end - 1] as string) ||
          (isDigits(tokens[end - 1] as string) &&
            (((flags[end - 1] ?? 0) & TOKEN_AFTER_HASH) !== 0 ||
              matchLegalFormAt(legal, tokens, flags, end - 1, false) !== null))) &&
        LETTER.test(tokens[end - 2] as string) &&
        !takesNameNumber(tokens[end - 2] as string, unitRules) &&
        distinctiveBetween(tokens, lead, end - 1)
      ) {
        unit ??= tokens[end - 1] as string;
        unitSpans ??= [];
        unitSpans.push(end - 1, end);
        end -= 1;
        chained = false;
        continue;
      }
      // Nothing more ends the name: a form misspelt or typed into its last word is made whole, then stripped.
      if (respellLegalForm(tokens, lead, end, legal, editRows)) continue;
      if (completeCutLegalForm(tokens, lead, end, legal, text.length)) continue;
      if (splitRunInLegalForm(tokens, lead, end, legal)) {
        // The words behind the split moved up one place.
        if (unitSpans !== null)
          for (let k = 0; k < unitSpans.length; k++)
            if ((unitSpans[k] as number) >= end) unitSpans[k] = (unitSpans[k] as number) + 1;
        end += 1;
        continue;
      }
      break;
    }
    if (suffix === NO_SUFFIX) suffix = leadingSuffix;
    const location = locations === null ? null : locations.reverse().join(' ');
    let from = 0;
    while (from < end - 1 && tokens[from] === 'the') from++;
    if (unitSpans === null) {
      const base = tokens.join(' ');
      // Most names have no suffix and no leading `the`: the core is the base.
      if (from === 0 && end === tokens.length) return { base, core: base, coreTokens: tokens, suffix, unit, location };
      const coreTokens = tokens.slice(from, end);
      return { base, core: coreTokens.join(' '), coreTokens, suffix, unit, location };
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
    return { base: baseTokens.join(' '), core: coreTokens.join(' '), coreTokens, suffix, unit, location };
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
        const c: Candidate = { text: collapse(names[k] as string), source, listed: true, piece };
        if (k === 0 && paren.locations.length > 0) c.locations = paren.locations;
        listed.push(c);
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
    let piece = primary?.piece ?? namePiece(listed.length > 0 ? listed.map((c) => c.text).join(' ') : text);
    // `Target (Fullerton)`: the dropped parenthesised location is the name's location too (issue 10 class 2).
    const parenLocations = primary?.locations;
    if (parenLocations !== undefined) {
      const location = [...parenLocations, ...(piece.location === null ? [] : [piece.location])].join(' ');
      piece = { ...piece, location };
    }
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
    // Entities first: `AT&amp;T` must take the path of `AT&T`, `&#39;` that of an apostrophe.
    const decoded =
      decode !== undefined && name_raw.indexOf('&') >= 0 && ENTITY.test(name_raw) ? decode(name_raw) : name_raw;
    const folded = foldToAscii(decoded);
    const has_parentheses = folded.indexOf('(') >= 0 || folded.indexOf(')') >= 0;
    const has_semicolon = folded.indexOf(';') >= 0;
    const text = intake.strip(closeLastParenthesis(folded));
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
      name_location: piece.location,
      has_parentheses,
      has_semicolon,
      has_multiple_names: multiple,
      aliases,
      ...(multiple ? { name_parts: parts } : {}),
    };
  }

  return normaliseName;
}
