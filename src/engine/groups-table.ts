import type { GroupQuery } from '../shared/api.js';
import { groupSelection } from './review-queries.js';
import type { ReviewStore, RunTables } from './review-store.js';

/**
 * Members (as the run spells their ids), by group id, of the groups a query lists that a bulk accept may mark
 * (REVIEW §2.4): multi-record groups joined only by exact names or edges ≥ high (no medium edge) and not
 * accepted already for their current members. Groups in list order, members in record order.
 */
export async function acceptableGroupMembers(
  store: ReviewStore,
  t: RunTables,
  query: GroupQuery,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const selection = await groupSelection(store, t, query);
  if (selection === null) return out;
  const rows = await store.rows<{ group_id: string; account_id: string }>(
    'bulk accept: members of the listed groups',
    `WITH listed AS (${selection.sql})
     SELECT g.group_id, m.account_id
     FROM listed l JOIN ${t.groups} g ON g.gid = l.gid JOIN ${t.members} m ON m.gid = g.gid
     LEFT JOIN ${t.state} s ON s.group_id = g.group_id
     WHERE g.size > 1 AND (g.all_exact OR NOT g.has_medium_edge) AND NOT coalesce(s.accepted, false)
     ORDER BY l.list_pos, m.row_index`,
    selection.params,
  );
  for (const r of rows) {
    const list = out.get(r.group_id);
    if (list === undefined) out.set(r.group_id, [r.account_id]);
    else list.push(r.account_id);
  }
  return out;
}

/** A group's internal id and size by its group id, or null when the run has no such group. */
export async function groupById(
  store: ReviewStore,
  t: RunTables,
  groupId: string,
): Promise<{ gid: number; size: number } | null> {
  const [row] = await store.rows<{ gid: number; size: number }>(
    'the group',
    `SELECT gid, size FROM ${t.groups} WHERE group_id = ?`,
    [groupId],
  );
  return row ?? null;
}

/** Account ids of a group's members, the primary first, then record order (a canonical name's member set). */
export async function groupMemberIds(store: ReviewStore, t: RunTables, gid: number): Promise<string[]> {
  const rows = await store.rows<{ account_id: string }>(
    'canonical name: the group members',
    `SELECT account_id FROM ${t.members} WHERE gid = ? ORDER BY is_primary DESC, row_index`,
    [gid],
  );
  return rows.map((r) => r.account_id);
}
