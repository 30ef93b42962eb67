/**
 * What "applied" and "pending" mean (SPEC §10, §13; REVIEW §2.4), defined once for the pipeline, the server and the
 * web app (issue 13 defect 1).
 *
 * A run reads the journal once, up to its `appliedSeq` (the manifest's `decisions.journal_seq`). Then:
 *   applied  = the fold of the events with seq ≤ appliedSeq — what that run's records reflect;
 *   current  = the fold of every event — what the next run will apply;
 *   pending  = a target (a record's override, a pair's link, a record's primary mark, a term) whose current value
 *              differs from its applied value. A decision made and undone after the run is not pending; an undo
 *              after the run of a decision the run applied is (the next run reverts it). Group marks
 *              (reviewed / accepted) and canonical names (issue 13) take effect at once and are never pending:
 *              they hold while the group keeps the member set they name (src/shared/review-marks.ts).
 *   undoable = the newest decision in effect made after the run read the journal; a decision the run already
 *              applied is changed by a new decision (e.g. clear the override), not undone.
 */
import type { Disposition } from './api.js';
import {
  type DecisionEventLike,
  effectiveEvents,
  type FoldedDecisions,
  type FoldedOverride,
  foldDecisions,
} from './decision-fold.js';
import { targetsOf } from './decision-keys.js';

export type PendingChange =
  | { kind: 'override'; id: string; applied: FoldedOverride | null; current: FoldedOverride | null; seq: number }
  | {
      kind: 'link';
      a: string;
      b: string;
      applied: 'must_link' | 'cannot_link' | null;
      current: 'must_link' | 'cannot_link' | null;
      seq: number;
    }
  | { kind: 'primary'; id: string; applied: boolean; current: boolean; seq: number }
  | { kind: 'term'; term: string; applied: boolean; current: boolean; seq: number };

export interface DecisionModel<E extends DecisionEventLike = DecisionEventLike> {
  dataset: string;
  /** The journal seq the run read: events up to it are applied by the run, later ones wait for the next run. */
  appliedSeq: number;
  applied: FoldedDecisions;
  current: FoldedDecisions;
  /** Every target whose current value differs from the applied one, with the seq of the decision behind it. */
  pending: PendingChange[];
  /** Distinct decisions behind `pending` (one split names many pairs but is one decision): the header count. */
  pendingCount: number;
  /** What Undo compensates, or null. */
  undoable: E | null;
}

/** Ids (decision keys) a pending change touches: a group counts the change when it holds one of them. */
export function changeIds(change: PendingChange): string[] {
  switch (change.kind) {
    case 'override':
    case 'primary':
      return [change.id];
    case 'link':
      return [change.a, change.b];
    case 'term':
      return [];
  }
}

/** The model of one dataset's decisions as seen from a run that read the journal up to `appliedSeq`. */
export function decisionModel<E extends DecisionEventLike>(
  events: readonly E[],
  dataset: string,
  appliedSeq: number,
): DecisionModel<E> {
  const mine = events.filter((e) => e.dataset === dataset);
  const applied = foldDecisions(mine, dataset, appliedSeq);
  const current = foldDecisions(mine, dataset);
  const bySeq = new Map(mine.map((e) => [e.seq, e]));
  // The latest event after the run that touched each target; an undo touches what its original touched.
  const touched = new Map<string, number>();
  for (const e of mine) {
    if (e.seq <= appliedSeq) continue;
    const subject = e.undoes === null ? e : (bySeq.get(e.undoes) ?? e);
    for (const target of targetsOf({
      kind: subject.kind,
      account_ids: e.account_ids ?? subject.account_ids,
      term: e.term ?? subject.term,
    })) {
      touched.set(target, e.seq);
    }
  }
  const pending: PendingChange[] = [];
  for (const [target, seq] of touched) {
    const colon = target.indexOf(':');
    const kind = target.slice(0, colon);
    const key = target.slice(colon + 1);
    if (kind === 'record') {
      const was = applied.overrides.get(key) ?? null;
      const now = current.overrides.get(key) ?? null;
      if ((was?.value ?? null) !== (now?.value ?? null))
        pending.push({ kind: 'override', id: key, applied: was, current: now, seq });
    } else if (kind === 'pair') {
      const was = applied.links.get(key)?.kind ?? null;
      const now = current.links.get(key)?.kind ?? null;
      const link = current.links.get(key) ?? applied.links.get(key);
      if (was !== now && link !== undefined)
        pending.push({ kind: 'link', a: link.a, b: link.b, applied: was, current: now, seq });
    } else if (kind === 'primary') {
      const was = applied.primaries.has(key);
      const now = current.primaries.has(key);
      if (was !== now) pending.push({ kind: 'primary', id: key, applied: was, current: now, seq });
    } else if (kind === 'term') {
      const was = applied.manualTerms.has(key);
      const now = current.manualTerms.has(key);
      const term = current.manualTerms.get(key)?.term ?? applied.manualTerms.get(key)?.term ?? key;
      if (was !== now) pending.push({ kind: 'term', term, applied: was, current: now, seq });
    }
  }
  pending.sort((x, y) => x.seq - y.seq);
  const undoable =
    effectiveEvents(mine)
      .filter((e) => e.seq > appliedSeq)
      .at(-1) ?? null;
  return {
    dataset,
    appliedSeq,
    applied,
    current,
    pending,
    pendingCount: new Set(pending.map((p) => p.seq)).size,
    undoable,
  };
}

/** A record's override as the run applied it, as the journal holds it now, and whether they differ. */
export function overrideStatus(
  model: DecisionModel,
  id: string,
): { applied: FoldedOverride | null; current: FoldedOverride | null; pending: boolean } {
  const applied = model.applied.overrides.get(id) ?? null;
  const current = model.current.overrides.get(id) ?? null;
  return { applied, current, pending: (applied?.value ?? null) !== (current?.value ?? null) };
}

/** The applied override of a record as the run's records show it: its disposition when the reason is manual. */
export function appliedOverrideValue(member: {
  disposition: Disposition;
  disposition_reason: string;
}): Disposition | null {
  return member.disposition_reason === 'manual_override' ? member.disposition : null;
}
