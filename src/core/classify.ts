/**
 * SPEC §4 with issue 11: every record's name is junk, unusable, multi or usable, and junk says why (a `JunkKind`
 * and the words that showed it; `reason-text.ts` words them). The rules are data-driven: contact details and
 * amounts are found by their shape, street addresses by the USPS grammar, and the rest by word lists from config,
 * under one rule — a name is junk when nothing distinctive is left once placeholders, notes, job facts, generic
 * words, weak tokens, legal forms and numbers are set aside. A real name always keeps a distinctive word, so `Test
 * Kitchen`, `Not Sure Tavern`, `Kelly Temporary Services` and `Acme (not sure)` stay names.
 */
import { type AmountWords, compileAmountPatterns } from './junk/amount-spans.js';
import { findEmails, findLocalPhones, findPhones, findWebAddresses } from './junk/contact-spans.js';
import { JUNK_KINDS, type JunkKind } from './junk/junk-kind.js';
import { splitSegments } from './junk/segments.js';
import { type AddressWords, compileAddressRules } from './junk/street-address.js';
import { blankSpans, type TextSpan } from './junk/text-span.js';
import { compileWordLexicon, type LexiconLists, WORD_TAG, type WordTag } from './junk/word-lexicon.js';
import { foldToAscii } from './normalise/fold.js';
import type { NormalisedName } from './normalise/index.js';
import type { NameClass } from './types.js';
import { NO_SUFFIX } from './types.js';

export interface NameClassifierRules {
  /** SPEC §3 steps 1, 4, 5: text → `name_base` form (the base normaliser of `src/core/normalise`). */
  baseOf: (text: string) => string;
  /** Word lists; `placeholders` should include the blacklist and suspicious terms (they are notes too). */
  lexicon: LexiconLists;
  amounts: AmountWords;
  address: AddressWords;
}

export interface NameClassification {
  nameClass: NameClass;
  /** Why a junk name is junk; null for the other classes. */
  junkKind: JunkKind | null;
  /** The words or spans that showed the kind, as found (at most three): `$18/hr`, `self employed`. */
  evidence: string[];
}

/** The most evidence a reason names. */
const MAX_EVIDENCE = 3;
const DIGITS_AND_SPACES = /^[0-9 ]+$/;
const WEB_OR_EMAIL = /@|www|:\/\//i;
const HAS_DIGIT = /\d/;
// A span blanked to this number token: neutral among notes, but next to a hint word it makes a name (`$5 Pizza`).
const SPAN_TOKEN = ' 0 ';

/** Which junk kind a word tag points to (weak tokens, numbers and distinctive words point to none). */
const KIND_OF_TAG: Partial<Record<WordTag, JunkKind>> = {
  [WORD_TAG.jobFact]: 'job_fact',
  [WORD_TAG.placeholder]: 'placeholder',
  [WORD_TAG.contactLabel]: 'placeholder',
  [WORD_TAG.generic]: 'generic_word',
};
/** Tags that, in one piece with a hint word, make the piece a name (`Not Sure Tavern`, `Store 24`). */
const BINDS_HINT = new Set<WordTag>([
  WORD_TAG.placeholder,
  WORD_TAG.jobFact,
  WORD_TAG.contactLabel,
  WORD_TAG.legal,
  WORD_TAG.number,
]);

/**
 * Compile the rules once; the classifier then reads one normalised name and the `name_base` form of its whole raw
 * text (`blacklistScope`, computed once by the caller for the blacklist too).
 * @example createNameClassifier(rules)(normalise('$18/hr'), '18 hr') → { nameClass: 'junk', junkKind: 'money', evidence: ['$18/hr'] }
 */
export function createNameClassifier(
  rules: NameClassifierRules,
): (n: NormalisedName, wholeBase: string) => NameClassification {
  const lexicon = compileWordLexicon(rules.lexicon, rules.baseOf);
  const amounts = compileAmountPatterns(rules.amounts);
  const address = compileAddressRules(rules.address);

  function junkOf(n: NormalisedName): { kind: JunkKind; evidence: string[] } | null {
    const folded = foldToAscii(n.name_raw);
    const spans: TextSpan[] = [];
    findEmails(folded, spans);
    findWebAddresses(folded, spans);
    if (HAS_DIGIT.test(folded)) {
      findPhones(folded, spans);
      amounts.find(folded, spans);
      findLocalPhones(folded, spans);
    }
    const rest = blankSpans(folded, spans);
    // What showed each kind, as found: spans as typed, phrases in `name_base` form.
    const found: { text: string; kind: JunkKind }[] = spans.map((s) => ({
      text: folded.slice(s.start, s.end).trim(),
      kind: s.kind,
    }));

    // A street address, possibly behind a note (`Address: …`); one with a legal form is a property company.
    if (n.suffix_class === NO_SUFFIX && HAS_DIGIT.test(rest)) {
      const base = rules.baseOf(rest);
      const tokens = base.length === 0 ? [] : base.split(' ');
      const { tags } = lexicon.tag(tokens);
      if (address.isAddress(tokens, rest.indexOf(',') >= 0, (i) => tags[i] !== WORD_TAG.distinctive)) {
        found.push({ text: rest.replace(/\s+/g, ' ').trim(), kind: 'street_address' });
        return decided(found);
      }
    }

    // Nothing distinctive may be left: every word is a note, a job fact, a generic word, a legal form, a weak
    // token, a number or a kind of workplace (phrases may cross punctuation: `N / A`).
    const marked = spans.length === 0 ? rest : blankSpansAsNumber(folded, spans);
    const whole = rules.baseOf(marked);
    const tokens = whole.length === 0 ? [] : whole.split(' ');
    const { tags, phrases } = lexicon.tag(tokens);
    if (tags.includes(WORD_TAG.distinctive)) return null;
    for (const p of phrases) {
      const kind = KIND_OF_TAG[p.tag];
      if (kind !== undefined) found.push({ text: tokens.slice(p.start, p.start + p.length).join(' '), kind });
    }
    for (let i = 0; i < tags.length; i++) {
      if (tags[i] === WORD_TAG.legal) found.push({ text: tokens[i] as string, kind: 'legal_form_only' });
    }
    if (phrases.some((p) => p.tag === WORD_TAG.hint)) {
      const hints = hintsStandingAlone(marked);
      // A hint beside notes (`not sure - warehouse`) is still a lead to the employer: Verify, not Delete.
      if (hints !== null && hints.length > 0) return { kind: 'hint', evidence: firstDistinct(hints) };
      if (hints === null) return null;
    }
    return found.length === 0 ? null : decided(found);
  }

  /**
   * The hint words of a name with nothing distinctive, piece by piece: null when some piece makes them a name — two
   * kinds of workplace (`State Farm`) or one bound to a note or number in the same piece (`Not Sure Tavern`, `Store
   * 24`).
   */
  function hintsStandingAlone(text: string): string[] | null {
    const hints: string[] = [];
    for (const piece of splitSegments(text)) {
      const base = rules.baseOf(piece);
      if (base.length === 0) continue;
      const tokens = base.split(' ');
      const { tags, phrases } = lexicon.tag(tokens);
      const pieceHints = phrases.filter((p) => p.tag === WORD_TAG.hint);
      if (pieceHints.length === 0) continue;
      let binds = false;
      for (const tag of tags) if (BINDS_HINT.has(tag as WordTag)) binds = true;
      if (pieceHints.length >= 2 || binds) return null;
      for (const p of pieceHints) hints.push(tokens.slice(p.start, p.start + p.length).join(' '));
    }
    return hints;
  }

  /**
   * Whether the name could be junk at all; most names are decided here at once. A word no list knows is distinctive
   * and keeps a name a company unless a shape can swallow it: an e-mail or web address (any word), an amount or
   * head count (only its own words: `hr`, `employees` …), or a street address (a house number and a USPS suffix).
   */
  function mayBeJunk(raw: string, wholeBase: string): boolean {
    if (wholeBase.length === 0 || WEB_OR_EMAIL.test(raw)) return true;
    const tokens = wholeBase.split(' ');
    let distinctive = false;
    for (const t of tokens) {
      if (lexicon.has(t)) continue;
      distinctive = true;
      // `50k`, `18hr`: a word with a digit may be part of an amount.
      if (!amounts.words.has(t) && !HAS_DIGIT.test(t)) return HAS_DIGIT.test(raw) && address.mayBeAddress(tokens);
    }
    return !distinctive || HAS_DIGIT.test(raw);
  }

  return (n, wholeBase) => {
    if (mayBeJunk(n.name_raw, wholeBase)) {
      const junk = junkOf(n);
      if (junk !== null) return { nameClass: 'junk', junkKind: junk.kind, evidence: junk.evidence };
    }
    const core = n.name_core;
    if (core.length <= 1 || DIGITS_AND_SPACES.test(core))
      return { nameClass: 'unusable', junkKind: null, evidence: [] };
    if (n.has_multiple_names) return { nameClass: 'multi', junkKind: null, evidence: [] };
    return { nameClass: 'usable', junkKind: null, evidence: [] };
  };
}

/** Spans replaced by a number token, so a piece knows it held an amount or contact detail. */
function blankSpansAsNumber(text: string, spans: readonly TextSpan[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const s of sorted) {
    out += text.slice(last, s.start) + SPAN_TOKEN;
    last = s.end;
  }
  return out + text.slice(last);
}

/** The first kind in JUNK_KINDS order names the junk; its evidence comes first, the rest after. */
function decided(found: readonly { text: string; kind: JunkKind }[]): { kind: JunkKind; evidence: string[] } {
  const kind = JUNK_KINDS.find((k) => found.some((f) => f.kind === k)) as JunkKind;
  const ordered = [...found.filter((f) => f.kind === kind), ...found.filter((f) => f.kind !== kind)];
  return { kind, evidence: firstDistinct(ordered.map((f) => f.text)) };
}

function firstDistinct(items: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (item.length > 0 && !out.includes(item)) out.push(item);
    if (out.length === MAX_EVIDENCE) break;
  }
  return out;
}
