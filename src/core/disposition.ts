/**
 * Disposition (SPEC §9.1): an ordered table of data rules, first match wins, the reason is the code of the rule
 * that decided. Facts are typed columns, evaluated in two linear passes: primaries first (rule 11 reads the
 * primary's final disposition), then every other record.
 */
import { DISPOSITION_CODE, DISPOSITION_REASON_CODE, NAME_CLASS_CODE, NO_OVERRIDE } from './column-codes.js';
import { membersByGroup } from './grouping.js';
import { junkKindOf, junkNeedsReview } from './junk/junk-kind.js';
import type { Disposition, DispositionReason, SuffixClass } from './types.js';
import { NO_SUFFIX } from './types.js';

/** Per-record facts (typed columns; 1 = true). */
export interface DispositionFacts {
  component: Int32Array;
  /** NAME_CLASS_CODE (SPEC §4). */
  nameClass: Uint8Array;
  /** `junkKindCode` of a junk name, NOT_JUNK otherwise (issue 11). */
  junkKind: Uint8Array;
  /** The record has a value in a column the config counts as activity (`junk.activity_columns`). */
  hasActivity: Uint8Array;
  isSingleton: Uint8Array;
  isPrimary: Uint8Array;
  hasBlacklistTerm: Uint8Array;
  hasMultipleNames: Uint8Array;
  aliasMatchesOtherGroup: Uint8Array;
  /** See `suffixConflicts`. */
  suffixConflict: Uint8Array;
  /** The name matches the suspicious pattern (SPEC §9.2). */
  suspiciousHit: Uint8Array;
  /** Reviewer's DISPOSITION_CODE for the record, or NO_OVERRIDE (SPEC §10). */
  override: Uint8Array;
  /** Group → its primary's final DISPOSITION_CODE; filled by `decideDispositions` before members are decided. */
  primaryDisposition: Uint8Array;
}

export interface DispositionRule {
  reason: DispositionReason;
  when: (f: DispositionFacts, i: number) => boolean;
  /** `override` takes the reviewer's value from `f.override`. */
  disposition: Disposition | 'override';
}

const { usable, junk, multi, unusable } = NAME_CLASS_CODE;
const member = (f: DispositionFacts, i: number): boolean => f.isSingleton[i] === 0 && f.isPrimary[i] === 0;

const junkSingleton = (f: DispositionFacts, i: number): boolean => f.nameClass[i] === junk && f.isSingleton[i] === 1;
const isHint = (f: DispositionFacts, i: number): boolean => {
  const kind = junkKindOf(f.junkKind[i] as number);
  return kind !== null && junkNeedsReview(kind);
};

/**
 * SPEC §9.1, rows 1–12 in order; row 2 split by issue 11: a hint with no name (`not sure - warehouse`) and junk on a
 * record with activity go to Verify, only the rest of junk is Delete.
 */
export const DISPOSITION_RULES: readonly DispositionRule[] = [
  { reason: 'manual_override', when: (f, i) => f.override[i] !== NO_OVERRIDE, disposition: 'override' },
  { reason: 'name_hint', when: (f, i) => junkSingleton(f, i) && isHint(f, i), disposition: 'Verify' },
  {
    reason: 'junk_with_activity',
    when: (f, i) => junkSingleton(f, i) && f.hasActivity[i] === 1,
    disposition: 'Verify',
  },
  { reason: 'junk_name', when: junkSingleton, disposition: 'Delete' },
  { reason: 'unusable_name', when: (f, i) => f.nameClass[i] === unusable, disposition: 'Verify' },
  {
    // A multi-name record counts as "otherwise usable": its names are real names, one of them blacklisted.
    reason: 'blacklist_term_in_name',
    when: (f, i) =>
      ((f.nameClass[i] === usable || f.nameClass[i] === multi) && f.hasBlacklistTerm[i] === 1) ||
      (f.nameClass[i] === junk && f.isSingleton[i] === 0),
    disposition: 'Verify',
  },
  { reason: 'multiple_names', when: (f, i) => f.hasMultipleNames[i] === 1, disposition: 'Verify' },
  { reason: 'alias_matches_other_group', when: (f, i) => f.aliasMatchesOtherGroup[i] === 1, disposition: 'Verify' },
  { reason: 'suffix_conflict', when: (f, i) => f.suffixConflict[i] === 1, disposition: 'Verify' },
  {
    reason: 'suspicious_singleton',
    when: (f, i) => f.isSingleton[i] === 1 && f.suspiciousHit[i] === 1,
    disposition: 'Verify',
  },
  { reason: 'clean_singleton', when: (f, i) => f.isSingleton[i] === 1, disposition: 'Keep' },
  { reason: 'primary_record', when: (f, i) => f.isPrimary[i] === 1, disposition: 'Keep' },
  {
    reason: 'primary_needs_review',
    when: (f, i) => member(f, i) && f.primaryDisposition[f.component[i] as number] !== DISPOSITION_CODE.Keep,
    disposition: 'Verify',
  },
  { reason: 'duplicate_of_primary', when: () => true, disposition: 'Update' },
];

export interface DispositionInput {
  recordCount: number;
  component: Int32Array;
  groupCount: number;
  /** Group → primary record (SPEC §8). */
  primary: Int32Array;
  nameClass: Uint8Array;
  /** `junkKindCode` per record; omitted = no kinds known (every junk name is Delete material). */
  junkKind?: Uint8Array;
  /** Records with activity (`junk.activity_columns`); omitted = none. */
  hasActivity?: Uint8Array;
  hasBlacklistTerm: Uint8Array;
  hasMultipleNames: Uint8Array;
  aliasMatchesOtherGroup: Uint8Array;
  suffixConflict: Uint8Array;
  suspiciousHit: Uint8Array;
  override: Uint8Array;
}

export interface DispositionResult {
  /** DISPOSITION_CODE per record. */
  disposition: Uint8Array;
  /** DISPOSITION_REASON_CODE per record. */
  reason: Uint8Array;
  /** Facts the rules saw (isSingleton, isPrimary, primaryDisposition …), for reports and debugging. */
  facts: DispositionFacts;
}

/**
 * Decide every record's disposition and reason (SPEC §9.1).
 * @example a junk singleton → Delete / `junk_name`; the same junk record inside a group → Verify / `blacklist_term_in_name`
 */
export function decideDispositions(
  input: DispositionInput,
  rules: readonly DispositionRule[] = DISPOSITION_RULES,
): DispositionResult {
  const { recordCount: n, component, groupCount, primary } = input;
  const junkKind = input.junkKind ?? new Uint8Array(n);
  const hasActivity = input.hasActivity ?? new Uint8Array(n);
  for (const [name, col] of [
    ['component', component],
    ['nameClass', input.nameClass],
    ['junkKind', junkKind],
    ['hasActivity', hasActivity],
    ['hasBlacklistTerm', input.hasBlacklistTerm],
    ['hasMultipleNames', input.hasMultipleNames],
    ['aliasMatchesOtherGroup', input.aliasMatchesOtherGroup],
    ['suffixConflict', input.suffixConflict],
    ['suspiciousHit', input.suspiciousHit],
    ['override', input.override],
  ] as const) {
    if (col.length !== n) throw new Error(`disposition: ${name} has ${col.length} values for ${n} records.`);
  }
  if (primary.length !== groupCount)
    throw new Error(`disposition: primary must have one record per group (${groupCount}).`);

  const groupSize = new Int32Array(groupCount);
  for (let i = 0; i < n; i++) {
    const k = component[i] as number;
    groupSize[k] = (groupSize[k] as number) + 1;
  }
  const isSingleton = new Uint8Array(n);
  for (let i = 0; i < n; i++) isSingleton[i] = groupSize[component[i] as number] === 1 ? 1 : 0;
  const isPrimary = new Uint8Array(n);
  for (let g = 0; g < groupCount; g++) {
    const p = primary[g] as number;
    if (component[p] !== g) throw new Error(`disposition: primary ${p} of group ${g} is not a record of that group.`);
    isPrimary[p] = 1;
  }
  const facts: DispositionFacts = {
    component,
    nameClass: input.nameClass,
    junkKind,
    hasActivity,
    isSingleton,
    isPrimary,
    hasBlacklistTerm: input.hasBlacklistTerm,
    hasMultipleNames: input.hasMultipleNames,
    aliasMatchesOtherGroup: input.aliasMatchesOtherGroup,
    suffixConflict: input.suffixConflict,
    suspiciousHit: input.suspiciousHit,
    override: input.override,
    primaryDisposition: new Uint8Array(groupCount).fill(NO_OVERRIDE),
  };

  const thenCode = rules.map((r) => (r.disposition === 'override' ? -1 : DISPOSITION_CODE[r.disposition]));
  const reasonCode = rules.map((r) => DISPOSITION_REASON_CODE[r.reason]);
  const disposition = new Uint8Array(n);
  const reason = new Uint8Array(n);
  const decide = (i: number): void => {
    for (let r = 0; r < rules.length; r++) {
      if (!(rules[r] as DispositionRule).when(facts, i)) continue;
      const code = thenCode[r] as number;
      const value = code >= 0 ? code : (input.override[i] as number);
      if (value > DISPOSITION_CODE.Verify) {
        throw new Error(`disposition: record ${i} has override code ${value}; use 0..3 or ${NO_OVERRIDE} for none.`);
      }
      disposition[i] = value;
      reason[i] = reasonCode[r] as number;
      return;
    }
    throw new Error(
      `disposition: no rule matched record ${i}; the rule table must end with a rule that always matches.`,
    );
  };
  for (let g = 0; g < groupCount; g++) {
    const p = primary[g] as number;
    decide(p);
    facts.primaryDisposition[g] = disposition[p] as number;
  }
  for (let i = 0; i < n; i++) if (isPrimary[i] === 0) decide(i);
  return { disposition, reason, facts };
}

export interface SuffixConflictInput {
  recordCount: number;
  component: Int32Array;
  groupCount: number;
  primary: Int32Array;
  /** Record → index into `classNames`. */
  suffixClass: Int32Array;
  classNames: readonly SuffixClass[];
  /** Sets of mutually compatible classes (`suffix_equivalence`, SPEC §5.1); overlapping sets are merged. */
  equivalence: readonly (readonly SuffixClass[])[];
}

export interface SuffixConflictResult {
  /** Record → 1 when SPEC §9.1 rule 7 applies. */
  conflict: Uint8Array;
  /** Group → index into `classNames` of the dominant class, or -1 when none (no explicit class, or an unresolved tie). */
  dominantClass: Int32Array;
}

/**
 * SPEC §9.1 rule 7. Per multi-record group, explicit classes are counted per compatibility set (INC and CORP pool
 * by default), the set with most records dominates, and a tie goes to the primary's set. A member whose explicit
 * class is outside the dominant set conflicts; `NONE` never does. When the tie cannot be broken (the primary has
 * no explicit class, or its set is not among the tied), there is no majority to defer to, so every explicit member
 * conflicts with some tied class and all of them are flagged. The primary is checked like any member: a primary
 * outside the majority is itself a conflict, and rule 11 then sends the rest of its group to review.
 * @example group {Acme Inc, Acme Inc, Acme LLC, Acme} → the LLC record conflicts
 */
export function suffixConflicts(input: SuffixConflictInput): SuffixConflictResult {
  const { recordCount: n, component, groupCount, primary, suffixClass, classNames } = input;
  if (suffixClass.length !== n || component.length !== n) {
    throw new Error(`suffix conflict: suffixClass and component must have one value per record (${n}).`);
  }
  const compat = compatibilitySets(classNames, input.equivalence);
  const { offsets, members } = membersByGroup(component, groupCount);
  const conflict = new Uint8Array(n);
  const dominantClass = new Int32Array(groupCount).fill(-1);
  const counts = new Int32Array(classNames.length);
  const touched = new Int32Array(classNames.length);
  const representative = new Int32Array(classNames.length);
  for (let g = 0; g < groupCount; g++) {
    const start = offsets[g] as number;
    const end = offsets[g + 1] as number;
    if (end - start < 2) continue;
    let nTouched = 0;
    for (let k = start; k < end; k++) {
      const c = compat[suffixClass[members[k] as number] as number] as number;
      if (c < 0) continue;
      if (counts[c] === 0) {
        touched[nTouched++] = c;
        representative[c] = suffixClass[members[k] as number] as number;
      }
      counts[c] = (counts[c] as number) + 1;
    }
    if (nTouched === 0) continue;
    let most = 0;
    let tied = 0;
    for (let t = 0; t < nTouched; t++) {
      const cnt = counts[touched[t] as number] as number;
      if (cnt > most) {
        most = cnt;
        tied = 1;
      } else if (cnt === most) tied++;
    }
    let dominant = -1;
    if (tied === 1) {
      for (let t = 0; t < nTouched; t++) if (counts[touched[t] as number] === most) dominant = touched[t] as number;
    } else {
      const pc = compat[suffixClass[primary[g] as number] as number] as number;
      if (pc >= 0 && counts[pc] === most) dominant = pc;
    }
    if (dominant >= 0) dominantClass[g] = representative[dominant] as number;
    for (let k = start; k < end; k++) {
      const i = members[k] as number;
      const c = compat[suffixClass[i] as number] as number;
      if (c >= 0 && c !== dominant) conflict[i] = 1;
    }
    for (let t = 0; t < nTouched; t++) counts[touched[t] as number] = 0;
  }
  return { conflict, dominantClass };
}

/**
 * Class index → compatibility-set id (the smallest class index of its set), -1 for `NONE`. Sets that share a
 * class are merged, so compatibility is transitive and "dominant" is well defined.
 */
export function compatibilitySets(
  classNames: readonly SuffixClass[],
  equivalence: readonly (readonly SuffixClass[])[],
): Int32Array {
  const index = new Map<SuffixClass, number>();
  classNames.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  const set = new Int32Array(classNames.length);
  for (let i = 0; i < set.length; i++) set[i] = index.get(classNames[i] as SuffixClass) as number;
  const find = (x: number): number => {
    while (set[x] !== x) x = set[x] as number;
    return x;
  };
  for (const group of equivalence) {
    let first = -1;
    for (const name of group) {
      const i = index.get(name);
      if (i === undefined) continue;
      if (first < 0) {
        first = find(i);
        continue;
      }
      const a = find(first);
      const b = find(i);
      if (a !== b) {
        set[Math.max(a, b)] = Math.min(a, b);
        first = Math.min(a, b);
      }
    }
  }
  const out = new Int32Array(classNames.length);
  for (let i = 0; i < out.length; i++) out[i] = classNames[i] === NO_SUFFIX ? -1 : find(i);
  return out;
}
