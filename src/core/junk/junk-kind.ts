/**
 * Why a name is not a company (issue 11, CRM-INTAKE "Entries that are not a company"): a closed vocabulary, so the
 * kind travels in a one-byte column and every wording of it lives in `reason-text.ts`.
 */
export type JunkKind =
  | 'email'
  | 'web_address'
  | 'phone'
  | 'street_address'
  | 'money'
  | 'employee_count'
  | 'job_fact'
  | 'placeholder'
  | 'generic_word'
  | 'legal_form_only'
  | 'hint';

/**
 * Code of a kind = its index + 1; code 0 means "not junk". When a name holds several kinds (`cash job, $18/hr`) the
 * first in this order names it: contact details before amounts, amounts before notes, notes before bare words.
 */
export const JUNK_KINDS: readonly JunkKind[] = [
  'email',
  'web_address',
  'phone',
  'street_address',
  'money',
  'employee_count',
  'job_fact',
  'placeholder',
  'generic_word',
  'legal_form_only',
  'hint',
];

export const NOT_JUNK = 0;

export function junkKindCode(kind: JunkKind): number {
  return JUNK_KINDS.indexOf(kind) + 1;
}

/** @example junkKindOf(junkKindCode('phone')) → 'phone'; junkKindOf(0) → null */
export function junkKindOf(code: number): JunkKind | null {
  return code === NOT_JUNK ? null : (JUNK_KINDS[code - 1] ?? null);
}

/**
 * A hint names the kind of workplace but no employer (`not sure - warehouse`): someone can still find the employer,
 * so it goes to Verify, never Delete (CRM-INTAKE).
 */
export function junkNeedsReview(kind: JunkKind): boolean {
  return kind === 'hint';
}
