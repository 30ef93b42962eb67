import type { DecisionEvent } from '../journal/events.js';
import { decisionIdKey } from '../shared/decision-keys.js';
import { changeIds, decisionModel } from '../shared/decision-status.js';
import { overrideWords } from '../shared/decision-words.js';
import { cannotPartners, judgeMark } from '../shared/review-marks.js';
import type { ReviewStore, RunTables } from './review-store.js';

/** One row of a run's review-state table (issue 7); groups without a row are unreviewed with nothing pending. */
export interface GroupReviewState {
  group_id: string;
  /** A reviewed / accepted mark holds for the group's members now (SPEC §10; `judgeMark`). */
  reviewed: boolean;
  /** A mark names some of these members but the member set changed since: unreviewed again, and why. */
  reviewed_stale: boolean;
  accepted: boolean;
  /** Decisions pending a re-run (the shared model's `pending`) that touch the group's members. */
  decisions_pending: number;
  /** Why a mark was kept or dropped after the members changed (issue 13 defect 6); null otherwise. */
  review_note: string | null;
}

const STATE_JSON_TYPE = `'[{"group_id":"VARCHAR","reviewed":"BOOLEAN","reviewed_stale":"BOOLEAN","accepted":"BOOLEAN","decisions_pending":"INTEGER","review_note":"VARCHAR"}]'`;

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
  const rows = await store.rows<{ group_id: string; account_id: string }>(
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

/** The run's spelling of each id key that names one of its records (15/18-character forms both match). */
async function runIdsOf(store: ReviewStore, t: RunTables, keys: ReadonlySet<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (keys.size === 0) return out;
  const rows = await store.rows<{ account_id: string }>(
    'review state: ids of decided records',
    `SELECT account_id FROM ${t.members}
     WHERE account_id IN (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))`,
    [JSON.stringify(lookupForms(keys))],
  );
  for (const r of rows) {
    const key = decisionIdKey(r.account_id);
    if (keys.has(key)) out.set(key, r.account_id);
  }
  return out;
}

/**
 * The review state of every group of a run that the journal mentions (SPEC §10, REVIEW §2.4), from the shared
 * decision model (src/shared/decision-status.ts) as seen by a run that read the journal up to `journalSeq`:
 * marks judged against the group's members now (`judgeMark`), and the count of pending decisions (the model's
 * `pending`) touching the group.
 */
export async function computeReviewState(
  store: ReviewStore,
  t: RunTables,
  events: readonly DecisionEvent[],
  dataset: string,
  journalSeq: number,
): Promise<GroupReviewState[]> {
  const model = decisionModel(events, dataset, journalSeq);
  const keys = new Set<string>();
  for (const mark of model.current.reviewed.values()) for (const id of mark.accountIds) keys.add(id);
  for (const change of model.pending) for (const id of changeIds(change)) keys.add(id);
  const groups = await groupsHolding(store, t, keys);

  const groupOf = new Map<string, string>();
  for (const [gid, members] of groups) for (const m of members) groupOf.set(m, gid);
  const state = new Map<string, GroupReviewState>();
  const row = (gid: string): GroupReviewState => {
    let s = state.get(gid);
    if (s === undefined) {
      s = {
        group_id: gid,
        reviewed: false,
        reviewed_stale: false,
        accepted: false,
        decisions_pending: 0,
        review_note: null,
      };
      state.set(gid, s);
    }
    return s;
  };
  const cannot = cannotPartners(model.current);
  const staleSeq = new Map<string, number>();
  for (const mark of model.current.reviewed.values()) {
    const touched = new Set<string>();
    for (const id of mark.accountIds) {
      const gid = groupOf.get(id);
      if (gid !== undefined) touched.add(gid);
    }
    for (const gid of touched) {
      const s = row(gid);
      const verdict = judgeMark(mark, groups.get(gid) ?? [], cannot);
      if (verdict.status === 'stale') {
        s.reviewed_stale = true;
        // The newest stale mark explains the group.
        if ((staleSeq.get(gid) ?? 0) < mark.seq && !s.reviewed) {
          staleSeq.set(gid, mark.seq);
          s.review_note = verdict.note;
        }
        continue;
      }
      if (!s.reviewed || verdict.status === 'current') s.review_note = verdict.note;
      s.reviewed = true;
      if (mark.kind === 'group_accepted') s.accepted = true;
    }
  }
  const pendingSeqs = new Map<string, Set<number>>();
  for (const change of model.pending) {
    for (const id of changeIds(change)) {
      const gid = groupOf.get(id);
      if (gid === undefined) continue;
      let seqs = pendingSeqs.get(gid);
      if (seqs === undefined) {
        seqs = new Set();
        pendingSeqs.set(gid, seqs);
      }
      seqs.add(change.seq);
    }
  }
  for (const [gid, seqs] of pendingSeqs) row(gid).decisions_pending = seqs.size;
  // A mark that holds wins over an older one for a different member set.
  for (const s of state.values()) if (s.reviewed) s.reviewed_stale = false;
  return [...state.values()];
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
     SELECT u.group_id, u.reviewed, u.reviewed_stale, u.accepted, u.decisions_pending, u.review_note
     FROM (SELECT unnest(from_json(?::JSON, ${STATE_JSON_TYPE})) AS u)`,
    [JSON.stringify(rows)],
  );
}

/** One row of a run's applied-decisions table: who made a decision the run applied, and why (issue 13). */
interface AppliedRow {
  /** The record, as the run spells its id. */
  account_id: string;
  kind: 'disposition_override' | 'must_link';
  /** must_link: the linked record, as the run spells its id; null for an override. */
  other_id: string | null;
  reviewer: string;
  reason: string | null;
  ts: string;
  /** The override in words (`overrideWords`); null for a link. */
  words: string | null;
}

const APPLIED_JSON_TYPE = `'[{"account_id":"VARCHAR","kind":"VARCHAR","other_id":"VARCHAR","reviewer":"VARCHAR","reason":"VARCHAR","ts":"VARCHAR","words":"VARCHAR"}]'`;

/**
 * Who made the decisions a run applied (the fold up to its `journalSeq`, which later events never change): one
 * row per overridden record and two per must-link (both directions), written to `t.applied` for the drawer, the
 * records export and the merge plan's `decided_by` (issue 13 defects 2 and 3).
 */
export async function writeAppliedDecisions(
  store: ReviewStore,
  t: RunTables,
  events: readonly DecisionEvent[],
  dataset: string,
  journalSeq: number,
): Promise<void> {
  const applied = decisionModel(events, dataset, journalSeq).applied;
  const musts = [...applied.links.values()].filter((l) => l.kind === 'must_link');
  const keys = new Set<string>([...applied.overrides.keys(), ...musts.flatMap((l) => [l.a, l.b])]);
  const ids = await runIdsOf(store, t, keys);
  const rows: AppliedRow[] = [];
  for (const [key, o] of applied.overrides) {
    const id = ids.get(key);
    if (id === undefined) continue;
    rows.push({ account_id: id, kind: 'disposition_override', other_id: null, ...author(o), words: overrideWords(o) });
  }
  for (const link of musts) {
    const a = ids.get(link.a);
    const b = ids.get(link.b);
    if (a === undefined || b === undefined) continue;
    rows.push({ account_id: a, kind: 'must_link', other_id: b, ...author(link), words: null });
    rows.push({ account_id: b, kind: 'must_link', other_id: a, ...author(link), words: null });
  }
  await store.run(
    'review state: applied decisions',
    `CREATE OR REPLACE TABLE ${t.applied} AS
     SELECT u.account_id, u.kind, u.other_id, u.reviewer, u.reason, u.ts, u.words
     FROM (SELECT unnest(from_json(?::JSON, ${APPLIED_JSON_TYPE})) AS u)`,
    [JSON.stringify(rows)],
  );
}

const author = (d: { reviewer: string; reason: string | null; ts: string }) => ({
  reviewer: d.reviewer,
  reason: d.reason,
  ts: d.ts,
});
