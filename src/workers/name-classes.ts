import type { Config } from '../config/schema.js';
import { createNameClassifier, type NameClassifierRules } from '../core/classify.js';
import { NAME_CLASS_CODE } from '../core/column-codes.js';
import { blacklistScope } from '../core/junk/blacklist-scope.js';
import { junkKindCode, NOT_JUNK } from '../core/junk/junk-kind.js';
import { createBaseNormaliser, type NormalisedName } from '../core/normalise/index.js';
import { compileTermMatcher } from '../core/term-matcher.js';
import { HAS_MULTIPLE_NAMES, HAS_PARENTHESES, HAS_SEMICOLON } from './normalise-names.js';

/** The config the classifier reads (the classify stage's keys), as plain data a worker thread can be posted. */
export type ClassifyConfig = Pick<Config, 'blacklist'> & {
  junk: Pick<
    Config['junk'],
    | 'placeholders'
    | 'job_facts'
    | 'generic_words'
    | 'hint_words'
    | 'contact_labels'
    | 'pay_periods'
    | 'headcount_words'
    | 'street_suffixes'
    | 'street_only_suffixes'
    | 'unit_designators'
    | 'directionals'
    | 'us_states'
  >;
  normalise: Pick<Config['normalise'], 'legal_forms' | 'weak_tokens'>;
};

/**
 * The classifier's rules from config: the junk word lists, with the blacklist (configured and the reviewers'
 * `manualTerms`) and the suspicious terms counted as placeholders, since a name made only of them is not a company.
 */
export function classifierRules(config: ClassifyConfig, manualTerms: readonly string[] = []): NameClassifierRules {
  const j = config.junk;
  return {
    baseOf: createBaseNormaliser({ legalForms: config.normalise.legal_forms }),
    lexicon: {
      jobFacts: j.job_facts,
      placeholders: [...j.placeholders, ...config.blacklist.terms, ...manualTerms, ...config.blacklist.suspicious],
      hints: j.hint_words,
      generic: j.generic_words,
      contactLabels: j.contact_labels,
      legalTokens: bareLegalFormTokens(config),
      weakTokens: config.normalise.weak_tokens,
    },
    amounts: { payPeriods: j.pay_periods, headcountWords: j.headcount_words },
    address: {
      streetSuffixes: j.street_suffixes,
      streetOnlySuffixes: j.street_only_suffixes,
      unitDesignators: j.unit_designators,
      directionals: j.directionals,
      usStates: j.us_states,
    },
  };
}

/**
 * Words of the legal forms that make a bare legal form (`LLC`, `Inc.`, `Limited`). Short forms are ordinary words
 * too (`SAS`, `PT`, `AG`: SPEC §3 step 6), so alone they are a name, not a bare legal form.
 */
function bareLegalFormTokens(config: ClassifyConfig): string[] {
  const tokens = new Set<string>();
  for (const cls of config.normalise.legal_forms)
    for (const form of cls.forms) for (const t of form.split(' ')) tokens.add(t);
  tokens.delete('');
  return [...tokens];
}

/** The normalised columns of the spellings to classify, one entry a spelling. */
export interface SpellingNames {
  nameRaw: readonly string[];
  nameBase: readonly string[];
  nameCore: readonly string[];
  suffixClass: readonly string[];
  flags: ArrayLike<number>;
}

/**
 * Class of each spelling (SPEC §4, issue 11): junk / unusable / multi / usable, why a junk name is junk, and the
 * blacklist terms found in the whole raw name (SPEC §9.2; parentheses included). A name's class follows from its
 * text alone, so a spelling is classified once however many records carry it.
 */
export interface SpellingClasses {
  /** NAME_CLASS_CODE per spelling. */
  nameClass: Uint8Array<ArrayBuffer>;
  /** junkKindCode per spelling, NOT_JUNK for other classes. */
  junkKind: Uint8Array<ArrayBuffer>;
  /** Matches the suspicious pattern (SPEC §9.2). */
  suspicious: Uint8Array<ArrayBuffer>;
  /** What showed a junk spelling's kind, sparse: [spelling, words], spellings ascending. */
  evidence: [number, string[]][];
  /** The blacklist terms of a spelling (with a junk name's suspicious terms), sparse: [spelling, terms]. */
  terms: [number, string[]][];
}

/** Classify every spelling of `names` with the classify stage's config and the reviewers' manual terms. */
export function classifySpellings(
  names: SpellingNames,
  config: ClassifyConfig,
  manualTerms: readonly string[],
): SpellingClasses {
  const rules = classifierRules(config, manualTerms);
  const blacklist = compileTermMatcher([...config.blacklist.terms, ...manualTerms], rules.baseOf);
  const suspicious = compileTermMatcher(config.blacklist.suspicious, rules.baseOf);
  const classify = createNameClassifier(rules);
  const n = names.nameRaw.length;
  const out: SpellingClasses = {
    nameClass: new Uint8Array(n),
    junkKind: new Uint8Array(n).fill(NOT_JUNK),
    suspicious: new Uint8Array(n),
    evidence: [],
    terms: [],
  };
  for (let s = 0; s < n; s++) {
    const raw = names.nameRaw[s] as string;
    const core = names.nameCore[s] as string;
    const flags = names.flags[s] as number;
    const whole = blacklistScope(raw, rules.baseOf);
    const view: NormalisedName = {
      name_raw: raw,
      name_base: names.nameBase[s] as string,
      name_core: core,
      suffix_class: names.suffixClass[s] as string,
      name_tokens: core.length === 0 ? [] : core.split(' '),
      name_unit: null,
      name_location: null,
      has_parentheses: (flags & HAS_PARENTHESES) !== 0,
      has_semicolon: (flags & HAS_SEMICOLON) !== 0,
      has_multiple_names: (flags & HAS_MULTIPLE_NAMES) !== 0,
      aliases: [],
    };
    const result = classify(view, whole);
    out.nameClass[s] = NAME_CLASS_CODE[result.nameClass];
    const hits = blacklist.matches(whole);
    const isSuspicious = suspicious.test(whole);
    if (result.junkKind !== null) {
      out.junkKind[s] = junkKindCode(result.junkKind);
      if (result.evidence.length > 0) out.evidence.push([s, result.evidence]);
    }
    // A junk name also reports its suspicious terms (`xxx`, `asdf`): they are why it is junk.
    const stored = result.nameClass === 'junk' && isSuspicious ? [...hits, ...suspicious.matches(whole)] : hits;
    if (stored.length > 0) out.terms.push([s, stored]);
    if (isSuspicious) out.suspicious[s] = 1;
  }
  return out;
}
