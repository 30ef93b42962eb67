import { classifyName } from '../core/classify.js';
import { NAME_CLASS_CODE } from '../core/column-codes.js';
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
  hasBlacklistTerm: Uint8Array;
  /** Matches the suspicious pattern (SPEC §9.2); only singletons act on it. */
  suspicious: Uint8Array;
  /** Matched blacklist terms, sparse: [row, terms]. */
  blacklistTerms: { json: [number, string[]][] };
};

/** SPEC §1 stage `classify`: unusable / junk / multi / usable, with the blacklist terms found (SPEC §4, §9.2). */
export const classifyStage: Stage<RunInput> = {
  name: 'classify',
  module: import.meta.url,
  inputs: ['names.bin'],
  outputs: ['classes.bin'],
  configKeys: ['blacklist', 'normalise.legal_forms', 'normalise.weak_tokens'],
  extraKey: (options) => ({ manualTerms: decisionKeys.classify(options.decisions) }),
  async run(ctx) {
    const names = await loadArtifact(ctx, 'names.bin');
    const normaliseTerm = createBaseNormaliser({ legalForms: ctx.config.normalise.legal_forms });
    // The reviewer's manual terms join the configured ones (SPEC §9.2, §10); removed ones are already folded out.
    const manualTerms = decisionKeys.classify(ctx.options.decisions);
    const terms = [...ctx.config.blacklist.terms, ...manualTerms];
    const blacklist = compileTermMatcher(terms, normaliseTerm);
    const suspicious = compileTermMatcher(ctx.config.blacklist.suspicious, normaliseTerm);
    // A name made only of blacklist and suspicious terms (`xxx`, `asdf`) is junk too: otherwise two `xxx`
    // records would group, and a group escapes the singleton-only suspicious rule (measured: ACCURACY.md).
    const junkTerms = compileTermMatcher([...terms, ...ctx.config.blacklist.suspicious], normaliseTerm);
    const options = { weakTokens: ctx.config.normalise.weak_tokens };
    const n = names.nameCore.length;
    const out: ClassesBundle = {
      nameClass: new Uint8Array(n),
      hasBlacklistTerm: new Uint8Array(n),
      suspicious: new Uint8Array(n),
      blacklistTerms: { json: [] },
    };
    const counts: Record<string, number> = { usable: 0, junk: 0, multi: 0, unusable: 0 };
    for (let i = 0; i < n; i++) {
      const base = names.nameBase[i] as string;
      const core = names.nameCore[i] as string;
      const flags = names.flags[i] as number;
      const hits = blacklist.matches(base);
      const junkHits = hits.length > 0 || suspicious.test(base) ? junkTerms.matches(base) : hits;
      const view: NormalisedName = {
        name_raw: names.nameRaw[i] as string,
        name_base: base,
        name_core: core,
        suffix_class: names.suffixClass[i] as string,
        name_tokens: core.length === 0 ? [] : core.split(' '),
        name_unit: null,
        has_parentheses: (flags & HAS_PARENTHESES) !== 0,
        has_semicolon: (flags & HAS_SEMICOLON) !== 0,
        has_multiple_names: (flags & HAS_MULTIPLE_NAMES) !== 0,
        aliases: [],
      };
      const cls = classifyName(view, junkHits, junkTerms, options);
      out.nameClass[i] = NAME_CLASS_CODE[cls];
      counts[cls] = (counts[cls] ?? 0) + 1;
      const stored = cls === 'junk' ? junkHits : hits;
      if (stored.length > 0) {
        out.hasBlacklistTerm[i] = 1;
        out.blacklistTerms.json.push([i, stored]);
      }
      if (suspicious.test(base)) out.suspicious[i] = 1;
    }
    await saveArtifact(ctx, 'classes.bin', out);
    return {
      counts: {
        usable_names: counts.usable ?? 0,
        junk_names: counts.junk ?? 0,
        multi_names: counts.multi ?? 0,
        unusable_names: counts.unusable ?? 0,
      },
      sections: {
        decisions: {
          applied: { blacklist_add: manualTerms.length },
          stale: [],
          contradicted: [],
        } satisfies DecisionsSection,
      },
    };
  },
};
