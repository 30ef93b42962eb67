import type { ClusterName, ClusterNameMembers } from '../shared/workbench-api.js';
import type { ReviewStore, RunTables } from './review-store.js';

/**
 * The compact cluster view (issue 13, as OpenRefine's Cluster & edit): one row per distinct name of a group with
 * its count, the primary's name first, and the records of one name on demand. A name is the account name as typed
 * with its spaces trimmed and collapsed, so `Target ` and `Target` are one row.
 */
const NAME_SQL = "regexp_replace(trim(account_name), '\\s+', ' ', 'g')";

export async function clusterNames(
  store: ReviewStore,
  t: RunTables,
  gid: number,
  offset: number,
  limit: number,
): Promise<{ names: ClusterName[]; total: number }> {
  const rows = await store.rows<ClusterName & { total: number }>(
    'cluster names: distinct names of the group',
    `SELECT ${NAME_SQL} AS name, count(*)::INTEGER AS count, bool_or(is_primary) AS primary,
            count(*) FILTER (WHERE disposition = 'Keep')::INTEGER AS keep,
            count(*) FILTER (WHERE disposition = 'Update')::INTEGER AS update,
            count(*) FILTER (WHERE disposition = 'Delete')::INTEGER AS delete,
            count(*) FILTER (WHERE disposition = 'Verify')::INTEGER AS verify,
            (count(*) OVER ())::INTEGER AS total
     FROM ${t.members} WHERE gid = ? GROUP BY 1
     ORDER BY bool_or(is_primary) DESC, count(*) DESC, name LIMIT ? OFFSET ?`,
    [gid, limit, offset],
  );
  let total = rows[0]?.total;
  if (total === undefined && offset > 0) {
    const [row] = await store.rows<{ n: number }>(
      'cluster names: counting',
      `SELECT count(DISTINCT ${NAME_SQL})::INTEGER AS n FROM ${t.members} WHERE gid = ?`,
      [gid],
    );
    total = row?.n;
  }
  return { names: rows.map(({ total: _t, ...name }) => name), total: total ?? 0 };
}

export async function clusterNameMembers(
  store: ReviewStore,
  t: RunTables,
  gid: number,
  name: string,
  offset: number,
  limit: number,
): Promise<ClusterNameMembers> {
  const rows = await store.rows<ClusterNameMembers['members'][number] & { total: number }>(
    'cluster names: records of one name',
    `SELECT account_id, account_name, is_primary, disposition, CAST(created_date AS VARCHAR) AS created_date,
            relationship, (count(*) OVER ())::INTEGER AS total
     FROM ${t.members} WHERE gid = ? AND ${NAME_SQL} = ?
     ORDER BY is_primary DESC, row_index LIMIT ? OFFSET ?`,
    [gid, name, limit, offset],
  );
  return { name, members: rows.map(({ total: _t, ...m }) => m), total: rows[0]?.total ?? 0, offset };
}
