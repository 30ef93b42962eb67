import { z } from 'zod';
import { type DecisionKind, DISPOSITIONS, decisionKindSchema } from '../shared/api.js';

/** Longest canonical name a steward may type for a group (issue 13). */
export const CANONICAL_NAME_MAX = 200;

/**
 * One line of `decisions.jsonl` (SPEC §10). Record kinds carry `account_ids` (as the reviewer saw them; 15- and
 * 18-character Salesforce ids both match at apply time), blacklist kinds carry `term`. `undoes` names the seq of
 * the event this one compensates; `base_seq` is the last seq the writer had seen.
 */
export const decisionEventSchema = z
  .strictObject({
    seq: z.number().int().min(1),
    ts: z.string().min(1),
    reviewer: z.string(),
    dataset: z.string().min(1),
    kind: decisionKindSchema,
    account_ids: z.array(z.string().min(1)).min(1).nullable(),
    term: z.string().min(1).nullable(),
    /** The new value: a Disposition for `disposition_override`, the typed name for `canonical_name` (issue 13). */
    value: z.string().min(1).max(CANONICAL_NAME_MAX).nullable(),
    reason: z.string().nullable(),
    prev: z.string().nullable(),
    base_seq: z.number().int().min(0),
    undoes: z.number().int().min(1).nullable(),
    run_id: z.string().nullable(),
  })
  .refine((e) => e.value === null || e.kind === 'canonical_name' || isDisposition(e.value), {
    message: 'value must be Keep, Update, Delete or Verify',
    path: ['value'],
  });
export type DecisionEvent = z.infer<typeof decisionEventSchema>;

/** True for the four dispositions (the only values record kinds other than `canonical_name` carry). */
export function isDisposition(value: string): value is (typeof DISPOSITIONS)[number] {
  return (DISPOSITIONS as readonly string[]).includes(value);
}

/** Kinds whose target is a term, not records. */
export const TERM_KINDS: ReadonlySet<DecisionKind> = new Set(['blacklist_add', 'blacklist_remove']);
/** Kinds that name records by account id: refused for a dataset with synthetic `row:N` ids (SPEC §2.1). */
export const RECORD_KINDS: ReadonlySet<DecisionKind> = new Set([
  'disposition_override',
  'clear_override',
  'must_link',
  'cannot_link',
  'set_primary',
  'group_accepted',
  'group_reviewed',
  'canonical_name',
]);
/** Link kinds need two or more ids: the first is linked to each of the others. */
export const LINK_KINDS: ReadonlySet<DecisionKind> = new Set(['must_link', 'cannot_link']);

/** What a writer supplies; the journal assigns `seq` and `ts`. */
export type DecisionDraft = Omit<DecisionEvent, 'seq' | 'ts'>;

/**
 * The shape rules zod cannot say alone: which target a kind carries and which value it needs. Returns a
 * one-line problem, or null when the event is well formed.
 */
export function eventShapeProblem(e: Omit<DecisionEvent, 'seq' | 'ts'>): string | null {
  if (TERM_KINDS.has(e.kind)) {
    if (e.term === null || e.term.trim().length === 0) return `${e.kind} needs a term`;
    if (e.account_ids !== null) return `${e.kind} takes a term, not account_ids`;
  } else {
    if (e.account_ids === null || e.account_ids.length === 0) return `${e.kind} needs account_ids`;
    if (e.term !== null) return `${e.kind} takes account_ids, not a term`;
    if (LINK_KINDS.has(e.kind) && e.account_ids.length < 2) return `${e.kind} needs two or more account_ids`;
  }
  if (e.kind === 'disposition_override' && e.value === null && e.undoes === null) {
    return 'disposition_override needs a value (Keep, Update, Delete or Verify)';
  }
  if (e.kind === 'disposition_override' && e.value !== null && !isDisposition(e.value)) {
    return 'disposition_override needs a value of Keep, Update, Delete or Verify';
  }
  // canonical_name: a name names the group; null clears it (issue 13).
  if (e.kind === 'canonical_name' && e.value !== null && e.value.trim().length === 0) {
    return 'canonical_name needs a name (or null to clear it)';
  }
  if (e.kind !== 'disposition_override' && e.kind !== 'canonical_name' && e.value !== null) {
    return `${e.kind} takes no value`;
  }
  return null;
}
