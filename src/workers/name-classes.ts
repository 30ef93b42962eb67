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
  const n = names.nameRaw.length;
  const dense = denseClasses(n);
  const sparse: SparseClasses = { evidence: [], terms: [] };
  createSpellingClassifier(config, manualTerms)(names, 0, n, dense, sparse);
  return { ...dense, ...sparse };
}

/** A spelling's dense classes, one entry a spelling. */
type DenseClasses<B extends ArrayBufferLike> = {
  nameClass: Uint8Array<B>;
  junkKind: Uint8Array<B>;
  suspicious: Uint8Array<B>;
};
/** The sparse classes of the spellings one thread classified, spellings ascending. */
export type SparseClasses = Pick<SpellingClasses, 'evidence' | 'terms'>;

/** The dense class columns of `n` spellings. */
function denseClasses(n: number): DenseClasses<ArrayBuffer> {
  return { nameClass: new Uint8Array(n), junkKind: new Uint8Array(n), suspicious: new Uint8Array(n) };
}

/** Classifies spellings `from .. to` of `names` into `dense` (every entry written) and appends to `sparse`. */
export type SpellingClassifier = (
  names: SpellingNames,
  from: number,
  to: number,
  dense: DenseClasses<ArrayBufferLike>,
  sparse: SparseClasses,
) => void;

/** The classify stage's rules compiled once (SPEC §4, §9.2), to classify spellings range by range. */
export function createSpellingClassifier(config: ClassifyConfig, manualTerms: readonly string[]): SpellingClassifier {
  const rules = classifierRules(config, manualTerms);
  const blacklist = compileTermMatcher([...config.blacklist.terms, ...manualTerms], rules.baseOf);
  const suspicious = compileTermMatcher(config.blacklist.suspicious, rules.baseOf);
  const classify = createNameClassifier(rules);
  return (names, from, to, dense, sparse) => {
    for (let s = from; s < to; s++) {
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
      dense.nameClass[s] = NAME_CLASS_CODE[result.nameClass];
      const hits = blacklist.matches(whole);
      const isSuspicious = suspicious.test(whole);
      dense.junkKind[s] = result.junkKind === null ? NOT_JUNK : junkKindCode(result.junkKind);
      if (result.junkKind !== null && result.evidence.length > 0) sparse.evidence.push([s, result.evidence]);
      // A junk name also reports its suspicious terms (`xxx`, `asdf`): they are why it is junk.
      const stored = result.nameClass === 'junk' && isSuspicious ? [...hits, ...suspicious.matches(whole)] : hits;
      if (stored.length > 0) sparse.terms.push([s, stored]);
      dense.suspicious[s] = isSuspicious ? 1 : 0;
    }
  };
}

/** A name that meets every pattern of the junk rules: amounts, head counts, a phone, an email (`warmUp`). */
const WARM_UP_NAME = 'jo@example.com $18/hr 1,200 per week 51-200 employees (555) 555-0100 x12';

/**
 * Run `classify` a few times on a name every junk pattern meets: V8 compiles a regular expression at its first uses
 * (~70 ms for the amount patterns, measured alone); a thread that waits anyway does it then.
 */
export function warmUpClassifier(classify: SpellingClassifier): void {
  const names: SpellingNames = {
    nameRaw: [WARM_UP_NAME],
    nameBase: [WARM_UP_NAME],
    nameCore: [''],
    suffixClass: [''],
    flags: [0],
  };
  for (let i = 0; i < 3; i++) classify(names, 0, 1, denseClasses(1), { evidence: [], terms: [] });
}

/**
 * Spellings two threads classify together (issue 14: at 94K records the main thread waited on the normalise worker's
 * classification with its own core idle): each claims the next block of spellings not claimed yet, so whichever is
 * free works and neither waits on a share decided in advance. A spelling's class follows from its text alone, so
 * the classes are the same whoever classified which block.
 */
export interface SharedClasses extends DenseClasses<SharedArrayBuffer> {
  /** [0]: the first spelling not claimed yet. */
  claimed: Int32Array<SharedArrayBuffer>;
}

/** Spellings claimed at a time: small enough that the two threads end together, large enough to claim rarely. */
export const CLAIM_BLOCK = 256;

/** Memory for the shared classification of `n` spellings, none claimed. */
export function sharedClasses(n: number): SharedClasses {
  // One buffer for the three columns and the claim counter after them.
  const buffer = new SharedArrayBuffer(3 * n + 8);
  return {
    nameClass: new Uint8Array(buffer, 0, n),
    junkKind: new Uint8Array(buffer, n, n),
    suspicious: new Uint8Array(buffer, 2 * n, n),
    claimed: new Int32Array(buffer, 4 * Math.ceil((3 * n) / 4), 1),
  };
}

/** Whether every spelling is claimed (then a thread that would help need not compile the rules). */
export function allClaimed(shared: SharedClasses, names: SpellingNames): boolean {
  return Atomics.load(shared.claimed, 0) >= names.nameRaw.length;
}

/** Classify blocks of `names` this thread claims until none is left; the sparse classes of the blocks it did. */
export function classifyClaimed(
  names: SpellingNames,
  classify: SpellingClassifier,
  shared: SharedClasses,
): SparseClasses {
  const n = names.nameRaw.length;
  const sparse: SparseClasses = { evidence: [], terms: [] };
  for (
    let from = Atomics.add(shared.claimed, 0, CLAIM_BLOCK);
    from < n;
    from = Atomics.add(shared.claimed, 0, CLAIM_BLOCK)
  )
    classify(names, from, Math.min(n, from + CLAIM_BLOCK), shared, sparse);
  return sparse;
}

/** The classes of every spelling, once every block is classified: the dense columns copied, the sparse ones merged. */
export function joinClasses(shared: SharedClasses, parts: readonly SparseClasses[]): SpellingClasses {
  const bySpelling = (x: [number, string[]], y: [number, string[]]): number => x[0] - y[0];
  // An atomic read orders the other thread's writes of its blocks, made before its last claim, before the copies.
  Atomics.load(shared.claimed, 0);
  return {
    nameClass: shared.nameClass.slice(),
    junkKind: shared.junkKind.slice(),
    suspicious: shared.suspicious.slice(),
    evidence: parts.flatMap((part) => part.evidence).sort(bySpelling),
    terms: parts.flatMap((part) => part.terms).sort(bySpelling),
  };
}
