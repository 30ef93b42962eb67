/**
 * The one schema module the review server and the web app both compile against (REVIEW §1): runs, group
 * summaries, members, filters, sort keys and (later) decisions. A renamed sort key fails to compile on both
 * sides instead of silently sorting by something else. Imports zod only.
 */
import { z } from 'zod';

export const DISPOSITIONS = ['Keep', 'Update', 'Delete', 'Verify'] as const;
export const dispositionSchema = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof dispositionSchema>;

export const GROUP_FLAGS = ['suffix_conflict', 'has_alias_matches', 'blacklist_hits', 'weak_bridge'] as const;
export const groupFlagSchema = z.enum(GROUP_FLAGS);
export type GroupFlag = z.infer<typeof groupFlagSchema>;

export const JOIN_REASONS = ['primary', 'exact_name', 'edge>=high', 'edge>=medium+shared_token', 'must_link'] as const;
export const joinReasonSchema = z.enum(JOIN_REASONS);

/**
 * Sort keys of the groups grid (REVIEW §2.2). `risk` is the work-queue order; every sort breaks ties by
 * group_id ascending so pages never overlap or skip.
 */
export const GROUP_SORT_KEYS = [
  'risk',
  'group_id',
  'size',
  'primary_name',
  'min_edge',
  'max_edge',
  'keep_count',
  'update_count',
  'delete_count',
  'verify_count',
] as const;
export const groupSortKeySchema = z.enum(GROUP_SORT_KEYS);
export type GroupSortKey = z.infer<typeof groupSortKeySchema>;

export const VIEWS = ['queue', 'all', 'changed'] as const;

/** A comma-separated list of enum values in one query parameter (`flags=weak_bridge,suffix_conflict`). */
const csvList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(',').filter((x) => x.length > 0))
    .pipe(z.array(z.enum(values)));
const optionalNumber = z.coerce.number().finite().optional();

/**
 * Filters, sort and paging of the groups list, exactly as they appear in the URL query string (deep links,
 * REVIEW §2.2); the server parses the same string. Unknown parameters are errors.
 */
export const groupQuerySchema = z.strictObject({
  view: z.enum(VIEWS).default('queue'),
  sort: groupSortKeySchema.default('risk'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Search: member name (prefix, or fuzzy when no prefix hits), account id or group id. */
  q: z.string().max(200).optional(),
  /** Disposition filter: groups whose primary is (mode `primary`) or which contain (mode `contains`) one of these. */
  disposition: csvList(DISPOSITIONS).optional(),
  dispositionMode: z.enum(['primary', 'contains']).default('contains'),
  sizeMin: optionalNumber,
  sizeMax: optionalNumber,
  edgeMin: optionalNumber,
  edgeMax: optionalNumber,
  flags: csvList(GROUP_FLAGS).optional(),
  joinReason: csvList(JOIN_REASONS).optional(),
  /** Multi-record groups only (the default work queue hides singletons). */
  multiOnly: z.enum(['true', 'false']).optional(),
});
export type GroupQuery = z.infer<typeof groupQuerySchema>;
export type GroupQueryInput = z.input<typeof groupQuerySchema>;

export const runSummarySchema = z.object({
  run_id: z.string(),
  status: z.string(),
  input: z.string().nullable(),
  dataset: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  seconds: z.number().nullable(),
  records: z.number().nullable(),
  groups: z.number().nullable(),
  latest: z.boolean(),
  pinned: z.boolean(),
  /** The stage running now, for a live run. */
  stage: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const groupRowSchema = z.object({
  group_id: z.string(),
  size: z.number(),
  primary_account_id: z.string().nullable(),
  primary_name: z.string().nullable(),
  min_edge: z.number().nullable(),
  max_edge: z.number().nullable(),
  keep_count: z.number(),
  update_count: z.number(),
  delete_count: z.number(),
  verify_count: z.number(),
  suffix_conflict: z.boolean(),
  has_alias_matches: z.boolean(),
  blacklist_hits: z.boolean(),
  weak_bridge: z.boolean(),
  all_exact: z.boolean(),
  /** Names of members that matched the search, for highlighting (empty without a search). */
  matched_names: z.array(z.string()),
});
export type GroupRow = z.infer<typeof groupRowSchema>;

export const groupPageSchema = z.object({
  rows: z.array(groupRowSchema),
  /** Groups matching the filters (the true total, never clamped). */
  total: z.number(),
  /** Groups in the run. */
  totalGroups: z.number(),
});
export type GroupPage = z.infer<typeof groupPageSchema>;

export const memberSchema = z.object({
  row_index: z.number(),
  account_id: z.string(),
  account_name: z.string(),
  is_primary: z.boolean(),
  created_date: z.string().nullable(),
  relationship: z.string().nullable(),
  suffix_class: z.string(),
  name_core: z.string(),
  edge_to_primary: z.number().nullable(),
  join_edge_score: z.number().nullable(),
  join_reason: z.string(),
  parent_in_group: z.string().nullable(),
  shared_tokens_count: z.number().nullable(),
  disposition: dispositionSchema,
  disposition_reason: z.string(),
  disposition_reason_text: z.string(),
  blacklist_terms: z.array(z.string()),
});
export type Member = z.infer<typeof memberSchema>;

export const edgeSchema = z.object({
  account_id_a: z.string(),
  account_id_b: z.string(),
  core_a: z.string(),
  core_b: z.string(),
  score: z.number(),
  token_sort: z.number(),
  token_set: z.number(),
  jaccard: z.number(),
  penalty_num_style: z.boolean(),
  penalty_suffix_conflict: z.boolean(),
  blocking_key: z.string(),
});
export type Edge = z.infer<typeof edgeSchema>;

export const mergePreviewFieldSchema = z.object({
  field: z.string(),
  primary_value: z.string().nullable(),
  others: z.array(z.object({ value: z.string(), count: z.number() })),
  conflict: z.boolean(),
});

export const aliasMatchSchema = z.object({
  account_id: z.string(),
  alias: z.string(),
  alias_source: z.string(),
  matched_account_id: z.string(),
  matched_group_id: z.string(),
  score: z.number(),
});

export const groupDetailsSchema = z.object({
  group: groupRowSchema.omit({ matched_names: true }).extend({ survivorship_reason: z.string().nullable() }),
  members: z.array(memberSchema),
  membersTotal: z.number(),
  membersOffset: z.number(),
  edges: z.array(edgeSchema),
  thresholds: z.object({ high: z.number(), medium: z.number() }),
  mergePreview: z.array(mergePreviewFieldSchema),
  aliasMatches: z.array(aliasMatchSchema),
});
export type GroupDetails = z.infer<typeof groupDetailsSchema>;

/** Error body of every 4xx/5xx response. */
export const apiErrorSchema = z.object({ error: z.string() });
