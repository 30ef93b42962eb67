import type { DispositionReason, JoinReason } from '../core/vocabulary.js';
import {
  type AliasMatch,
  DISPOSITIONS,
  type Disposition,
  type Edge,
  type FacetCounts,
  GROUP_FLAGS,
  type GroupFlag,
  type GroupPage,
  type GroupQuery,
  type GroupRow,
  type GroupSortKey,
  type JoinReasonName,
  RISK_TIERS,
  type RunTotals,
} from '../shared/api.js';
import type { SearchPlan } from './review-search.js';
import { planSearch } from './review-search.js';
import type { BoundValue, ReviewStore, RunTables } from './review-store.js';

/**
 * SQL of the review API (REVIEW §1, §2.2–2.3). Filters, sort and paging run in DuckDB; every value from a
 * request is bound. The only request-derived text in a statement is a fixed fragment chosen from the tables
 * below by an enum value that zod has already checked.
 */

/** Sort key → column; `group_id` always breaks ties so pages never overlap or skip. */
const SORT_SQL: { readonly [K in GroupSortKey]: string } = {
  risk: 'g.risk_rank',
  group_id: 'g.gid',
  size: 'g.size',
  primary_name: 'g.primary_name_key',
  min_edge: 'g.min_edge',
  max_edge: 'g.max_edge',
  keep_count: 'g.keep_count',
  update_count: 'g.update_count',
  delete_count: 'g.delete_count',
  verify_count: 'g.verify_count',
};

const CONTAINS_SQL: { readonly [D in Disposition]: string } = {
  Keep: 'g.keep_count > 0',
  Update: 'g.update_count > 0',
  Delete: 'g.delete_count > 0',
  Verify: 'g.verify_count > 0',
};

const PRIMARY_SQL: { readonly [D in Disposition]: string } = {
  Keep: "g.primary_disposition = 'Keep'",
  Update: "g.primary_disposition = 'Update'",
  Delete: "g.primary_disposition = 'Delete'",
  Verify: "g.primary_disposition = 'Verify'",
};

const FLAG_SQL: { readonly [F in GroupFlag]: string } = {
  suffix_conflict: 'g.suffix_conflict',
  has_alias_matches: 'g.has_alias_matches',
  blacklist_hits: 'g.blacklist_hits',
  weak_bridge: 'g.weak_bridge',
};

/** A group "has" a join reason when one of its members joined that way (every group has a primary). */
const JOIN_REASON_SQL: { readonly [J in JoinReasonName]: string } = {
  primary: 'TRUE',
  exact_name: 'g.jr_exact_name',
  'edge>=high': 'g.jr_high',
  'edge>=medium+shared_token': 'g.jr_medium',
  must_link: 'g.jr_must_link',
};

const CHANGE_SQL = { new_records: 'c.new_records > 0', gained: 'c.gained > 0', lost: 'c.lost > 0' } as const;

const anyOf = (fragments: readonly string[]): string => `(${fragments.join(' OR ')})`;

const ROW_COLUMNS = `g.gid, g.group_id, g.size, g.primary_account_id, g.primary_name, g.min_edge, g.max_edge, g.keep_count,
  g.update_count, g.delete_count, g.verify_count, g.suffix_conflict, g.has_alias_matches, g.blacklist_hits,
  g.weak_bridge, g.all_exact, g.has_medium_edge, g.primary_disposition, g.risk_tier, g.verify_reason, g.risk_rank,
  g.in_queue, coalesce(s.reviewed, false) AS reviewed, coalesce(s.decisions_pending, 0)::INTEGER AS decisions_pending,
  coalesce(s.reviewed_stale, false) AS reviewed_stale, coalesce(s.accepted, false) AS accepted, s.review_note`;

function fromClause(t: RunTables): string {
  const changes = t.changes === null ? '' : ` LEFT JOIN ${t.changes} c ON c.gid = g.gid`;
  return `${t.groups} g LEFT JOIN ${t.state} s ON s.group_id = g.group_id${changes}`;
}

function changeColumns(t: RunTables): string {
  return t.changes === null
    ? 'NULL::INTEGER AS c_new, NULL::INTEGER AS c_gained, NULL::INTEGER AS c_lost'
    : 'c.new_records AS c_new, c.gained AS c_gained, c.lost AS c_lost';
}

interface Where {
  clauses: string[];
  params: BoundValue[];
}

/**
 * WHERE clauses of a group query: AND across parameters, OR within a list parameter
 * (`flags=weak_bridge,suffix_conflict` = either flag). `skip` leaves out the kinds a facet count replaces.
 */
function whereOf(query: GroupQuery, t: RunTables, search: SearchPlan | null, skip: { facets?: boolean } = {}): Where {
  const clauses: string[] = [];
  const params: BoundValue[] = [];
  if (query.view === 'queue') clauses.push('g.in_queue');
  if (query.view === 'changed') clauses.push(t.changes === null ? 'FALSE' : 'c.gid IS NOT NULL');
  if (query.change !== undefined && query.change.length > 0) {
    clauses.push(t.changes === null ? 'FALSE' : anyOf(query.change.map((k) => CHANGE_SQL[k])));
  }
  if (!skip.facets && query.disposition !== undefined && query.disposition.length > 0) {
    const table = query.dispositionMode === 'primary' ? PRIMARY_SQL : CONTAINS_SQL;
    clauses.push(anyOf(query.disposition.map((d) => table[d])));
  }
  if (!skip.facets && query.flags !== undefined && query.flags.length > 0) {
    clauses.push(anyOf(query.flags.map((f) => FLAG_SQL[f])));
  }
  if (query.joinReason !== undefined && query.joinReason.length > 0) {
    clauses.push(anyOf(query.joinReason.map((j) => JOIN_REASON_SQL[j])));
  }
  const bound = (sql: string, value: number | undefined): void => {
    if (value === undefined) return;
    clauses.push(sql);
    params.push(value);
  };
  bound('g.size >= ?', query.sizeMin);
  bound('g.size <= ?', query.sizeMax);
  // The edge range is the group's weakest edge to its primary (min_edge); singletons have none and drop out.
  bound('g.min_edge >= ?', query.edgeMin);
  bound('g.min_edge <= ?', query.edgeMax);
  if (query.multiOnly === 'true') clauses.push('g.size > 1');
  if (query.reviewed !== undefined) {
    clauses.push(query.reviewed === 'true' ? 'coalesce(s.reviewed, false)' : 'NOT coalesce(s.reviewed, false)');
  }
  if (query.hasDecision !== undefined) {
    clauses.push(
      query.hasDecision === 'true' ? 'coalesce(s.decisions_pending, 0) > 0' : 'coalesce(s.decisions_pending, 0) = 0',
    );
  }
  if (search !== null) clauses.push('g.gid IN (SELECT gid FROM hits)');
  return { clauses, params };
}

const whereSql = (where: Where): string => (where.clauses.length === 0 ? '' : `WHERE ${where.clauses.join(' AND ')}`);

function withHits(search: SearchPlan | null): { sql: string; params: BoundValue[] } {
  if (search?.hits == null) return { sql: '', params: [] };
  return { sql: `WITH hits AS (${search.hits.sql}) `, params: search.hits.params };
}

type RawGroupRow = Omit<GroupRow, 'risk_tier' | 'matched_names' | 'change'> & {
  gid: number;
  risk_tier: number;
  c_new: number | null;
  c_gained: number | null;
  c_lost: number | null;
};

function toGroupRow(raw: RawGroupRow, matchedNames: string[]): GroupRow {
  const { gid: _gid, c_new, c_gained, c_lost, risk_tier, ...rest } = raw;
  return {
    ...rest,
    risk_tier: RISK_TIERS[risk_tier] ?? 'singleton',
    matched_names: matchedNames,
    change: c_gained === null ? null : { new_records: c_new ?? 0, gained: c_gained, lost: c_lost ?? 0 },
  };
}

const orderOf = (query: GroupQuery): string =>
  `${SORT_SQL[query.sort]} ${query.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, g.gid ASC`;

/**
 * Every group a query lists, over all pages, as one SELECT of (gid, group_id, list_pos) with its bound values:
 * the export's group set (REVIEW §2.6 "exported group ids = listed group ids"), built from the same search
 * plan, WHERE clauses and ORDER BY as `groupPage`, so the two can never disagree. `list_pos` is the 1-based
 * position in the list's order; offset and limit are ignored. Null when the search matched nothing.
 */
export async function groupSelection(
  store: ReviewStore,
  t: RunTables,
  query: GroupQuery,
): Promise<{ sql: string; params: BoundValue[] } | null> {
  const q = query.q?.trim() ?? '';
  const search = q.length > 0 ? await planSearch(store, t, q) : null;
  if (search !== null && search.hits === null) return null;
  const hits = withHits(search);
  const where = whereOf(query, t, search);
  return {
    sql: `${hits.sql}SELECT g.gid, g.group_id, (row_number() OVER (ORDER BY ${orderOf(query)}))::INTEGER AS list_pos
          FROM ${fromClause(t)} ${whereSql(where)}`,
    params: [...hits.params, ...where.params],
  };
}

/** Names of matched records shown per group for highlighting; the grid needs a few, not all. */
const MATCHED_NAMES_PER_GROUP = 5;

/** One page of the groups list with the true total (REVIEW §2.2). */
export async function groupPage(store: ReviewStore, t: RunTables, query: GroupQuery): Promise<GroupPage> {
  const q = query.q?.trim() ?? '';
  const search = q.length > 0 ? await planSearch(store, t, q) : null;
  const empty = { rows: [], total: 0, totalGroups: t.totalGroups, offset: query.offset, limit: query.limit };
  if (search !== null && search.hits === null) return { ...empty, search: search.info };
  const hits = withHits(search);
  const where = whereOf(query, t, search);
  const params = [...hits.params, ...where.params];
  const from = fromClause(t);
  const order = orderOf(query);
  const [count] = await store.rows<{ n: number }>(
    'counting groups',
    `${hits.sql}SELECT count(*)::INTEGER AS n FROM ${from} ${whereSql(where)}`,
    params,
  );
  const total = count?.n ?? 0;
  const raw =
    query.offset >= total
      ? []
      : await store.rows<RawGroupRow>(
          'listing groups',
          `${hits.sql}SELECT ${ROW_COLUMNS}, ${changeColumns(t)} FROM ${from} ${whereSql(where)}
           ORDER BY ${order} LIMIT ? OFFSET ?`,
          [...params, query.limit, query.offset],
        );
  const names = new Map<number, string[]>();
  if (search !== null && search.info.mode !== 'group_id' && raw.length > 0) {
    const gids = raw.map((r) => r.gid);
    const placeholders = gids.map(() => '?').join(', ');
    const matched = await store.rows<{ gid: number; account_name: string }>(
      'names matching the search',
      `${hits.sql}SELECT DISTINCT m.gid, m.account_name
       FROM (SELECT * FROM hits WHERE gid IN (${placeholders})) h
       JOIN (SELECT gid, row_index, account_name FROM ${t.members} WHERE gid IN (${placeholders})) m
         ON m.gid = h.gid AND m.row_index = h.row_index
       ORDER BY m.gid, m.account_name`,
      [...hits.params, ...gids, ...gids],
    );
    for (const { gid, account_name } of matched) {
      const list = names.get(gid) ?? [];
      if (list.length === 0) names.set(gid, list);
      if (list.length < MATCHED_NAMES_PER_GROUP) list.push(account_name);
    }
  }
  return {
    ...empty,
    total,
    rows: raw.map((r) => toGroupRow(r, names.get(r.gid) ?? [])),
    search: search?.info ?? null,
  };
}

/**
 * The summary strip's counts in one statement: the query without its disposition and flag filters (`base`),
 * and the total each one-click disposition (in the query's mode) or flag filter would show.
 */
export async function facetCounts(store: ReviewStore, t: RunTables, query: GroupQuery): Promise<FacetCounts> {
  const q = query.q?.trim() ?? '';
  const search = q.length > 0 ? await planSearch(store, t, q) : null;
  const zero = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
  if (search !== null && search.hits === null) {
    return { base: 0, disposition: zero(DISPOSITIONS), flags: zero(GROUP_FLAGS) } as FacetCounts;
  }
  const hits = withHits(search);
  const where = whereOf(query, t, search, { facets: true });
  const table = query.dispositionMode === 'primary' ? PRIMARY_SQL : CONTAINS_SQL;
  const columns = [
    'count(*)::INTEGER AS base',
    ...DISPOSITIONS.map((d, i) => `count(*) FILTER (WHERE ${table[d]})::INTEGER AS d${i}`),
    ...GROUP_FLAGS.map((f, i) => `count(*) FILTER (WHERE ${FLAG_SQL[f]})::INTEGER AS f${i}`),
  ];
  const [row] = await store.rows<Record<string, number>>(
    'counting facets',
    `${hits.sql}SELECT ${columns.join(', ')} FROM ${fromClause(t)} ${whereSql(where)}`,
    [...hits.params, ...where.params],
  );
  return {
    base: row?.base ?? 0,
    disposition: Object.fromEntries(DISPOSITIONS.map((d, i) => [d, row?.[`d${i}`] ?? 0])) as FacetCounts['disposition'],
    flags: Object.fromEntries(GROUP_FLAGS.map((f, i) => [f, row?.[`f${i}`] ?? 0])) as FacetCounts['flags'],
  };
}

/** Run-wide totals and review progress (REVIEW §2.2 summary strip and work-queue progress). */
export async function runTotals(store: ReviewStore, t: RunTables): Promise<RunTotals> {
  const columns = [
    'count(*)::INTEGER AS groups',
    'count(*) FILTER (WHERE g.size > 1)::INTEGER AS multi',
    'coalesce(sum(g.size), 0)::INTEGER AS records',
    ...DISPOSITIONS.flatMap((d, i) => [
      `coalesce(sum(g.${d.toLowerCase()}_count), 0)::INTEGER AS r${i}`,
      `count(*) FILTER (WHERE ${CONTAINS_SQL[d]})::INTEGER AS g${i}`,
      `count(*) FILTER (WHERE ${PRIMARY_SQL[d]})::INTEGER AS p${i}`,
    ]),
    ...GROUP_FLAGS.map((f, i) => `count(*) FILTER (WHERE ${FLAG_SQL[f]})::INTEGER AS f${i}`),
    ...RISK_TIERS.map((_tier, i) => `count(*) FILTER (WHERE g.risk_tier = ${i})::INTEGER AS t${i}`),
    'count(*) FILTER (WHERE g.in_queue)::INTEGER AS queue',
    'count(*) FILTER (WHERE g.in_queue AND coalesce(s.reviewed, false))::INTEGER AS reviewed',
    'arg_min(g.group_id, g.risk_rank) FILTER (WHERE g.in_queue AND NOT coalesce(s.reviewed, false)) AS next_unreviewed',
  ];
  const [row] = await store.rows<Record<string, number | string | null>>(
    'run totals',
    `SELECT ${columns.join(', ')} FROM ${t.groups} g LEFT JOIN ${t.state} s ON s.group_id = g.group_id`,
  );
  const n = (key: string): number => Number(row?.[key] ?? 0);
  return {
    totalGroups: n('groups'),
    multiGroups: n('multi'),
    totalRecords: n('records'),
    dispositions: DISPOSITIONS.map((disposition, i) => ({
      disposition,
      records: n(`r${i}`),
      groups: n(`g${i}`),
      primaryGroups: n(`p${i}`),
    })),
    flags: GROUP_FLAGS.map((flag, i) => ({ flag, groups: n(`f${i}`) })),
    riskTiers: RISK_TIERS.map((tier, i) => ({ tier, groups: n(`t${i}`) })),
    progress: {
      queueTotal: n('queue'),
      reviewed: n('reviewed'),
      nextUnreviewed: (row?.next_unreviewed as string | null | undefined) ?? null,
    },
  };
}

/** A member row as stored; the server adds the words (join text, relationship rank). */
export interface MemberRow {
  row_index: number;
  account_id: string;
  account_id_src: string | null;
  account_name: string;
  is_primary: boolean;
  created_date: string | null;
  relationship: string | null;
  suffix_class: string;
  name_core: string;
  name_unit: string | null;
  edge_to_primary: number | null;
  join_edge_score: number | null;
  join_reason: JoinReason;
  parent_in_group: string | null;
  parent_name: string | null;
  shared_tokens_count: number | null;
  shared_tokens: string[];
  disposition: Disposition;
  disposition_reason: DispositionReason;
  /** The reason in words; for a reviewer's override, who set it and the reason they typed (issue 13). */
  disposition_reason_text: string;
  blacklist_terms: string[];
  /** The override this run applied (SPEC §9.1 rule 1), and who made it, why and when; null from the rules. */
  override: Disposition | null;
  override_by: string | null;
  override_reason: string | null;
  override_at: string | null;
}

export interface GroupDetailRows {
  group: Omit<GroupRow, 'matched_names'> & { survivorship_reason: string | null };
  members: MemberRow[];
  edges: Edge[];
  edgesTotal: number;
  mergePreview: {
    field: string;
    primary_value: string | null;
    others: { value: string; count: number }[];
    conflict: boolean;
  }[];
  aliasMatches: AliasMatch[];
}

/** Edges returned per group; a group of n distinct names can hold n² pairs, and the rest are counted. */
const MAX_EDGES = 500;

/** One group, its members page, its edges, merge preview and alias matches (REVIEW §2.3); null if unknown. */
export async function groupDetails(
  store: ReviewStore,
  t: RunTables,
  groupId: string,
  membersOffset: number,
  membersLimit: number,
): Promise<GroupDetailRows | null> {
  const [raw] = await store.rows<RawGroupRow & { survivorship_reason: string | null }>(
    'reading the group',
    `SELECT ${ROW_COLUMNS}, ${changeColumns(t)}, g.survivorship_reason FROM ${fromClause(t)} WHERE g.group_id = ?`,
    [groupId],
  );
  if (raw === undefined) return null;
  const { matched_names: _none, ...row } = toGroupRow(raw, []);
  const group = { ...row, survivorship_reason: raw.survivorship_reason };
  const gid = raw.gid;
  // Members: the primary first, then the weakest edge to the primary first — those need eyes.
  const members = await store.rows<MemberRow>(
    'reading the group members',
    `WITH grp AS (SELECT * FROM ${t.members} WHERE gid = ?)
     SELECT m.row_index, m.account_id, m.account_id_src, m.account_name, m.is_primary,
            CAST(m.created_date AS VARCHAR) AS created_date, m.relationship, coalesce(m.suffix_class, '') AS suffix_class,
            coalesce(m.name_core, '') AS name_core, m.name_unit, m.edge_to_primary, m.join_edge_score, m.join_reason,
            m.parent_in_group, p.account_name AS parent_name, m.shared_tokens_count,
            CASE WHEN p.row_index IS NULL OR m.name_core = '' THEN []::VARCHAR[]
                 ELSE list_filter(string_split(m.name_core, ' '), x -> list_contains(string_split(p.name_core, ' '), x))
                 END AS shared_tokens,
            m.disposition, m.disposition_reason,
            CASE WHEN m.disposition_reason = 'manual_override' THEN coalesce(a.words, m.disposition_reason_text)
                 ELSE m.disposition_reason_text END AS disposition_reason_text,
            coalesce(m.blacklist_terms, []::VARCHAR[]) AS blacklist_terms,
            CASE WHEN m.disposition_reason = 'manual_override' THEN m.disposition END AS override,
            a.reviewer AS override_by, a.reason AS override_reason, a.ts AS override_at
     FROM grp m LEFT JOIN grp p ON p.account_id = m.parent_in_group
     LEFT JOIN (SELECT * FROM ${t.applied} WHERE kind = 'disposition_override') a
       ON a.account_id = m.account_id AND m.disposition_reason = 'manual_override'
     ORDER BY m.is_primary DESC, m.edge_to_primary ASC NULLS LAST, m.account_name, m.row_index
     LIMIT ? OFFSET ?`,
    [gid, membersLimit, membersOffset],
  );
  const edgeSql = `WITH grp AS (SELECT account_id, parent_in_group, name_core, suffix_class, join_reason
                                FROM ${t.members} WHERE gid = ?),
    tree AS (SELECT c.name_core AS ca, c.suffix_class AS sa, p.name_core AS cb, p.suffix_class AS sb
             FROM grp c JOIN grp p ON p.account_id = c.parent_in_group
             WHERE c.join_reason IN ('edge>=high', 'edge>=medium+shared_token')),
    e AS (SELECT e.*, EXISTS (SELECT 1 FROM tree
                             WHERE (ca = e.core_a AND sa = e.suffix_a AND cb = e.core_b AND sb = e.suffix_b)
                                OR (ca = e.core_b AND sa = e.suffix_b AND cb = e.core_a AND sb = e.suffix_a)) AS accepted
          FROM ${t.edges} e WHERE e.gid = ?)`;
  const edges = await store.rows<Edge & { total: number }>(
    'reading the group edges',
    `${edgeSql}
     SELECT account_id_a, account_id_b, core_a, core_b, suffix_a, suffix_b, score, base, token_sort, token_set, jaccard,
            penalty_num_style, penalty_suffix_conflict, blocking_key, accepted, (count(*) OVER ())::INTEGER AS total
     FROM e ORDER BY accepted DESC, score DESC, core_a, suffix_a, core_b, suffix_b LIMIT ${MAX_EDGES}`,
    [gid, gid],
  );
  const [preview] = await store.rows<{ merge_preview: GroupDetailRows['mergePreview'] | null }>(
    'reading the merge preview',
    `SELECT merge_preview FROM ${t.previews} WHERE gid = ?`,
    [gid],
  );
  const aliasMatches = await store.rows<AliasMatch>(
    'reading alias matches',
    `SELECT account_id, alias, alias_source, matched_account_id, matched_group_id, score, group_id
     FROM ${t.aliases} WHERE gid = ? OR matched_gid = ?
     ORDER BY gid <> ?, account_id, alias, matched_group_id`,
    [gid, gid, gid],
  );
  return {
    group,
    members,
    edges: edges.map(({ total: _total, ...edge }) => edge),
    edgesTotal: edges[0]?.total ?? 0,
    mergePreview: (preview?.merge_preview ?? []).map((f) => ({
      field: f.field,
      primary_value: f.primary_value,
      others: f.others.map((o) => ({ value: o.value, count: Number(o.count) })),
      conflict: f.conflict,
    })),
    aliasMatches,
  };
}
