import { createHash } from 'node:crypto';
import { canonicalAccountId } from '../core/salesforce-id.js';
import type { Disposition } from '../core/types.js';
import { type DecisionEvent, isDisposition } from './events.js';

/**
 * The key an account id is folded and matched by: the case-safe 18-character form of a Salesforce-shaped id, so
 * the 15- and 18-character forms of one record are one key (SPEC §10); anything else as given (trimmed).
 * @example decisionIdKey('001Hs000054S8kI') → '001Hs000054S8kIIAS'; decisionIdKey('ACC-1') → 'ACC-1'
 */
export function decisionIdKey(id: string): string {
  return canonicalAccountId(id, true);
}

/** Normalised key of a manual blacklist term (the classify stage normalises it again like a name, SPEC §9.2). */
export function termKey(term: string): string {
  return term.trim().replaceAll(/\s+/g, ' ').toLowerCase();
}

/**
 * Fingerprint of a member set: reviewed/accepted apply to exactly these members (SPEC §10).
 * @example memberFingerprint(['b', 'a']) === memberFingerprint(['a', 'b'])
 */
export function memberFingerprint(accountIds: readonly string[]): string {
  const sorted = [...new Set(accountIds.map(decisionIdKey))].sort();
  return createHash('sha256').update(sorted.join('\n')).digest('hex').slice(0, 16);
}

/** A group's key in the journal: `g-` + its smallest canonical id, as `group_id` is built (SPEC §6). */
export function groupKeyOf(accountIds: readonly string[]): string {
  const sorted = accountIds.map(decisionIdKey).sort();
  return `g-${sorted[0] ?? ''}`;
}

/**
 * The targets an event touches: two writes conflict when they share a target (SPEC §10 "no lost updates").
 * Overrides target the record; links the unordered pair; set_primary every member it names; group marks the
 * group; terms the term.
 */
export function targetsOf(e: Pick<DecisionEvent, 'kind' | 'account_ids' | 'term'>): string[] {
  const ids = (e.account_ids ?? []).map(decisionIdKey);
  switch (e.kind) {
    case 'disposition_override':
    case 'clear_override':
      return ids.map((id) => `record:${id}`);
    case 'must_link':
    case 'cannot_link':
      return linkPairs(ids).map(([a, b]) => `pair:${a}|${b}`);
    case 'set_primary':
      return ids.map((id) => `primary:${id}`);
    case 'group_accepted':
    case 'group_reviewed':
      return [`group:${groupKeyOf(ids)}`];
    case 'canonical_name':
      return [`name:${groupKeyOf(ids)}`];
    case 'blacklist_add':
    case 'blacklist_remove':
      return [`term:${termKey(e.term ?? '')}`];
  }
}

/** The pairs a link event states: its first id with each of the others, each pair ordered (a < b). */
export function linkPairs(ids: readonly string[]): [string, string][] {
  const first = ids[0];
  if (first === undefined) return [];
  const pairs: [string, string][] = [];
  for (const other of ids.slice(1)) if (other !== first) pairs.push(first < other ? [first, other] : [other, first]);
  return pairs;
}

export interface FoldedOverride {
  value: Disposition;
  seq: number;
  reviewer: string;
  ts: string;
  reason: string | null;
}
export interface FoldedLink {
  a: string;
  b: string;
  seq: number;
}
export interface FoldedReviewed {
  groupKey: string;
  kind: 'group_accepted' | 'group_reviewed';
  fingerprint: string;
  accountIds: string[];
  seq: number;
}

/** The current state of one dataset: the fold of its events (SPEC §10). Ids are `decisionIdKey`s. */
export interface FoldedDecisions {
  dataset: string;
  overrides: Map<string, FoldedOverride>;
  /** Latest must/cannot decision per pair: a later link of the other kind replaces an earlier one. */
  links: Map<string, FoldedLink & { kind: 'must_link' | 'cannot_link' }>;
  /** set_primary: chosen record → seq of the latest decision naming it. */
  primaries: Map<string, number>;
  manualTerms: Map<string, { term: string; seq: number; reviewer: string; ts: string }>;
  /** Per group key and kind (accepted and reviewed are separate marks). */
  reviewed: Map<string, FoldedReviewed>;
}

/**
 * Which events are in effect: every event not undone by an event that is itself in effect. Walking from the
 * end settles each undo before the event it names (an undo always names an earlier seq), so undoing an undo
 * re-applies the original.
 */
export function effectiveEvents(events: readonly DecisionEvent[]): DecisionEvent[] {
  const undone = new Set<number>();
  for (let k = events.length - 1; k >= 0; k--) {
    const e = events[k] as DecisionEvent;
    if (undone.has(e.seq)) continue;
    if (e.undoes !== null) undone.add(e.undoes);
  }
  return events.filter((e) => !undone.has(e.seq) && e.undoes === null);
}

/** Fold one dataset's events (in seq order) into its current state. Other datasets' events are ignored. */
export function foldDecisions(events: readonly DecisionEvent[], dataset: string): FoldedDecisions {
  const state: FoldedDecisions = {
    dataset,
    overrides: new Map(),
    links: new Map(),
    primaries: new Map(),
    manualTerms: new Map(),
    reviewed: new Map(),
  };
  for (const e of effectiveEvents(events.filter((x) => x.dataset === dataset))) {
    const ids = (e.account_ids ?? []).map(decisionIdKey);
    switch (e.kind) {
      case 'disposition_override':
        for (const id of ids) {
          if (e.value !== null && isDisposition(e.value))
            state.overrides.set(id, { value: e.value, seq: e.seq, reviewer: e.reviewer, ts: e.ts, reason: e.reason });
        }
        break;
      case 'clear_override':
        for (const id of ids) state.overrides.delete(id);
        break;
      case 'must_link':
      case 'cannot_link':
        for (const [a, b] of linkPairs(ids)) state.links.set(`${a}|${b}`, { a, b, seq: e.seq, kind: e.kind });
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
          groupKey,
          kind: e.kind,
          fingerprint: memberFingerprint(ids),
          accountIds: [...new Set(ids)].sort(),
          seq: e.seq,
        });
        break;
      }
      case 'canonical_name':
        // Folded per group by src/journal/canonical-names.ts; it changes nothing the pipeline applies.
        break;
    }
  }
  return state;
}

/** The folded value of an event's target before it is written: the journal's `prev` (REVIEW §2.4). */
export function previousValue(
  state: FoldedDecisions,
  e: Pick<DecisionEvent, 'kind' | 'account_ids' | 'term'>,
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
    case 'canonical_name':
      return null;
  }
}
