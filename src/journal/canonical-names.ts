import type { DecisionEvent } from './events.js';
import { decisionIdKey, effectiveEvents, groupKeyOf, memberFingerprint } from './fold.js';

/**
 * A steward's name for a group (issue 13, as OpenRefine's "new cell value" of a cluster): the latest
 * `canonical_name` event in effect per group key. Like reviewed/accepted (SPEC §10) it applies to the member set
 * it was typed for; a group whose members differ now shows it as stale and says why.
 */
export interface FoldedCanonicalName {
  groupKey: string;
  /** The name, or null when the steward cleared it. */
  value: string | null;
  /** Member id keys (decisionIdKey) when it was typed, sorted; the first id of the event was the primary then. */
  accountIds: string[];
  fingerprint: string;
  /** The primary when the name was typed (the event's first id). */
  primaryId: string;
  seq: number;
  reviewer: string;
  ts: string;
  reason: string | null;
}

/**
 * Fold one dataset's `canonical_name` events: the latest in effect per group key. A cleared name stays in the map
 * (value null) so a later run can tell "cleared" from "never named".
 * @example foldCanonicalNames([{ kind: 'canonical_name', account_ids: ['b', 'a'], value: 'Acme', … }], ds)
 *   → Map { 'g-a' → { value: 'Acme', accountIds: ['a', 'b'], primaryId: 'b', … } }
 */
export function foldCanonicalNames(
  events: readonly DecisionEvent[],
  dataset: string,
): Map<string, FoldedCanonicalName> {
  const names = new Map<string, FoldedCanonicalName>();
  for (const e of effectiveEvents(events.filter((x) => x.dataset === dataset && x.kind === 'canonical_name'))) {
    const ids = (e.account_ids ?? []).map(decisionIdKey);
    const groupKey = groupKeyOf(ids);
    names.set(groupKey, {
      groupKey,
      value: e.value === null ? null : e.value.trim(),
      accountIds: [...new Set(ids)].sort(),
      fingerprint: memberFingerprint(ids),
      primaryId: ids[0] ?? '',
      seq: e.seq,
      reviewer: e.reviewer,
      ts: e.ts,
      reason: e.reason,
    });
  }
  return names;
}
