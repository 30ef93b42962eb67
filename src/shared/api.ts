/**
 * The one schema module the review server and the web app both compile against (REVIEW §1): runs, group
 * summaries, members, filters, sort keys and (later) decisions. A renamed sort key fails to compile on both
 * sides instead of silently sorting by something else. Imports zod only.
 */
import { z } from 'zod';
import {
  ALIAS_MATCH_SOURCES,
  DECISION_KINDS,
  DISPOSITION_REASONS,
  DISPOSITIONS,
  JOIN_REASONS,
  MENTION_ALIAS_SOURCE,
} from '../core/vocabulary.js';

export type { DispositionReason, JoinReason } from '../core/vocabulary.js';
// The closed vocabularies are declared once, in core (issue 12 item 9); the API re-exports them.
export { DISPOSITIONS, JOIN_REASONS, MENTION_ALIAS_SOURCE };

export const dispositionSchema = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof dispositionSchema>;

/** True for the four dispositions: a journal `value` is one, except a `canonical_name`'s typed name (issue 13). */
export function isDisposition(value: string): value is Disposition {
  return (DISPOSITIONS as readonly string[]).includes(value);
}

export const GROUP_FLAGS = ['suffix_conflict', 'has_alias_matches', 'blacklist_hits', 'weak_bridge'] as const;
export const groupFlagSchema = z.enum(GROUP_FLAGS);
export type GroupFlag = z.infer<typeof groupFlagSchema>;

export const joinReasonSchema = z.enum(JOIN_REASONS);
export type JoinReasonName = z.infer<typeof joinReasonSchema>;

/** Export scopes of SPEC §13 (`junction export --scope`, `GET /api/runs/:runId/export?scope=`). */
export const EXPORT_SCOPES = ['records', 'groups', 'merge-plan', 'delete-list', 'reparent'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

/** Export formats of SPEC §13: `csv` is for spreadsheets (formula-like cells neutralised), `loader-csv` is exact. */
export const EXPORT_FORMATS = ['csv', 'loader-csv', 'xlsx', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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

/**
 * Views of the groups list (REVIEW §2.2): `queue` = groups that need a human (more than one record, or any
 * Verify or Delete record); `all` = every group; `changed` = groups that differ from the previous complete run of the same
 * dataset (gained or lost members, or hold new records).
 */
export const VIEWS = ['queue', 'all', 'changed'] as const;
export const viewSchema = z.enum(VIEWS);
export type View = z.infer<typeof viewSchema>;

/** How a group differs from the previous run of the same dataset, by account_id membership (REVIEW §2.2). */
export const CHANGE_KINDS = ['new_records', 'gained', 'lost'] as const;
export const changeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof changeKindSchema>;

/**
 * Work-queue tiers in risk order (REVIEW §2.2, issue 13 defect 7), most urgent first: a Delete record (deleting
 * cascades: the most destructive proposal); a Verify record; joined by a medium edge or flagged weak_bridge /
 * suffix_conflict; large; joined by high edges; plain exact-name; a singleton with an unusable name (nothing to
 * merge or delete: last); a Keep singleton (not in the queue). `sort=risk` orders by tier, then (Verify) reason
 * in SPEC §9.1 rule order, then size descending.
 */
export const RISK_TIERS = [
  'delete',
  'verify',
  'weak_join',
  'large',
  'fuzzy',
  'exact',
  'unusable',
  'singleton',
] as const;
export const riskTierSchema = z.enum(RISK_TIERS);
export type RiskTier = z.infer<typeof riskTierSchema>;

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
  /** With view `changed` (or any view): groups with any of these differences from the previous run. */
  change: csvList(CHANGE_KINDS).optional(),
  /** Reviewed state (issue 7 fills it; until then every group is unreviewed). */
  reviewed: z.enum(['true', 'false']).optional(),
  /** Groups with reviewer decisions (issue 7; until then none). */
  hasDecision: z.enum(['true', 'false']).optional(),
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
/** `GET /api/runs`: every run with a manifest, newest first. */
export const runListSchema = z.array(runSummarySchema);

export const thresholdsSchema = z.object({ high: z.number(), medium: z.number() });
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const stageTimingSchema = z.object({ name: z.string(), seconds: z.number(), cache_hit: z.boolean() });

/** `GET /api/runs/:runId`: the summary plus what the run details screen shows (REVIEW §2.1). */
export const runDetailsSchema = runSummarySchema.extend({
  /** Effective thresholds of that run (from its manifest), null when the manifest has none. */
  thresholds: thresholdsSchema.nullable(),
  counts: z.record(z.string(), z.number()),
  /** Finished stages in order, with timings and cache hits. */
  stages: z.array(stageTimingSchema),
  /** Every stage name in pipeline order, so a live run can show "stage 4 of 11". */
  stageNames: z.array(z.string()),
  warnings: z.array(z.string()),
  /** Rows in rejected.csv; 0 when none. Download: `GET /api/runs/:runId/rejected.csv`. */
  rejected: z.number(),
  error: z.string().nullable(),
  heartbeat: z.string(),
  input_facts: z
    .object({ name: z.string(), size: z.number(), sha256: z.string(), format: z.string(), encoding: z.string() })
    .nullable(),
  config_hash: z.string(),
  config: z.unknown(),
  version: z.string(),
  peak_rss_mb: z.number(),
  /** The previous complete run of the same dataset (for the `changed` view), or null. */
  previous_run_id: z.string().nullable(),
});
export type RunDetails = z.infer<typeof runDetailsSchema>;

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
  has_medium_edge: z.boolean(),
  /** Disposition of the group's primary record. */
  primary_disposition: dispositionSchema.nullable(),
  risk_tier: riskTierSchema,
  /** The most urgent Verify reason code in the group (SPEC §9.1 rule order), or null. */
  verify_reason: z.enum(DISPOSITION_REASONS).nullable(),
  /** Position in the work queue of this run (1 = most urgent), over all groups. */
  risk_rank: z.number(),
  /** True when the group is in the `queue` view (needs a human). */
  in_queue: z.boolean(),
  /** Review state (issue 7): false / 0 until decisions exist. */
  reviewed: z.boolean(),
  decisions_pending: z.number(),
  /**
   * A reviewed/accepted mark names some of these members, but the group's member set changed since (SPEC §10):
   * the group is unreviewed again and this says why.
   */
  reviewed_stale: z.boolean().optional(),
  /** The current member set was accepted (group_accepted). */
  accepted: z.boolean().optional(),
  /**
   * Why a reviewed/accepted mark was kept (the only change since is a reviewer's split) or dropped (members
   * changed), in words (SPEC §10 "the UI says why", issue 13); null when nothing changed.
   */
  review_note: z.string().nullable().optional(),
  /** Differences from the previous run of the dataset; null when there is no previous run or no difference. */
  change: z.object({ new_records: z.number(), gained: z.number(), lost: z.number() }).nullable(),
});
export type GroupRow = z.infer<typeof groupRowSchema>;

/** How the search string was read (REVIEW §2.2). */
export const SEARCH_MODES = ['prefix', 'fuzzy', 'account_id', 'group_id', 'none'] as const;
export const searchInfoSchema = z.object({
  mode: z.enum(SEARCH_MODES),
  /**
   * Name search: the index tokens that matched, per query token (prefix mode: the query tokens themselves;
   * fuzzy: the similar tokens found). The client highlights these inside `matched_names`.
   */
  terms: z.array(z.string()),
});
export type SearchInfo = z.infer<typeof searchInfoSchema>;

export const groupPageSchema = z.object({
  rows: z.array(groupRowSchema),
  /** Groups matching the filters (the true total, never clamped). */
  total: z.number(),
  /** Groups in the run. */
  totalGroups: z.number(),
  offset: z.number(),
  limit: z.number(),
  /** How `q` was read; null without a search. */
  search: searchInfoSchema.nullable(),
});
export type GroupPage = z.infer<typeof groupPageSchema>;

/**
 * `GET /api/runs/:runId/facets?<group query>`: the summary strip in one request. Each count is the total the
 * one-click filter would show: the query with that disposition (mode as given) or that flag replacing its kind.
 */
export const facetCountsSchema = z.object({
  /** Groups matching the query without any disposition or flag filter. */
  base: z.number(),
  disposition: z.record(dispositionSchema, z.number()),
  flags: z.record(groupFlagSchema, z.number()),
});
export type FacetCounts = z.infer<typeof facetCountsSchema>;

/** `GET /api/runs/:runId/summary`: run-wide totals by disposition and flag, and review progress. */
export const runTotalsSchema = z.object({
  totalGroups: z.number(),
  multiGroups: z.number(),
  totalRecords: z.number(),
  dispositions: z.array(
    z.object({
      disposition: dispositionSchema,
      records: z.number(),
      /** Groups holding at least one record with this disposition. */
      groups: z.number(),
      /** Groups whose primary has this disposition. */
      primaryGroups: z.number(),
    }),
  ),
  flags: z.array(z.object({ flag: groupFlagSchema, groups: z.number() })),
  riskTiers: z.array(z.object({ tier: riskTierSchema, groups: z.number() })),
  progress: z.object({
    /** Groups in the work queue. */
    queueTotal: z.number(),
    /** Queue groups marked reviewed (0 until issue 7). */
    reviewed: z.number(),
    /** The most urgent unreviewed queue group, or null when all are reviewed. */
    nextUnreviewed: z.string().nullable(),
  }),
});
export type RunTotals = z.infer<typeof runTotalsSchema>;

/** `GET /api/runs/:runId/changes`: what changed since the previous complete run of the same dataset. */
export const runChangesSchema = z.object({
  previousRunId: z.string().nullable(),
  /** Records (by account_id) not in the previous run / in it but gone now. */
  newRecords: z.number(),
  removedRecords: z.number(),
  groupsWithNewRecords: z.number(),
  /** Groups holding members that were not in their best-matching previous group. */
  groupsGained: z.number(),
  /** Groups whose best-matching previous group had members that are now elsewhere or gone. */
  groupsLost: z.number(),
  /** Groups in the `changed` view. */
  groupsChanged: z.number(),
});
export type RunChanges = z.infer<typeof runChangesSchema>;

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
  join_reason: joinReasonSchema,
  parent_in_group: z.string().nullable(),
  shared_tokens_count: z.number().nullable(),
  disposition: dispositionSchema,
  disposition_reason: z.enum(DISPOSITION_REASONS),
  disposition_reason_text: z.string(),
  blacklist_terms: z.array(z.string()),
  account_id_src: z.string().nullable(),
  name_unit: z.string().nullable(),
  /** Survivorship rank of `relationship` under the run's config (SPEC §8); lower wins primary. */
  relationship_rank: z.number(),
  /** Name of the member this one joined (its parent in the group's forest), null for the primary. */
  parent_name: z.string().nullable(),
  /** Name tokens shared with the parent. */
  shared_tokens: z.array(z.string()),
  /** Plain-language join: "94 to ACME, above high 92", "86 to ACME, above medium 84, shared token 'fitness'", "same name as ACME". */
  join_text: z.string(),
  /**
   * The reviewer override this run applied (SPEC §9.1 rule 1), null when the run's disposition came from the
   * rules. A decision made after the run is not here: it is pending (src/shared/decision-status.ts).
   */
  override: dispositionSchema.nullable(),
  /** Who made the applied override, the reason they typed, and when (issue 13 defect 2); null without one. */
  override_by: z.string().nullable(),
  override_reason: z.string().nullable(),
  override_at: z.string().nullable(),
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
  suffix_a: z.string(),
  suffix_b: z.string(),
  /** Unrounded score before penalties. */
  base: z.number(),
  /** True when this pair is an edge of the group's forest (a member joined the group through it). */
  accepted: z.boolean(),
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
  alias_source: z.enum(ALIAS_MATCH_SOURCES),
  matched_account_id: z.string(),
  matched_group_id: z.string(),
  score: z.number(),
  /** Group holding `account_id` (differs from the opened group for matches pointing into it). */
  group_id: z.string(),
});
export type AliasMatch = z.infer<typeof aliasMatchSchema>;

export const groupDetailsSchema = z.object({
  group: groupRowSchema.omit({ matched_names: true }).extend({ survivorship_reason: z.string().nullable() }),
  members: z.array(memberSchema),
  membersTotal: z.number(),
  membersOffset: z.number(),
  edges: z.array(edgeSchema),
  thresholds: z.object({ high: z.number(), medium: z.number() }),
  mergePreview: z.array(mergePreviewFieldSchema),
  aliasMatches: z.array(aliasMatchSchema),
  membersLimit: z.number(),
  /** Pairs scored inside the group; `edges` holds at most the first 500 (accepted first, then by score). */
  edgesTotal: z.number(),
});
export type GroupDetails = z.infer<typeof groupDetailsSchema>;

/** Query string of `GET /api/runs/:runId/groups/:groupId`: members are paged, never truncated (REVIEW §2.3). */
export const groupDetailsQuerySchema = z.strictObject({
  membersOffset: z.coerce.number().int().min(0).default(0),
  membersLimit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type GroupDetailsQuery = z.infer<typeof groupDetailsQuerySchema>;

/** `GET /api/session`: the CSRF token state-changing requests (issue 7) send as `x-junction-csrf`. */
export const sessionSchema = z.object({ csrfToken: z.string(), version: z.string(), reviewer: z.string().nullable() });
export type Session = z.infer<typeof sessionSchema>;

/** Error body of every 4xx/5xx response. */
export const apiErrorSchema = z.object({ error: z.string() });

export const decisionKindSchema = z.enum(DECISION_KINDS);
export type DecisionKind = z.infer<typeof decisionKindSchema>;

/**
 * Body of `POST /api/runs/:runId/decisions` (SPEC §10, REVIEW §2.4). The server adds seq, ts, reviewer, dataset,
 * prev and run_id. `base_seq` is the journal's `lastSeq` the client last saw: a write whose target changed since
 * is refused (409). `undoes` names the seq of the event this one compensates (same kind and target).
 */
export const decisionRequestSchema = z.strictObject({
  kind: decisionKindSchema,
  account_ids: z.array(z.string().min(1).max(255)).min(1).max(10_000).optional(),
  term: z.string().min(1).max(200).optional(),
  value: dispositionSchema.nullable().optional(),
  reason: z.string().max(2000).nullable().optional(),
  base_seq: z.number().int().min(0),
  undoes: z.number().int().min(1).nullable().optional(),
});
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

/** One journal line as the API returns it (the zod schema that validates the file is `src/journal/events.ts`). */
export const decisionEventViewSchema = z.object({
  seq: z.number(),
  ts: z.string(),
  reviewer: z.string(),
  dataset: z.string(),
  kind: decisionKindSchema,
  account_ids: z.array(z.string()).nullable(),
  term: z.string().nullable(),
  /** A disposition for `disposition_override`; the typed name for `canonical_name` (issue 13). */
  value: z.string().nullable(),
  reason: z.string().nullable(),
  prev: z.string().nullable(),
  base_seq: z.number(),
  undoes: z.number().nullable(),
  run_id: z.string().nullable(),
});
export type DecisionEventView = z.infer<typeof decisionEventViewSchema>;

/** `GET /api/runs/:runId/decisions`: the folded state of the run's dataset (SPEC §10). */
export const decisionStateSchema = z.object({
  dataset: z.string(),
  /** Highest seq in the whole journal (every dataset): the `base_seq` to send with the next write. */
  lastSeq: z.number(),
  /**
   * The journal seq the run read (its manifest's decisions.journal_seq): events up to it are applied by this run,
   * later ones are pending — `decisionModel(events, dataset, appliedSeq)` in src/shared/decision-status.ts.
   */
  appliedSeq: z.number(),
  /** Record-level decisions are refused for a run with synthetic `row:N` ids (SPEC §2.1). */
  recordDecisionsEnabled: z.boolean(),
  overrides: z.array(z.object({ account_id: z.string(), value: dispositionSchema, seq: z.number() })),
  mustLinks: z.array(z.object({ a: z.string(), b: z.string(), seq: z.number() })),
  cannotLinks: z.array(z.object({ a: z.string(), b: z.string(), seq: z.number() })),
  primaries: z.array(z.object({ account_id: z.string(), seq: z.number() })),
  manualTerms: z.array(z.object({ term: z.string(), seq: z.number(), reviewer: z.string(), ts: z.string() })),
  /** Reviewed / accepted member sets; a group whose members now differ is unreviewed again. */
  reviewed: z.array(
    z.object({
      group_key: z.string(),
      kind: z.enum(['group_accepted', 'group_reviewed']),
      fingerprint: z.string(),
      account_ids: z.array(z.string()),
      seq: z.number(),
    }),
  ),
  events: z.array(decisionEventViewSchema),
  /** The journal's one-line problem (a torn last line), or null. */
  problem: z.string().nullable(),
});
export type DecisionState = z.infer<typeof decisionStateSchema>;

/** Response of `POST /api/runs/:runId/decisions`. */
export const decisionResponseSchema = z.object({ event: decisionEventViewSchema, lastSeq: z.number() });
export type DecisionResponse = z.infer<typeof decisionResponseSchema>;

/** Body of `POST /api/runs/:runId/groups/accept-bulk` (the groups are the list's query string). */
export const bulkAcceptRequestSchema = z.strictObject({
  reason: z.string().max(500).optional(),
  /** Count the groups a bulk accept would mark, without writing (the confirmation says how many, issue 13). */
  dry_run: z.boolean().optional(),
});
export type BulkAcceptRequest = z.infer<typeof bulkAcceptRequestSchema>;

/** Response of `POST /api/runs/:runId/groups/accept-bulk`: how many group_accepted events were (or, dry, would be) written. */
export const bulkAcceptResponseSchema = z.object({ accepted: z.number(), lastSeq: z.number() });
export type BulkAcceptResponse = z.infer<typeof bulkAcceptResponseSchema>;

/** `GET /api/blacklist` (REVIEW §2.5): built-in, manual and effective terms of a dataset. */
export const blacklistSchema = z.object({
  /** The run whose config and dataset are shown (the newest complete run unless `?runId=`), or null. */
  runId: z.string().nullable(),
  dataset: z.string().nullable(),
  /** Configured terms (read-only here). */
  builtIn: z.array(z.string()),
  /** Reviewer terms from the journal, with who added them and when. */
  manual: z.array(z.object({ term: z.string(), reviewer: z.string(), ts: z.string(), seq: z.number() })),
  /** The union the next run applies, deduplicated by normalised form. */
  effective: z.array(z.string()),
  /** The matching rule in words (SPEC §9.2). */
  rule: z.string(),
  lastSeq: z.number(),
});
export type Blacklist = z.infer<typeof blacklistSchema>;

/** `GET /api/runs/:runId/blacklist/preview?term=…`: what a term would hit in this run. */
export const blacklistPreviewSchema = z.object({
  term: z.string(),
  /** The term as names are normalised (name_base); empty when nothing is left. */
  normalised: z.string(),
  hits: z.number(),
  examples: z.array(z.object({ account_id: z.string(), account_name: z.string(), group_id: z.string() })),
});
export type BlacklistPreview = z.infer<typeof blacklistPreviewSchema>;

/** One row of `GET /api/maintenance/runs` (REVIEW §2.7). */
export const maintenanceRunSchema = z.object({
  run_id: z.string(),
  status: z.string(),
  input: z.string().nullable(),
  started_at: z.string(),
  bytes: z.number(),
  pinned: z.boolean(),
  latest: z.boolean(),
  deletable: z.boolean(),
  /** Why the run is protected, or null. */
  blocker: z.string().nullable(),
});
export const maintenanceRunsSchema = z.object({ runs: z.array(maintenanceRunSchema), totalBytes: z.number() });
export type MaintenanceRuns = z.infer<typeof maintenanceRunsSchema>;

/** Body of `DELETE /api/runs/:runId`: the run id typed again. */
export const deleteRunRequestSchema = z.strictObject({ confirm: z.string() });
export const deleteRunResponseSchema = z.object({ deleted: z.string(), bytes: z.number() });
export type DeleteRunResponse = z.infer<typeof deleteRunResponseSchema>;

/** Response of `POST /api/runs/:runId/rerun`: the new run, to poll with `GET /api/runs/:id`. */
export const rerunResponseSchema = z.object({ runId: z.string(), from: z.string() });
export type RerunResponse = z.infer<typeof rerunResponseSchema>;
