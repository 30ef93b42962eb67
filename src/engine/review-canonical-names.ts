import { foldCanonicalNames } from '../journal/canonical-names.js';
import type { DecisionEvent } from '../journal/events.js';
import { memberFingerprint } from '../journal/fold.js';
import type { CanonicalNameView } from '../shared/workbench-api.js';
import { workbenchTable } from './review-pairs.js';
import { groupsHolding } from './review-state.js';
import type { ReviewStore, RunTables } from './review-store.js';

/**
 * The steward's canonical names (issue 13) placed on a run's groups. A name applies to the member set it was
 * typed for (SPEC §10, as reviewed/accepted): a group with exactly those members shows it as `current`; a group
 * holding some of them but not the same set shows it as `stale`, with what changed. Only current names are
 * exported (the merge plan's `canonical_name`); the table `<run>_wb_names` holds them for the export's SQL.
 */
export interface RunCanonicalNames {
  /** Every group of the run with a name, current or stale (a current one wins over stale ones). */
  byGroup: Map<string, CanonicalNameView>;
  /** Table (group_id, canonical_name) of the current names. */
  table: string;
}

const cache = new WeakMap<RunTables, { seq: number; dataset: string; names: Promise<RunCanonicalNames> }>();

/** The run's canonical names for the journal as it stands; recomputed only when the journal moved. */
export function canonicalNames(
  store: ReviewStore,
  t: RunTables,
  events: readonly DecisionEvent[],
  dataset: string,
): Promise<RunCanonicalNames> {
  const seq = events.at(-1)?.seq ?? 0;
  const hit = cache.get(t);
  if (hit !== undefined && hit.seq === seq && hit.dataset === dataset) return hit.names;
  const names = resolve(store, t, events, dataset);
  cache.set(t, { seq, dataset, names });
  names.catch(() => cache.delete(t));
  return names;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

async function resolve(
  store: ReviewStore,
  t: RunTables,
  events: readonly DecisionEvent[],
  dataset: string,
): Promise<RunCanonicalNames> {
  const folded = [...foldCanonicalNames(events, dataset).values()].filter((n) => n.value !== null);
  const keys = new Set<string>();
  for (const n of folded) for (const id of n.accountIds) keys.add(id);
  const groups = await groupsHolding(store, t, keys);
  const byGroup = new Map<string, CanonicalNameView>();
  for (const [groupId, members] of groups) {
    const now = new Set(members);
    const fingerprint = memberFingerprint(members);
    for (const n of folded) {
      const kept = n.accountIds.filter((id) => now.has(id)).length;
      if (kept === 0) continue;
      const current = n.fingerprint === fingerprint;
      const previous = byGroup.get(groupId);
      // A name typed for exactly these members wins; among stale ones, the latest.
      if (previous !== undefined && (previous.state === 'current' || (!current && previous.seq > n.seq))) continue;
      const joined = members.length - kept;
      const left = n.accountIds.length - kept;
      byGroup.set(groupId, {
        group_id: groupId,
        value: n.value,
        state: current ? 'current' : 'stale',
        stale_reason: current
          ? null
          : `named for ${plural(n.accountIds.length, 'member')}; since then ${plural(joined, 'record')} joined and ${plural(left, 'record')} left`,
        seq: n.seq,
        reviewer: n.reviewer,
        ts: n.ts,
        reason: n.reason,
        members_then: n.accountIds.length,
      });
    }
  }
  const table = workbenchTable(t, 'names');
  const current = [...byGroup.values()]
    .filter((v) => v.state === 'current')
    .map((v) => ({ group_id: v.group_id, canonical_name: v.value }));
  await store.run(
    'canonical names: writing',
    `CREATE OR REPLACE TABLE ${table} AS
     SELECT u.group_id, u.canonical_name
     FROM (SELECT unnest(from_json(?::JSON, '[{"group_id":"VARCHAR","canonical_name":"VARCHAR"}]')) AS u)`,
    [JSON.stringify(current)],
  );
  return { byGroup, table };
}
