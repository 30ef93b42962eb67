/**
 * What the folded decision state (SPEC §10) means for the run on screen: which decisions are still pending
 * (they regroup / re-dispose only on the next run, REVIEW §2.4) and the overlay text per member.
 */
import { canonicalAccountId } from '../../../src/core/salesforce-id.js';
import type { DecisionEventView, DecisionKind, DecisionState, Disposition, Member } from '../../../src/shared/api.js';

/** The key the journal folds ids by: 15- and 18-character Salesforce ids of one record are one key (SPEC §10). */
export function idKey(id: string): string {
  return canonicalAccountId(id, true);
}

/** Kinds that change the next run's records (marks like reviewed/accepted apply at once). */
const PENDING_KINDS: ReadonlySet<DecisionKind> = new Set([
  'disposition_override',
  'clear_override',
  'must_link',
  'cannot_link',
  'set_primary',
  'blacklist_add',
  'blacklist_remove',
]);

/** Events in effect: not undone by an event in effect (the server's fold, walked from the end). */
export function effectiveEvents(events: readonly DecisionEventView[]): DecisionEventView[] {
  const undone = new Set<number>();
  for (let k = events.length - 1; k >= 0; k--) {
    const e = events[k] as DecisionEventView;
    if (undone.has(e.seq)) continue;
    if (e.undoes !== null) undone.add(e.undoes);
  }
  return events.filter((e) => !undone.has(e.seq) && e.undoes === null);
}

/** What a decision is about: a later decision on the same target replaces it (one pending decision, not two). */
function targetOf(e: DecisionEventView): string {
  const ids = (e.account_ids ?? []).map(idKey);
  switch (e.kind) {
    case 'disposition_override':
    case 'clear_override':
      return `record:${ids[0] ?? ''}`;
    case 'set_primary':
      return `primary:${[...ids].sort().join(',')}`;
    case 'blacklist_add':
    case 'blacklist_remove':
      return `term:${(e.term ?? '').trim().toLowerCase()}`;
    default:
      return `${e.kind}:${[...ids].sort().join(',')}`;
  }
}

/** Decisions made while reviewing this run that change records, one per target: they apply on the next run. */
export function pendingEvents(state: DecisionState, runId: string): DecisionEventView[] {
  const latest = new Map<string, DecisionEventView>();
  for (const e of effectiveEvents(state.events)) {
    if (e.run_id === runId && PENDING_KINDS.has(e.kind)) latest.set(targetOf(e), e);
  }
  return [...latest.values()];
}

/** The newest decision in effect: what "Undo" compensates. */
export function lastUndoable(state: DecisionState): DecisionEventView | null {
  return effectiveEvents(state.events).at(-1) ?? null;
}

const KIND_TEXT: Record<DecisionKind, string> = {
  disposition_override: 'set disposition',
  clear_override: 'clear override',
  must_link: 'merge',
  cannot_link: 'split',
  set_primary: 'set primary',
  blacklist_add: 'add blacklist term',
  blacklist_remove: 'remove blacklist term',
  group_accepted: 'accept group',
  group_reviewed: 'mark reviewed',
  canonical_name: 'name group',
};

export function describeEvent(e: DecisionEventView): string {
  const target = e.term ?? e.account_ids?.[0] ?? '';
  const value = e.value === null ? '' : ` ${e.value}`;
  return `${KIND_TEXT[e.kind]}${value} (${target})`;
}

/** Decision lookups by id key, built once per state. */
export interface DecisionIndex {
  overrides: Map<string, Disposition>;
  primaries: Set<string>;
  cannot: Map<string, Set<string>>;
  must: Map<string, Set<string>>;
}

function addPair(map: Map<string, Set<string>>, a: string, b: string): void {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const set = map.get(x) ?? new Set<string>();
    set.add(y);
    map.set(x, set);
  }
}

export function indexDecisions(state: DecisionState): DecisionIndex {
  const cannot = new Map<string, Set<string>>();
  const must = new Map<string, Set<string>>();
  for (const l of state.cannotLinks) addPair(cannot, l.a, l.b);
  for (const l of state.mustLinks) addPair(must, l.a, l.b);
  return {
    overrides: new Map(state.overrides.map((o) => [o.account_id, o.value])),
    primaries: new Set(state.primaries.map((p) => p.account_id)),
    cannot,
    must,
  };
}

/** One line of the pending overlay on a member row ("pipeline: Update → you: Keep, applies on next run"). */
export function pendingNotes(m: Member, index: DecisionIndex, groupIds: ReadonlySet<string>): string[] {
  const key = idKey(m.account_id);
  const notes: string[] = [];
  const override = index.overrides.get(key) ?? null;
  if (override !== m.override) {
    notes.push(
      override === null
        ? `override cleared → pipeline: ${m.disposition}, applies on next run`
        : `pipeline: ${m.override ?? m.disposition} → you: ${override}, applies on next run`,
    );
  }
  if (index.primaries.has(key) && !m.is_primary) notes.push('you: primary, applies on next run');
  const apart = [...(index.cannot.get(key) ?? [])].filter((id) => groupIds.has(id));
  if (apart.length > 0 && apart.length >= groupIds.size - 1) notes.push('split out of this group, applies on next run');
  const merged = [...(index.must.get(key) ?? [])].filter((id) => !groupIds.has(id));
  if (merged.length > 0) notes.push(`merge with ${merged.join(', ')}, applies on next run`);
  return notes;
}
