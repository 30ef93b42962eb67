import { join } from 'node:path';
import type { RunChanges } from '../shared/api.js';
import type { ReviewStore, RunTables } from './review-store.js';
import { sqlString } from './sql-quote.js';

/** The previous complete run of the same dataset, as the server found it in the workspace. */
export interface PreviousRun {
  runId: string;
  dir: string;
}

const cache = new WeakMap<RunTables, Promise<RunChanges>>();

/**
 * What changed since the previous run of the dataset (REVIEW §2.2), by account_id membership — group ids
 * are not stable across runs, account ids are. Each current group is matched to the previous group holding
 * most of its members (ties → smaller group id); then
 *   new_records = members whose account_id was not in the previous run,
 *   gained      = members that were not in that previous group (new records included),
 *   lost        = members of that previous group that are now elsewhere or gone.
 * Only changed groups get a row in the changes table (the `changed` view is a join with it). Computed once
 * per opened run; it reads two columns of the previous run's records.parquet.
 */
export function ensureChanges(
  store: ReviewStore,
  t: RunTables,
  previous: () => Promise<PreviousRun | null>,
): Promise<RunChanges> {
  let pending = cache.get(t);
  if (pending === undefined) {
    pending = previous().then((p) => computeChanges(store, t, p));
    cache.set(t, pending);
    pending.catch(() => cache.delete(t));
  }
  return pending;
}

async function computeChanges(store: ReviewStore, t: RunTables, previous: PreviousRun | null): Promise<RunChanges> {
  if (previous === null) {
    return {
      previousRunId: null,
      newRecords: 0,
      removedRecords: 0,
      groupsWithNewRecords: 0,
      groupsGained: 0,
      groupsLost: 0,
      groupsChanged: 0,
    };
  }
  const name = `${t.groups.replace(/_groups$/, '')}_changes`;
  const prevRecords = sqlString(join(previous.dir, 'records.parquet'));
  await store.run(
    `comparing run ${t.runId} with ${previous.runId}`,
    `CREATE OR REPLACE TABLE ${name} AS
     WITH prev AS (SELECT account_id, group_id AS prev_group FROM read_parquet(${prevRecords})),
     joined AS (SELECT m.gid, p.prev_group FROM ${t.members} m LEFT JOIN prev p USING (account_id)),
     overlap AS (SELECT gid, prev_group, count(*) AS n FROM joined WHERE prev_group IS NOT NULL GROUP BY ALL),
     best AS (SELECT gid, prev_group, n FROM overlap
              QUALIFY row_number() OVER (PARTITION BY gid ORDER BY n DESC, prev_group) = 1),
     prev_size AS (SELECT prev_group, count(*) AS size FROM prev GROUP BY prev_group),
     cur AS (SELECT gid, count(*) AS size, count(*) FILTER (WHERE prev_group IS NULL) AS new_records
             FROM joined GROUP BY gid)
     SELECT c.gid, c.new_records::INTEGER AS new_records, (c.size - coalesce(b.n, 0))::INTEGER AS gained,
            coalesce(s.size - b.n, 0)::INTEGER AS lost, b.prev_group
     FROM cur c LEFT JOIN best b USING (gid) LEFT JOIN prev_size s ON s.prev_group = b.prev_group
     WHERE c.size - coalesce(b.n, 0) > 0 OR coalesce(s.size - b.n, 0) > 0
     ORDER BY c.gid`,
  );
  t.changes = name;
  const [stats] = await store.rows<Record<string, number>>(
    `counting changes of run ${t.runId}`,
    `SELECT (SELECT count(*) FROM ${t.members} m ANTI JOIN read_parquet(${prevRecords}) p USING (account_id))::INTEGER AS new_records,
            (SELECT count(*) FROM read_parquet(${prevRecords}) p ANTI JOIN ${t.members} m USING (account_id))::INTEGER AS removed,
            (SELECT count(*) FILTER (WHERE new_records > 0) FROM ${name})::INTEGER AS with_new,
            (SELECT count(*) FILTER (WHERE gained > 0) FROM ${name})::INTEGER AS gained,
            (SELECT count(*) FILTER (WHERE lost > 0) FROM ${name})::INTEGER AS lost,
            (SELECT count(*) FROM ${name})::INTEGER AS changed`,
  );
  return {
    previousRunId: previous.runId,
    newRecords: stats?.new_records ?? 0,
    removedRecords: stats?.removed ?? 0,
    groupsWithNewRecords: stats?.with_new ?? 0,
    groupsGained: stats?.gained ?? 0,
    groupsLost: stats?.lost ?? 0,
    groupsChanged: stats?.changed ?? 0,
  };
}
