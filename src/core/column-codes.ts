/**
 * Numeric codes for the closed vocabularies of `types.ts`, so that per-record facts travel in typed columns
 * (one byte per record) instead of one string per record. The code of a value is its index in the array;
 * the arrays are the single place that fixes the encoding.
 */
import type { Disposition, DispositionReason, JoinReason, NameClass } from './types.js';

function codesOf<T extends string>(values: readonly T[]): Readonly<Record<T, number>> {
  const out = {} as Record<T, number>;
  values.forEach((v, i) => {
    out[v] = i;
  });
  return out;
}

/** Disposition column values (SPEC §9.1). @example DISPOSITIONS[DISPOSITION_CODE.Verify] → 'Verify' */
export const DISPOSITIONS: readonly Disposition[] = ['Keep', 'Update', 'Delete', 'Verify'];
export const DISPOSITION_CODE = codesOf(DISPOSITIONS);
/** Value of an override column for a record without a reviewer override (SPEC §10). */
export const NO_OVERRIDE = 255;

/** Name classes (SPEC §4). */
export const NAME_CLASSES: readonly NameClass[] = ['usable', 'junk', 'multi', 'unusable'];
export const NAME_CLASS_CODE = codesOf(NAME_CLASSES);

/** Join reasons of the rooted forest (SPEC §6). */
export const JOIN_REASONS: readonly JoinReason[] = [
  'primary',
  'exact_name',
  'edge>=high',
  'edge>=medium+shared_token',
  'must_link',
];
export const JOIN_REASON_CODE = codesOf(JOIN_REASONS);

/** Disposition reasons, in SPEC §9.1 rule order. */
export const DISPOSITION_REASONS: readonly DispositionReason[] = [
  'manual_override',
  'name_hint',
  'junk_with_activity',
  'junk_name',
  'unusable_name',
  'blacklist_term_in_name',
  'multiple_names',
  'alias_matches_other_group',
  'suffix_conflict',
  'suspicious_singleton',
  'clean_singleton',
  'primary_record',
  'primary_needs_review',
  'duplicate_of_primary',
];
export const DISPOSITION_REASON_CODE = codesOf(DISPOSITION_REASONS);
