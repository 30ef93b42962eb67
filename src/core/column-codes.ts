/**
 * Numeric codes for the closed vocabularies of `vocabulary.ts`, so that per-record facts travel in typed columns
 * (one byte per record) instead of one string per record. The code of a value is its index in the array;
 * the arrays are the single place that fixes the encoding.
 */
import { DISPOSITION_REASONS, DISPOSITIONS, JOIN_REASONS, NAME_CLASSES } from './vocabulary.js';

export { DISPOSITION_REASONS, DISPOSITIONS, JOIN_REASONS, NAME_CLASSES };

function codesOf<T extends string>(values: readonly T[]): Readonly<Record<T, number>> {
  const out = {} as Record<T, number>;
  values.forEach((v, i) => {
    out[v] = i;
  });
  return out;
}

/** @example DISPOSITIONS[DISPOSITION_CODE.Verify] → 'Verify' */
export const DISPOSITION_CODE = codesOf(DISPOSITIONS);
/** Value of an override column for a record without a reviewer override (SPEC §10). */
export const NO_OVERRIDE = 255;
export const NAME_CLASS_CODE = codesOf(NAME_CLASSES);
export const JOIN_REASON_CODE = codesOf(JOIN_REASONS);
export const DISPOSITION_REASON_CODE = codesOf(DISPOSITION_REASONS);
