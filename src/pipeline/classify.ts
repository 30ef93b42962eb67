import type { Config } from '../config/schema.js';
import { createNameClassifier, type NameClassifierRules } from '../core/classify.js';
import { NAME_CLASS_CODE, NAME_CLASSES } from '../core/column-codes.js';
import { blacklistScope } from '../core/junk/blacklist-scope.js';
import { junkKindCode, junkKindOf, NOT_JUNK } from '../core/junk/junk-kind.js';
import { createBaseNormaliser, type NormalisedName } from '../core/normalise/index.js';
import { compileTermMatcher } from '../core/term-matcher.js';
import { type DecisionsSection, decisionKeys } from '../journal/applied.js';
import type { RunInput } from './ingest.js';
import { HAS_MULTIPLE_NAMES, HAS_PARENTHESES, HAS_SEMICOLON } from './normalise.js';
import type { Stage } from './runner.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

export type ClassesBundle = {
  /** NAME_CLASS_CODE per record (SPEC §4). */
  nameClass: Uint8Array;
  /** Junk kind code per record (`junkKindCode`; NOT_JUNK for other classes), issue 11. */
  junkKind: Uint8Array;
  /** What showed a junk record's kind, sparse: [row, words]. */
  junkEvidence: { json: [number, string[]][] };
  hasBlacklistTerm: Uint8Array;
  /** Matches the suspicious pattern (SPEC §9.2); only singletons act on it. */
  suspicious: Uint8Array;
  /** Matched blacklist terms, sparse: [row, terms]. */
  blacklistTerms: { json: [number, string[]][] };
};

/**
 * The classifier's rules from config: the junk word lists, with the blacklist (configured and the reviewers'
 * `manualTerms`) and the suspicious terms counted as placeholders, since a name made only of them is not a company.
 */
export function classifierRules(config: Config, manualTerms: readonly string[] = []): NameClassifierRules {
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
function bareLegalFormTokens(config: Config): string[] {
  const tokens = new Set<string>();
  for (const cls of config.normalise.legal_forms)
    for (const form of cls.forms) for (const t of form.split(' ')) tokens.add(t);
  tokens.delete('');
  return [...tokens];
}

/**
 * SPEC §1 stage `classify`: junk / unusable / multi / usable (SPEC §4, issue 11), with why a junk name is junk and
 * the blacklist terms found in the whole raw name (SPEC §9.2; issue 11: parentheses included).
 */
export const classifyStage: Stage<RunInput> = {
  name: 'classify',
  module: import.meta.url,
  inputs: ['names.bin'],
  outputs: ['classes.bin'],
  configKeys: [
    'blacklist',
    'normalise.legal_forms',
    'normalise.weak_tokens',
    'junk.placeholders',
    'junk.job_facts',
    'junk.generic_words',
    'junk.hint_words',
    'junk.contact_labels',
    'junk.pay_periods',
    'junk.headcount_words',
    'junk.street_suffixes',
    'junk.street_only_suffixes',
    'junk.unit_designators',
    'junk.directionals',
    'junk.us_states',
  ],
  extraKey: (options) => ({ manualTerms: decisionKeys.classify(options.decisions) }),
  async run(ctx) {
    const names = await loadArtifact(ctx, 'names.bin');
    // The reviewer's manual terms join the configured ones (SPEC §9.2, §10); removed ones are already folded out.
    const manualTerms = decisionKeys.classify(ctx.options.decisions);
    const rules = classifierRules(ctx.config, manualTerms);
    const blacklist = compileTermMatcher([...ctx.config.blacklist.terms, ...manualTerms], rules.baseOf);
    const suspicious = compileTermMatcher(ctx.config.blacklist.suspicious, rules.baseOf);
    const classify = createNameClassifier(rules);
    const n = names.nameCore.length;
    const out: ClassesBundle = {
      nameClass: new Uint8Array(n),
      junkKind: new Uint8Array(n).fill(NOT_JUNK),
      junkEvidence: { json: [] },
      hasBlacklistTerm: new Uint8Array(n),
      suspicious: new Uint8Array(n),
      blacklistTerms: { json: [] },
    };
    const counts: Record<string, number> = { usable: 0, junk: 0, multi: 0, unusable: 0 };
    const kindCounts: Record<string, number> = {};
    // A name's class follows from its text alone: each distinct name is classified once.
    const evidenceOf = new Map<number, string[]>();
    const termsOf = new Map<number, string[]>();
    for (let i = 0; i < n; i++) {
      const first = names.sameName[i] as number;
      if (first !== i) {
        const nameClass = out.nameClass[first] as number;
        out.nameClass[i] = nameClass;
        out.junkKind[i] = out.junkKind[first] as number;
        out.hasBlacklistTerm[i] = out.hasBlacklistTerm[first] as number;
        out.suspicious[i] = out.suspicious[first] as number;
        const evidence = evidenceOf.get(first);
        if (evidence !== undefined) out.junkEvidence.json.push([i, evidence]);
        const terms = termsOf.get(first);
        if (terms !== undefined) out.blacklistTerms.json.push([i, terms]);
        const className = NAME_CLASSES[nameClass] as string;
        counts[className] = (counts[className] ?? 0) + 1;
        const kind = junkKindOf(out.junkKind[i] as number);
        if (kind !== null) kindCounts[kind] = (kindCounts[kind] ?? 0) + 1;
        continue;
      }
      const raw = names.nameRaw[i] as string;
      const core = names.nameCore[i] as string;
      const flags = names.flags[i] as number;
      const whole = blacklistScope(raw, rules.baseOf);
      const view: NormalisedName = {
        name_raw: raw,
        name_base: names.nameBase[i] as string,
        name_core: core,
        suffix_class: names.suffixClass[i] as string,
        name_tokens: core.length === 0 ? [] : core.split(' '),
        name_unit: null,
        name_location: null,
        has_parentheses: (flags & HAS_PARENTHESES) !== 0,
        has_semicolon: (flags & HAS_SEMICOLON) !== 0,
        has_multiple_names: (flags & HAS_MULTIPLE_NAMES) !== 0,
        aliases: [],
      };
      const result = classify(view, whole);
      out.nameClass[i] = NAME_CLASS_CODE[result.nameClass];
      counts[result.nameClass] = (counts[result.nameClass] ?? 0) + 1;
      const hits = blacklist.matches(whole);
      const isSuspicious = suspicious.test(whole);
      if (result.junkKind !== null) {
        out.junkKind[i] = junkKindCode(result.junkKind);
        if (result.evidence.length > 0) {
          out.junkEvidence.json.push([i, result.evidence]);
          evidenceOf.set(i, result.evidence);
        }
        kindCounts[result.junkKind] = (kindCounts[result.junkKind] ?? 0) + 1;
      }
      // A junk name also reports its suspicious terms (`xxx`, `asdf`): they are why it is junk.
      const stored = result.nameClass === 'junk' && isSuspicious ? [...hits, ...suspicious.matches(whole)] : hits;
      if (stored.length > 0) {
        out.hasBlacklistTerm[i] = 1;
        out.blacklistTerms.json.push([i, stored]);
        termsOf.set(i, stored);
      }
      if (isSuspicious) out.suspicious[i] = 1;
    }
    saveArtifact(ctx, 'classes.bin', out);
    return {
      counts: {
        usable_names: counts.usable ?? 0,
        junk_names: counts.junk ?? 0,
        multi_names: counts.multi ?? 0,
        unusable_names: counts.unusable ?? 0,
      },
      sections: {
        junk_kinds: kindCounts,
        decisions: {
          applied: { blacklist_add: manualTerms.length },
          stale: [],
          contradicted: [],
        } satisfies DecisionsSection,
      },
    };
  },
};
