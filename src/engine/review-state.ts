import type { DecisionEvent } from '../journal/events.js';
import { decisionIdKey, effectiveEvents, foldDecisions, memberFingerprint } from '../journal/fold.js';
import type { ReviewStore, RunTables } from './review-store.js';

/** One row of a run's review-state table (issue 7); groups without a row are unreviewed with nothing pending. */
export interface GroupReviewState {
  group_id: string;
  /** A group_reviewed / group_accepted mark whose member set equals the group's members now (SPEC §10). */
  reviewed: boolean;
  /** A mark exists for some of these members but the member set changed since: unreviewed again, and why. */
  reviewed_stale: boolean;
  accepted: boolean;
  /** Record decisions recorded after the run read the journal that touch the group's members. */
  decisions_pending: number;
}

/** Kinds that mark a group now, not on the next run: they are never "pending" (a canonical name applies at export). */
const MARK_KINDS = new Set(['group_accepted', 'group_reviewed', 'canonical_name']);

const STATE_JSON_TYPE = `'[{"group_id":"VARCHAR","reviewed":"BOOLEAN","reviewed_stale":"BOOLEAN","accepted":"BOOLEAN","decisions_pending":"INTEGER"}]'`;

/**
 * The forms an id key may take in a run: the key itself and, for an 18-character Salesforce key, its 15-character
 * form (SPEC §10: both match). The caller re-checks each hit with `decisionIdKey`.
 */
export function lookupForms(keys: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const k of keys) {
    forms.add(k);
    if (k.length === 18) forms.add(k.slice(0, 15));
  }
  return [...forms];
}

/**
 * The member id keys of every group that holds one of `keys`, by group id. Ids are bound as one JSON value
 * (REVIEW §1: the server binds every value that comes from outside).
 */
export async function groupsHolding(
  store: ReviewStore,
  t: RunTables,
  keys: ReadonlySet<string>,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (keys.size === 0) return out;
  const rows = await store.rows<{ group_id: string; account_id: string; hit: boolean }>(
    'review state: groups of decided records',
    `WITH wanted AS (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')) AS id),
          touched AS (SELECT DISTINCT gid FROM ${t.members} WHERE account_id IN (SELECT id FROM wanted))
     SELECT g.group_id, m.account_id
     FROM ${t.members} m JOIN touched USING (gid) JOIN ${t.groups} g ON g.gid = m.gid
     ORDER BY m.gid, m.row_index`,
    [JSON.stringify(lookupForms(keys))],
  );
  for (const r of rows) {
    let list = out.get(r.group_id);
    if (list === undefined) {
      list = [];
      out.set(r.group_id, list);
    }
    list.push(decisionIdKey(r.account_id));
  }
  // A 15-character prefix can match a different record's id; keep only groups that truly hold a key.
  for (const [gid, members] of out) if (!members.some((m) => keys.has(m))) out.delete(gid);
  return out;
}

/**
 * The review state of every group of a run that the journal mentions (SPEC §10, REVIEW §2.4): reviewed /
 * accepted when a mark's member fingerprint equals the group's members now, stale when a mark names some of its
 * members but the set differs, and the count of record decisions made after the run's journal seq.
 */
export async function computeReviewState(
  store: ReviewStore,
  t: RunTables,
  events: readonly DecisionEvent[],
  dataset: string,
  journalSeq: number,
): Promise<GroupReviewState[]> {
  const mine = events.filter((e) => e.dataset === dataset);
  const folded = foldDecisions(mine, dataset);
  const pending = pendingEvents(mine, journalSeq);
  const keys = new Set<string>();
  for (const mark of folded.reviewed.values()) for (const id of mark.accountIds) keys.add(id);
  for (const e of pending) for (const id of e.ids) keys.add(id);
  const groups = await groupsHolding(store, t, keys);

  const groupOf = new Map<string, string>();
  for (const [gid, members] of groups) for (const m of members) groupOf.set(m, gid);
  const state = new Map<string, GroupReviewState>();
  const row = (gid: string): GroupReviewState => {
    let s = state.get(gid);
    if (s === undefined) {
      s = { group_id: gid, reviewed: false, reviewed_stale: false, accepted: false, decisions_pending: 0 };
      state.set(gid, s);
    }
    return s;
  };
  const fingerprints = new Map<string, string>();
  for (const [gid, members] of groups) fingerprints.set(gid, memberFingerprint(members));
  for (const mark of folded.reviewed.values()) {
    const touched = new Set<string>();
    for (const id of mark.accountIds) {
      const gid = groupOf.get(id);
      if (gid !== undefined) touched.add(gid);
    }
    for (const gid of touched) {
      const s = row(gid);
      if (fingerprints.get(gid) === mark.fingerprint) {
        s.reviewed = true;
        if (mark.kind === 'group_accepted') s.accepted = true;
      } else s.reviewed_stale = true;
    }
  }
  for (const e of pending) {
    const touched = new Set<string>();
    for (const id of e.ids) {
      const gid = groupOf.get(id);
      if (gid !== undefined) touched.add(gid);
    }
    for (const gid of touched) row(gid).decisions_pending += 1;
  }
  // A current mark wins over an older one for a different member set.
  for (const s of state.values()) if (s.reviewed) s.reviewed_stale = false;
  return [...state.values()];
}

/**
 * The record decisions in effect that the run did not see: effective events after `journalSeq`, and undos after
 * it of decisions the run applied (those change the next run too). Group marks apply at once, so are not pending.
 */
function pendingEvents(events: readonly DecisionEvent[], journalSeq: number): { seq: number; ids: string[] }[] {
  const effective = new Set(effectiveEvents(events).map((e) => e.seq));
  const undone = new Set<number>();
  for (let k = events.length - 1; k >= 0; k--) {
    const e = events[k] as DecisionEvent;
    if (!undone.has(e.seq) && e.undoes !== null) undone.add(e.undoes);
  }
  const out: { seq: number; ids: string[] }[] = [];
  for (const e of events) {
    if (e.seq <= journalSeq || e.account_ids === null || MARK_KINDS.has(e.kind)) continue;
    const live = e.undoes === null ? effective.has(e.seq) : !undone.has(e.seq) && e.undoes <= journalSeq;
    if (live) out.push({ seq: e.seq, ids: e.account_ids.map(decisionIdKey) });
  }
  return out;
}

/** Replace a run's review-state table in one statement, so a reader never sees it half written. */
export async function writeReviewState(
  store: ReviewStore,
  t: RunTables,
  rows: readonly GroupReviewState[],
): Promise<void> {
  await store.run(
    'review state: writing',
    `CREATE OR REPLACE TABLE ${t.state} AS
     SELECT u.group_id, u.reviewed, u.reviewed_stale, u.accepted, u.decisions_pending
     FROM (SELECT unnest(from_json(?::JSON, ${STATE_JSON_TYPE})) AS u)`,
    [JSON.stringify(rows)],
  );
}
