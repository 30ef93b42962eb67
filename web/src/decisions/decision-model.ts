/**
 * The web's handle on the one decision model (src/shared/decision-status.ts, issue 13): the folded state of the
 * run's dataset as seen from the run on screen, and lookups the drawer needs per member.
 */
import type { DecisionEventView, DecisionState, Member } from '../../../src/shared/api.js';
import { decisionIdKey } from '../../../src/shared/decision-keys.js';
import { type DecisionModel, decisionModel } from '../../../src/shared/decision-status.js';
import { memberNotes, pendingById } from '../../../src/shared/decision-words.js';

export interface RunDecisions {
  model: DecisionModel<DecisionEventView>;
  /** Pending changes by record key. */
  pendingByKey: ReturnType<typeof pendingById>;
}

export function runDecisions(state: DecisionState): RunDecisions {
  const model = decisionModel(state.events, state.dataset, state.appliedSeq);
  return { model, pendingByKey: pendingById(model.pending) };
}

/** The pending overlay lines of a member row. */
export function notesOf(d: RunDecisions, m: Member, groupKeys: ReadonlySet<string>): string[] {
  return memberNotes(m, d.pendingByKey.get(decisionIdKey(m.account_id)) ?? [], groupKeys);
}

/** Whether the journal holds an override of this record now (applied or pending): "Clear override" applies. */
export function hasOverride(d: RunDecisions, accountId: string): boolean {
  return d.model.current.overrides.has(decisionIdKey(accountId));
}

/** Whether a merge (must-link) of this record waits for the next run: a mention already assigned (issue 11). */
export function hasPendingMerge(d: RunDecisions, accountId: string): boolean {
  const changes = d.pendingByKey.get(decisionIdKey(accountId)) ?? [];
  return changes.some((c) => c.kind === 'link' && c.current === 'must_link');
}
