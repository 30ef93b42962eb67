import { NAME_CLASS_CODE } from './column-codes.js';

/**
 * Whether a record takes part in matching — exact joins, blocking, scoring, grouping and alias matching (SPEC §4,
 * revised by issue 11): usable names only. Junk and unusable names are singletons, so they never chain companies
 * (or identical junk) together; a multi-name record belongs to no single company, so it joins no group either and a
 * reviewer assigns it (its names are looked up as "mentions" instead). Reviewer must-links still apply to any record.
 * @example participates(Uint8Array.of(NAME_CLASS_CODE.multi), 0) → false
 */
export function participates(nameClass: Uint8Array, i: number): boolean {
  return nameClass[i] === NAME_CLASS_CODE.usable;
}
