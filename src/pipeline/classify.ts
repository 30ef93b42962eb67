import type { Config } from '../config/schema.js';
import { NAME_CLASSES } from '../core/column-codes.js';
import { junkKindOf, NOT_JUNK } from '../core/junk/junk-kind.js';
import { type DecisionsSection, decisionKeys } from '../journal/applied.js';
import {
  type ClassifyConfig,
  classifySpellings,
  type SpellingClasses,
  type SpellingNames,
} from '../workers/name-classes.js';
import type { StreamClasses } from '../workers/normalise-names.js';
import { HandOver } from './hand-over.js';
import type { RunInput } from './ingest.js';
import type { NamesBundle } from './normalise.js';
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

export { classifierRules } from '../workers/name-classes.js';

/** Spelling classes made ahead for a names bundle, and each record's spelling. */
interface ClassesAhead {
  /** The reviewers' manual terms they were made with. */
  manualTerms: readonly string[];
  spellingOfRecord: Int32Array;
  classes: StreamClasses;
}
const classesAheadOfNames = new HandOver<NamesBundle, ClassesAhead>();

/**
 * Remember the spelling classes made on the normalise worker for `names` (issue 14: the ingest stage's worker
 * classifies the spellings after normalising them, while the stages before this one run; the classify stage takes
 * the blocks it has not reached yet).
 */
export function rememberClassesAhead(names: NamesBundle, ahead: ClassesAhead): void {
  classesAheadOfNames.remember(names, ahead);
}

/** The classify stage's config as plain data (config slices are guarded proxies, which cannot be posted). */
export function plainClassifyConfig(config: Config): ClassifyConfig {
  return JSON.parse(
    JSON.stringify({
      blacklist: config.blacklist,
      junk: config.junk,
      normalise: { legal_forms: config.normalise.legal_forms, weak_tokens: config.normalise.weak_tokens },
    }),
  ) as ClassifyConfig;
}

/** Each distinct name of `names` classified on this thread: spellings are the records that are their name's first. */
function classifyHere(
  names: NamesBundle,
  config: ClassifyConfig,
  manualTerms: readonly string[],
): { spellingOfRecord: Int32Array; classes: SpellingClasses } {
  const n = names.nameCore.length;
  const spellingOfRecord = new Int32Array(n);
  const firsts: number[] = [];
  for (let i = 0; i < n; i++) {
    const first = names.sameName[i] as number;
    if (first === i) firsts.push(i);
    spellingOfRecord[i] = first === i ? firsts.length - 1 : (spellingOfRecord[first] as number);
  }
  const column = (values: readonly string[]): string[] => firsts.map((i) => values[i] as string);
  const spellings: SpellingNames = {
    nameRaw: column(names.nameRaw),
    nameBase: column(names.nameBase),
    nameCore: column(names.nameCore),
    suffixClass: column(names.suffixClass),
    flags: Uint8Array.from(firsts, (i) => names.flags[i] as number),
  };
  return { spellingOfRecord, classes: classifySpellings(spellings, config, manualTerms) };
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
    const ahead = classesAheadOfNames.take(names);
    const { spellingOfRecord, classes } =
      ahead !== undefined && sameTerms(ahead.manualTerms, manualTerms)
        ? { spellingOfRecord: ahead.spellingOfRecord, classes: await ahead.classes.take() }
        : classifyHere(names, ctx.config, manualTerms);
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
    const evidenceOf = new Map(classes.evidence);
    const termsOf = new Map(classes.terms);
    for (let i = 0; i < n; i++) {
      const s = spellingOfRecord[i] as number;
      const nameClass = classes.nameClass[s] as number;
      out.nameClass[i] = nameClass;
      out.junkKind[i] = classes.junkKind[s] as number;
      out.suspicious[i] = classes.suspicious[s] as number;
      const evidence = evidenceOf.get(s);
      if (evidence !== undefined) out.junkEvidence.json.push([i, evidence]);
      const terms = termsOf.get(s);
      if (terms !== undefined) {
        out.hasBlacklistTerm[i] = 1;
        out.blacklistTerms.json.push([i, terms]);
      }
      const className = NAME_CLASSES[nameClass] as string;
      counts[className] = (counts[className] ?? 0) + 1;
      const kind = junkKindOf(out.junkKind[i] as number);
      if (kind !== null) kindCounts[kind] = (kindCounts[kind] ?? 0) + 1;
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

function sameTerms(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((term, k) => term === y[k]);
}
