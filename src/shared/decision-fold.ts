/**
 * The fold of the decisions journal (SPEC §10): which events are in effect, and the state they add up to. One
 * implementation for the pipeline (what a run applies), the server (review state, exports) and the web app
 * (overlay, undo). Pure: imports only the shared keys and types.
 */
import { type DecisionEventView, type Disposition, isDisposition } from './api.js';
import { decisionIdKey, groupKeyOf, linkPairs, memberFingerprint, termKey } from './decision-keys.js';

/** The fields of a journal event the model reads; the journal's own event type and the API's view both fit. */
export type DecisionEventLike = Pick<
  DecisionEventView,
  'seq' | 'ts' | 'reviewer' | 'dataset' | 'kind' | 'account_ids' | 'term' | 'value' | 'reason' | 'undoes'
>;

/** Who made a decision, when, and the words they typed. */
export interface DecisionAuthor {
  seq: number;
  reviewer: string;
  ts: string;
  reason: string | null;
}

export interface FoldedOverride extends DecisionAuthor {
  value: Disposition;
}
export interface FoldedLink extends DecisionAuthor {
  a: string;
  b: string;
  kind: 'must_link' | 'cannot_link';
}
export interface FoldedReviewed extends DecisionAuthor {
  groupKey: string;
  kind: 'group_accepted' | 'group_reviewed';
  fingerprint: string;
  accountIds: string[];
}
/**
 * A steward's name for a group (issue 13, as OpenRefine's "new cell value" of a cluster). Like reviewed/accepted
 * (SPEC §10) it applies to the member set it was typed for (`judgeCanonicalName`), takes effect at once (the merge
 * plan exports it) and is never pending a re-run.
 */
export interface FoldedCanonicalName extends DecisionAuthor {
  groupKey: string;
  /** The name (trimmed), or null when the steward cleared it. */
  value: string | null;
  /** Member id keys when it was typed, sorted. */
  accountIds: string[];
  fingerprint: string;
  /** The primary when the name was typed (the event's first id). */
  primaryId: string;
}

/** The state of one dataset: the fold of its events (SPEC §10). Ids are `decisionIdKey`s. */
export interface FoldedDecisions {
  dataset: string;
  overrides: Map<string, FoldedOverride>;
  /** Latest must/cannot decision per pair (`a|b`, a < b): a later link of the other kind replaces an earlier one. */
  links: Map<string, FoldedLink>;
  /** set_primary: chosen record → seq of the latest decision naming it. */
  primaries: Map<string, number>;
  manualTerms: Map<string, { term: string; seq: number; reviewer: string; ts: string }>;
  /** Per `<kind>:<group key>` (accepted and reviewed are separate marks). */
  reviewed: Map<string, FoldedReviewed>;
  /** canonical_name: the latest per group key; a cleared name stays (value null) so "cleared" ≠ "never named". */
  names: Map<string, FoldedCanonicalName>;
}

/**
 * Which events are in effect: every event not undone by an event that is itself in effect. Walking from the
 * end settles each undo before the event it names (an undo always names an earlier seq), so undoing an undo
 * re-applies the original. Undo events themselves are not returned.
 */
export function effectiveEvents<E extends DecisionEventLike>(events: readonly E[]): E[] {
  const undone = new Set<number>();
  for (let k = events.length - 1; k >= 0; k--) {
    const e = events[k] as E;
    if (undone.has(e.seq)) continue;
    if (e.undoes !== null) undone.add(e.undoes);
  }
  return events.filter((e) => !undone.has(e.seq) && e.undoes === null);
}

/**
 * Fold one dataset's events (in seq order) into its state; other datasets' events are ignored. With `uptoSeq`,
 * only events with seq ≤ uptoSeq count: the state a run that read the journal up to that seq applied.
 */
export function foldDecisions(
  events: readonly DecisionEventLike[],
  dataset: string,
  uptoSeq = Number.POSITIVE_INFINITY,
): FoldedDecisions {
  const state: FoldedDecisions = {
    dataset,
    overrides: new Map(),
    links: new Map(),
    primaries: new Map(),
    manualTerms: new Map(),
    reviewed: new Map(),
    names: new Map(),
  };
  const mine = events.filter((x) => x.dataset === dataset && x.seq <= uptoSeq);
  for (const e of effectiveEvents(mine)) {
    const ids = (e.account_ids ?? []).map(decisionIdKey);
    const author = { seq: e.seq, reviewer: e.reviewer, ts: e.ts, reason: e.reason };
    switch (e.kind) {
      case 'disposition_override':
        // A journal line's value is a string; only a disposition overrides (a name is a canonical_name's value).
        if (e.value !== null && isDisposition(e.value))
          for (const id of ids) state.overrides.set(id, { ...author, value: e.value });
        break;
      case 'clear_override':
        for (const id of ids) state.overrides.delete(id);
        break;
      case 'must_link':
      case 'cannot_link':
        for (const [a, b] of linkPairs(ids)) state.links.set(`${a}|${b}`, { ...author, a, b, kind: e.kind });
        break;
      case 'set_primary': {
        // The first id is the chosen record; the others (its group then) lose any earlier choice.
        const [chosen, ...others] = ids;
        for (const other of others) state.primaries.delete(other);
        if (chosen !== undefined) state.primaries.set(chosen, e.seq);
        break;
      }
      case 'blacklist_add':
        state.manualTerms.set(termKey(e.term ?? ''), {
          term: (e.term ?? '').trim(),
          seq: e.seq,
          reviewer: e.reviewer,
          ts: e.ts,
        });
        break;
      case 'blacklist_remove':
        state.manualTerms.delete(termKey(e.term ?? ''));
        break;
      case 'group_accepted':
      case 'group_reviewed': {
        const groupKey = groupKeyOf(ids);
        state.reviewed.set(`${e.kind}:${groupKey}`, {
          ...author,
          groupKey,
          kind: e.kind,
          fingerprint: memberFingerprint(ids),
          accountIds: [...new Set(ids)].sort(),
        });
        break;
      }
      case 'canonical_name': {
        const groupKey = groupKeyOf(ids);
        state.names.set(groupKey, {
          ...author,
          groupKey,
          value: e.value === null ? null : e.value.trim(),
          accountIds: [...new Set(ids)].sort(),
          fingerprint: memberFingerprint(ids),
          primaryId: ids[0] ?? '',
        });
        break;
      }
    }
  }
  return state;
}

/** The folded value of an event's target before it is written: the journal's `prev` (REVIEW §2.4). */
export function previousValue(
  state: FoldedDecisions,
  e: Pick<DecisionEventLike, 'kind' | 'account_ids' | 'term'>,
): string | null {
  const first = e.account_ids?.[0];
  switch (e.kind) {
    case 'disposition_override':
    case 'clear_override':
      return first === undefined ? null : (state.overrides.get(decisionIdKey(first))?.value ?? null);
    case 'blacklist_add':
    case 'blacklist_remove':
      return state.manualTerms.has(termKey(e.term ?? '')) ? 'listed' : null;
    case 'set_primary': {
      for (const id of (e.account_ids ?? []).map(decisionIdKey)) if (state.primaries.has(id)) return id;
      return null;
    }
    case 'must_link':
    case 'cannot_link': {
      const [pair] = linkPairs((e.account_ids ?? []).map(decisionIdKey));
      return pair === undefined ? null : (state.links.get(`${pair[0]}|${pair[1]}`)?.kind ?? null);
    }
    case 'group_accepted':
    case 'group_reviewed':
      return null;
    case 'canonical_name':
      return state.names.get(groupKeyOf((e.account_ids ?? []).map(decisionIdKey)))?.value ?? null;
  }
}
