import { type ExportScope, RISK_TIERS } from '../shared/api.js';
import type { RunTables } from './review-store.js';

/**
 * SQL of each export scope (SPEC §13, REVIEW §2.6) over `sel`, a table of the listed groups
 * (gid, group_id, list_pos) built from the review SQL's own filter — never a filter of its own. Rows follow the
 * list's order. Nothing here comes from request text: table and file names are the run's.
 */
export interface ScopeSources {
  /** The selection table: (gid, group_id, list_pos). */
  sel: string;
  /** `read_parquet('…/records.parquet')` of the run. */
  records: string;
  tables: RunTables;
  /** The merge plan's canonical names: a table (group_id, canonical_name), or null (issue 13). */
  names?: string | null;
}

/** Salesforce merges a master with at most two duplicates per call (SPEC §13). */
const MAX_DUPLICATES_PER_MERGE = 2;

/** The delete-list warning on every row (SPEC §13): deleting an Account cascades in Salesforce. */
export const CASCADE_WARNING =
  'Deleting an Account in Salesforce also deletes its Contacts, Opportunities, Cases and other child records: reassign or export them first.';

/**
 * The run's applied override of `r`, as `ao` (who, why, in words): the records export and the delete list name
 * the reviewer and the reason they typed, not only "set by a reviewer" (issue 13 defect 2).
 */
const overrideJoin = (t: RunTables): string =>
  `LEFT JOIN ${t.applied} ao ON ao.kind = 'disposition_override' AND ao.account_id = r.account_id
     AND r.disposition_reason = 'manual_override'`;
const REASON_TEXT = 'coalesce(ao.words, r.disposition_reason_text) AS disposition_reason_text';

/** Who decided a disposition: the reviewer who overrode it (SPEC §9.1 rule 1, by name) or the rules. */
const DECIDED_BY =
  "CASE WHEN r.disposition_reason = 'manual_override' THEN coalesce(ao.reviewer, 'reviewer') ELSE 'rules' END";

/** The reviewer-friendly record columns (REVIEW §2.6); `--all-columns` exports every column instead. */
const RECORD_COLUMNS = [
  'r.group_id',
  'r.account_id',
  'r.account_name',
  'r.is_primary',
  'r.primary_account_id',
  'r.disposition',
  'r.disposition_reason',
  REASON_TEXT,
  'r.join_reason',
  'r.edge_to_primary',
  'r.survivorship_reason',
  'r.parent_account_id',
  'r.created_date',
  'r.relationship',
  'r.owner',
  'r.address',
  'r.country',
  'r.website',
  'r.phone',
  "array_to_string(r.blacklist_terms, '; ') AS blacklist_terms",
];

/**
 * An account id as a join key: Salesforce's 18-character id is the 15-character case-sensitive id plus a
 * checksum, and a Parent Account ID column may hold either form (SPEC §2.2); other ids are taken as they are.
 */
const idKey = (column: string): string =>
  `CASE WHEN length(${column}) = 18 THEN left(${column}, 15) ELSE ${column} END`;

export function scopeSql(scope: ExportScope, src: ScopeSources, allColumns: boolean): string {
  switch (scope) {
    case 'records':
      return recordsSql(src, allColumns);
    case 'groups':
      return groupsSql(src);
    case 'merge-plan':
      return mergePlanSql(src);
    case 'delete-list':
      return deleteListSql(src);
    case 'reparent':
      return reparentSql(src);
  }
}

/** Every member of exactly the listed groups — primaries and singletons included — primary first. */
function recordsSql({ sel, records, tables }: ScopeSources, allColumns: boolean): string {
  const columns = allColumns ? `r.* REPLACE (${REASON_TEXT})` : RECORD_COLUMNS.join(', ');
  return `SELECT ${columns} FROM ${records} r JOIN ${sel} s ON s.group_id = r.group_id ${overrideJoin(tables)}
          ORDER BY s.list_pos, r.is_primary DESC, r.row_index`;
}

/** One row per listed group, as the groups grid shows it plus review state. */
function groupsSql({ sel, tables: t }: ScopeSources): string {
  const tier = `CASE g.risk_tier ${RISK_TIERS.map((name, i) => `WHEN ${i} THEN '${name}'`).join(' ')} END`;
  return `SELECT g.group_id, g.size, g.primary_account_id, g.primary_name, g.primary_disposition, g.keep_count,
                 g.update_count, g.delete_count, g.verify_count, g.min_edge, g.max_edge, g.suffix_conflict,
                 g.has_alias_matches, g.blacklist_hits, g.weak_bridge, g.all_exact, ${tier} AS risk_tier,
                 g.verify_reason, g.survivorship_reason, coalesce(st.reviewed, false) AS reviewed,
                 coalesce(st.decisions_pending, 0)::INTEGER AS decisions_pending
          FROM ${t.groups} g JOIN ${sel} s ON s.gid = g.gid LEFT JOIN ${t.state} st ON st.group_id = g.group_id
          ORDER BY s.list_pos`;
}

/**
 * One row per (master, duplicate) of the listed groups (SPEC §13). A duplicate is a non-primary member whose
 * disposition is Update (merge it) or Verify (held: a human must decide first). A whole group is held when its
 * master is not Keep (a Verify primary, or a reviewer override), since merging into it would be premature.
 * Mergeable rows come first, numbered into Salesforce merge calls of at most two duplicates with one master
 * (`merge_batch`, counted over the whole file, strongest edge first within a group); held rows follow as a
 * trailing section with `held = true`, an empty merge_batch and the reason. Keep and Delete members are not
 * merged (a Keep member was split off by a reviewer; Delete members are in the delete list).
 * A member joined by a reviewer's merge (must-link) is credited to that reviewer, with the score its pair with
 * the master really had (none when never scored) instead of the link's nominal 100 (issue 13 defect 3).
 */
function mergePlanSql({ sel, records, tables: t, names }: ScopeSources): string {
  // The steward's canonical name of the group (issue 13): the name the master should carry after the merge.
  const canonical =
    names == null ? 'NULL::VARCHAR' : `(SELECT cn.canonical_name FROM ${names} cn WHERE cn.group_id = r.group_id)`;
  // Only must-link rows look up their pair, so the join with the group's pairs never runs for the whole plan.
  return `WITH linked AS (
      SELECT r.row_index, max(pair.score) AS score
      FROM ${records} r JOIN ${sel} s ON s.group_id = r.group_id
      JOIN (SELECT group_id, name_core, suffix_class FROM ${records} WHERE is_primary) p ON p.group_id = r.group_id
      JOIN ${t.edges} pair ON pair.gid = s.gid
       AND ((pair.core_a = r.name_core AND pair.suffix_a = r.suffix_class AND pair.core_b = p.name_core AND pair.suffix_b = p.suffix_class)
         OR (pair.core_b = r.name_core AND pair.suffix_b = r.suffix_class AND pair.core_a = p.name_core AND pair.suffix_a = p.suffix_class))
      WHERE r.join_reason = 'must_link' AND NOT r.is_primary
      GROUP BY r.row_index),
    m AS (
      SELECT s.list_pos, r.row_index, r.group_id, p.account_id AS master_id, p.account_name AS master_name,
             ${canonical} AS canonical_name,
             r.account_id AS duplicate_id, r.account_name AS duplicate_name,
             CASE WHEN r.join_reason = 'must_link' THEN lk.score ELSE r.edge_to_primary END AS score,
             r.join_reason AS reason,
             CASE WHEN r.join_reason = 'must_link' THEN coalesce(ml.reviewer, 'reviewer') ELSE ${DECIDED_BY} END AS decided_by,
             coalesce(st.reviewed, false) AS reviewed,
             CASE WHEN p.disposition <> 'Keep' THEN 'master is ' || p.disposition || ' (' || p.disposition_reason || ')'
                  WHEN r.disposition = 'Verify' THEN 'Verify (' || r.disposition_reason || ')' END AS held_reason
      FROM ${records} r JOIN ${sel} s ON s.group_id = r.group_id
      JOIN (SELECT group_id, account_id, account_name, disposition, disposition_reason FROM ${records} WHERE is_primary) p
        ON p.group_id = r.group_id
      LEFT JOIN ${t.state} st ON st.group_id = r.group_id
      ${overrideJoin(t)}
      LEFT JOIN (SELECT account_id, other_id, any_value(reviewer) AS reviewer FROM ${t.applied}
                 WHERE kind = 'must_link' GROUP BY ALL) ml
        ON r.join_reason = 'must_link' AND ml.account_id = r.account_id AND ml.other_id = r.parent_in_group
      LEFT JOIN linked lk ON lk.row_index = r.row_index
      WHERE NOT r.is_primary AND r.disposition IN ('Update', 'Verify')),
    ready AS (
      SELECT *, row_number() OVER (PARTITION BY group_id ORDER BY score DESC NULLS LAST, duplicate_id) AS k
      FROM m WHERE held_reason IS NULL),
    batched AS (
      SELECT *, (dense_rank() OVER (ORDER BY list_pos, (k - 1) // ${MAX_DUPLICATES_PER_MERGE}))::INTEGER AS merge_batch
      FROM ready),
    merge_rows AS (
      SELECT merge_batch, group_id, master_id, master_name, canonical_name, duplicate_id, duplicate_name, score, reason,
             decided_by, reviewed, false AS held, NULL::VARCHAR AS held_reason, list_pos
      FROM batched
      UNION ALL
      SELECT NULL::INTEGER, group_id, master_id, master_name, canonical_name, duplicate_id, duplicate_name, score, reason,
             decided_by, reviewed, true, held_reason, list_pos
      FROM m WHERE held_reason IS NOT NULL)
    SELECT * EXCLUDE (list_pos) FROM merge_rows
    ORDER BY held, merge_batch, list_pos, score DESC NULLS LAST, duplicate_id`;
}

/**
 * Delete records of the listed groups with the cascade warning on every row, and how many accounts of the run
 * name each as their parent (those need the reparent list before the delete).
 */
function deleteListSql({ sel, records, tables }: ScopeSources): string {
  return `SELECT r.account_id, r.account_name, r.group_id, r.is_primary, r.disposition_reason,
                 ${REASON_TEXT}, array_to_string(r.blacklist_terms, '; ') AS blacklist_terms,
                 ${DECIDED_BY} AS decided_by, coalesce(c.n, 0)::INTEGER AS child_accounts,
                 '${CASCADE_WARNING.replaceAll("'", "''")}' AS cascade_warning
          FROM ${records} r JOIN ${sel} s ON s.group_id = r.group_id ${overrideJoin(tables)}
          LEFT JOIN (SELECT ${idKey('parent_account_id')} AS parent_key, count(*) AS n FROM ${records}
                     WHERE parent_account_id IS NOT NULL GROUP BY parent_key) c ON c.parent_key = ${idKey('r.account_id')}
          WHERE r.disposition = 'Delete'
          ORDER BY s.list_pos, r.row_index`;
}

/**
 * Accounts anywhere in the run whose parent is merged away (a non-primary Update member of a listed group) or
 * deleted (a Delete member of a listed group), with the new parent: the merged account's master, or empty for a
 * deleted parent — and empty, too, when the account itself is that master (an account cannot be its own parent).
 */
function reparentSql({ sel, records }: ScopeSources): string {
  return `WITH gone AS (
      SELECT s.list_pos, p.account_id, p.account_name, p.disposition, p.primary_account_id
      FROM ${records} p JOIN ${sel} s ON s.group_id = p.group_id
      WHERE p.disposition = 'Delete' OR (p.disposition = 'Update' AND NOT p.is_primary)),
    masters AS (SELECT account_id, account_name FROM ${records} WHERE is_primary)
    SELECT c.account_id, c.account_name, c.group_id, c.disposition, c.parent_account_id AS old_parent_id,
           g.account_name AS old_parent_name, g.disposition AS old_parent_disposition,
           CASE WHEN g.disposition = 'Update' AND g.primary_account_id <> c.account_id THEN g.primary_account_id END
             AS new_parent_id,
           CASE WHEN g.disposition = 'Update' AND g.primary_account_id <> c.account_id THEN ms.account_name END
             AS new_parent_name,
           CASE WHEN g.disposition = 'Delete' THEN 'parent is deleted: clear the parent'
                WHEN g.primary_account_id = c.account_id THEN 'parent merges into this account: clear the parent'
                ELSE 'parent merges into its master' END AS note
    FROM ${records} c
    JOIN gone g ON ${idKey('c.parent_account_id')} = ${idKey('g.account_id')}
    LEFT JOIN masters ms ON ms.account_id = g.primary_account_id
    WHERE c.parent_account_id IS NOT NULL
    ORDER BY g.list_pos, c.row_index`;
}
