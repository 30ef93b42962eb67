import { readFile } from 'node:fs/promises';
import { NAME_CLASS_CODE, NO_OVERRIDE } from '../core/column-codes.js';
import { normaliseHeader } from '../core/column-mapping.js';
import { dictionaryCodes } from '../core/dictionary-codes.js';
import { decideDispositions, suffixConflicts } from '../core/disposition.js';
import { rowsWithValues } from '../engine/activity-rows.js';
import {
  type DecisionsSection,
  decisionKeys,
  hasRecordDecisions,
  overrideColumn,
  recordIndexByKey,
} from '../journal/applied.js';
import type { IngestFacts, RunInput } from './ingest.js';
import { HAS_MULTIPLE_NAMES } from './normalise.js';
import type { Stage } from './runner.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

export type DisposeBundle = {
  disposition: Uint8Array;
  reason: Uint8Array;
  suffixConflict: Uint8Array;
  /** Group → its dominant explicit suffix class ('' when none). */
  dominantClass: string[];
  /** Source headers that count as activity (`junk.activity_columns` found in this input), for the reason words. */
  activityColumns: { json: string[] };
};

/** The input's headers that `junk.activity_columns` names, compared as column mapping compares headers. */
export function activityHeaders(headers: readonly string[], wanted: readonly string[]): number[] {
  const keys = new Set(wanted.map(normaliseHeader));
  const out: number[] = [];
  headers.forEach((h, i) => {
    if (keys.has(normaliseHeader(h))) out.push(i);
  });
  return out;
}

/** SPEC §1 stage `dispose`: the decision table of SPEC §9.1, one pass over typed columns. */
export const disposeStage: Stage<RunInput> = {
  name: 'dispose',
  module: import.meta.url,
  // Activity columns are read from the source rows, in DuckDB (issue 11).
  usesEngine: true,
  inputs: [
    'canonical.bin',
    'names.bin',
    'classes.bin',
    'grouping.bin',
    'survive.bin',
    'alias.bin',
    'ingest.json',
    'source.parquet',
  ],
  outputs: ['dispose.bin'],
  configKeys: ['suffix.equivalence', 'junk.activity_columns'],
  extraKey: (options) => ({ overrides: decisionKeys.dispose(options.decisions) }),
  async run(ctx) {
    const names = await loadArtifact(ctx, 'names.bin');
    const classes = await loadArtifact(ctx, 'classes.bin');
    const grouping = await loadArtifact(ctx, 'grouping.bin');
    const survive = await loadArtifact(ctx, 'survive.bin');
    const alias = await loadArtifact(ctx, 'alias.bin');
    const n = names.nameCore.length;
    const groupCount = grouping.summary.json.groupCount;
    const { codes: suffixClass, labels: classNames } = dictionaryCodes(names.suffixClass);
    const conflicts = suffixConflicts({
      recordCount: n,
      component: grouping.component,
      groupCount,
      primary: survive.primary,
      suffixClass,
      classNames,
      equivalence: ctx.config.suffix.equivalence,
    });
    const hasMultipleNames = new Uint8Array(n);
    for (let i = 0; i < n; i++) hasMultipleNames[i] = (names.flags[i] as number) & HAS_MULTIPLE_NAMES ? 1 : 0;
    // SPEC §9.1 rule 1: reviewer overrides by account id; account ids are read only when there are any.
    const decisions = ctx.options.decisions;
    const overrides =
      hasRecordDecisions(decisions) && decisions.overrides.length > 0
        ? overrideColumn(decisions.overrides, recordIndexByKey((await loadArtifact(ctx, 'canonical.bin')).accountId), n)
        : { column: new Uint8Array(n).fill(NO_OVERRIDE), applied: 0, stale: [] };
    // Activity matters only to junk (issue 11): read the columns only when some record is junk.
    const headers = (JSON.parse(await readFile(ctx.input('ingest.json'), 'utf8')) as IngestFacts).headers;
    const activityColumns = activityHeaders(headers, ctx.config.junk.activity_columns);
    const anyJunk = classes.nameClass.includes(NAME_CLASS_CODE.junk);
    const hasActivity = anyJunk
      ? await rowsWithValues(ctx.engine, ctx.input('source.parquet'), activityColumns, n)
      : new Uint8Array(n);
    const decided = decideDispositions({
      recordCount: n,
      component: grouping.component,
      groupCount,
      primary: survive.primary,
      nameClass: classes.nameClass,
      junkKind: classes.junkKind,
      hasActivity,
      hasBlacklistTerm: classes.hasBlacklistTerm,
      hasMultipleNames,
      aliasMatchesOtherGroup: alias.aliasMatchesOtherGroup,
      suffixConflict: conflicts.conflict,
      suspiciousHit: classes.suspicious,
      override: overrides.column,
    });
    const dominantClass = Array.from(conflicts.dominantClass, (c) => (c < 0 ? '' : (classNames[c] as string)));
    saveArtifact(ctx, 'dispose.bin', {
      disposition: decided.disposition,
      reason: decided.reason,
      suffixConflict: conflicts.conflict,
      dominantClass,
      activityColumns: { json: activityColumns.map((c) => headers[c] as string) },
    } satisfies DisposeBundle);
    const counts: Record<string, number> = { keep: 0, update: 0, delete: 0, verify: 0 };
    const names4 = ['keep', 'update', 'delete', 'verify'];
    for (let i = 0; i < n; i++) counts[names4[decided.disposition[i] as number] as string]! += 1;
    const section: DecisionsSection = {
      applied: { disposition_override: overrides.applied },
      stale: overrides.stale,
      contradicted: [],
    };
    return { counts, sections: { decisions: section } };
  },
};
