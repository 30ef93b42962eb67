/**
 * Schemas of the steward's workbench (issue 13): near-miss review, the compact cluster view with canonical names,
 * the group graph, the threshold explorer and "why together" with a probability. Server and web compile against
 * these, as against api.ts. Imports zod and api.ts only.
 */
import { z } from 'zod';
import { decisionEventViewSchema, thresholdsSchema } from './api.js';

/** One term of a pair's waterfall (Splink's): the level the pair fell in for a feature, and its weight. */
export const contributionSchema = z.object({ feature: z.string(), level: z.string(), weight: z.number() });
export type Contribution = z.infer<typeof contributionSchema>;

/**
 * Where a pair's evidence comes from. `probability`: pairs.parquet v2 (issue 10) — a match probability with
 * per-feature contributions in bits (log2 Bayes factors) that sum to the match weight. `score`: an older run —
 * the 0..100 score is shown as the percentage and its components (0.45·token_sort + 0.35·token_set +
 * 20·jaccard − penalties, SPEC §5.4) as the breakdown, in score points.
 */
export const EVIDENCE_MODELS = ['probability', 'score'] as const;
export type EvidenceModel = (typeof EVIDENCE_MODELS)[number];

export const pairEvidenceSchema = z.object({
  model: z.enum(EVIDENCE_MODELS),
  /** Match probability 0..1 (score / 100 for an older run). */
  probability: z.number(),
  /** 0..100, round(100 · probability): what thresholds compare against. */
  score: z.number(),
  /** log2 Bayes factor (model `probability`), null for an older run. */
  match_weight: z.number().nullable(),
  /** The waterfall, in order: bits for `probability` (the prior first), score points for `score`. */
  contributions: z.array(contributionSchema),
});
export type PairEvidence = z.infer<typeof pairEvidenceSchema>;

/** A steward's label on a pair (must_link = same company, cannot_link = different), from the journal. */
export const pairLabelSchema = z.object({
  kind: z.enum(['must_link', 'cannot_link']),
  seq: z.number(),
  reviewer: z.string(),
});
export type PairLabel = z.infer<typeof pairLabelSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Near-miss review

/** One side of a near-miss pair: the record the pair was scored for and the group it is in now. */
export const nearMissSideSchema = z.object({
  account_id: z.string(),
  name: z.string(),
  group_id: z.string(),
  group_size: z.number(),
  primary_name: z.string().nullable(),
});

export const nearMissPairSchema = z.object({
  a: nearMissSideSchema,
  b: nearMissSideSchema,
  evidence: pairEvidenceSchema,
  blocking_key: z.string(),
  label: pairLabelSchema.nullable(),
});
export type NearMissPair = z.infer<typeof nearMissPairSchema>;

/**
 * A probability band of pairs across groups, in percent: `[min, max)`; the band `refused` holds pairs at or above
 * the medium threshold that grouping did not join (no shared distinctive token, the canopy bound, a cannot-link).
 */
export const nearMissBandSchema = z.object({
  id: z.string(),
  label: z.string(),
  min: z.number(),
  max: z.number(),
  pairs: z.number(),
  unlabelled: z.number(),
});
export type NearMissBand = z.infer<typeof nearMissBandSchema>;

export const NEAR_MISS_SHOW = ['unlabelled', 'labelled', 'all'] as const;

/** `GET /api/runs/:runId/near-misses?band=&show=&offset=&limit=`. */
export const nearMissQuerySchema = z.strictObject({
  /** A band id from `bands`; default the band just under the medium threshold (or the first with pairs). */
  band: z.string().max(40).optional(),
  show: z.enum(NEAR_MISS_SHOW).default('unlabelled'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NearMissQuery = z.infer<typeof nearMissQuerySchema>;

export const nearMissPageSchema = z.object({
  thresholds: thresholdsSchema,
  model: z.enum(EVIDENCE_MODELS),
  /** Bands in review order: the band just under the threshold first, then lower ones, then `refused`. */
  bands: z.array(nearMissBandSchema),
  /** The band listed, or null when no pair crosses groups. */
  band: z.string().nullable(),
  /** Pairs of the band in a stable sample order (a hash of the two ids), so a reload shows the same sample. */
  pairs: z.array(nearMissPairSchema),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  /** Steward labels of the dataset in the journal (all sources), for the progress line. */
  labels: z.object({ must: z.number(), cannot: z.number() }),
});
export type NearMissPage = z.infer<typeof nearMissPageSchema>;

/** Body of `POST /api/runs/:runId/near-misses/label`: one key, one journaled decision (must- or cannot-link). */
export const nearMissLabelRequestSchema = z.strictObject({
  account_id_a: z.string().min(1).max(255),
  account_id_b: z.string().min(1).max(255),
  label: z.enum(['same', 'different']),
  base_seq: z.number().int().min(0),
});
export type NearMissLabelRequest = z.infer<typeof nearMissLabelRequestSchema>;

export const decisionWriteResponseSchema = z.object({ event: decisionEventViewSchema, lastSeq: z.number() });
export type DecisionWriteResponse = z.infer<typeof decisionWriteResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Compact cluster view and canonical names

/** One distinct name of a group (as OpenRefine's cluster rows): the name as typed, spaces collapsed. */
export const clusterNameSchema = z.object({
  name: z.string(),
  count: z.number(),
  /** The group's primary has this name. */
  primary: z.boolean(),
  /** Records of this name by disposition. */
  keep: z.number(),
  update: z.number(),
  delete: z.number(),
  verify: z.number(),
});
export type ClusterName = z.infer<typeof clusterNameSchema>;

export const CANONICAL_STATES = ['current', 'stale'] as const;

/**
 * A steward's canonical name for a group. `current`: typed for exactly these members. `stale`: typed for a member
 * set that has changed since (SPEC §10): shown with why, not exported until confirmed.
 */
export const canonicalNameViewSchema = z.object({
  group_id: z.string(),
  value: z.string().nullable(),
  state: z.enum(CANONICAL_STATES),
  /** Why a stale name no longer applies, in words; null when current. */
  stale_reason: z.string().nullable(),
  seq: z.number(),
  reviewer: z.string(),
  ts: z.string(),
  reason: z.string().nullable(),
  /** Members when the name was typed. */
  members_then: z.number(),
});
export type CanonicalNameView = z.infer<typeof canonicalNameViewSchema>;

/** `GET /api/runs/:runId/groups/:groupId/names?offset=&limit=`. */
export const clusterNamesQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const clusterNamesSchema = z.object({
  group_id: z.string(),
  size: z.number(),
  names: z.array(clusterNameSchema),
  namesTotal: z.number(),
  offset: z.number(),
  limit: z.number(),
  canonical: canonicalNameViewSchema.nullable(),
});
export type ClusterNames = z.infer<typeof clusterNamesSchema>;

/** `GET /api/runs/:runId/groups/:groupId/names/members?name=&offset=&limit=`: the records of one distinct name. */
export const clusterNameMembersQuerySchema = z.strictObject({
  name: z.string().max(2000),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const clusterNameMembersSchema = z.object({
  name: z.string(),
  members: z.array(
    z.object({
      account_id: z.string(),
      account_name: z.string(),
      is_primary: z.boolean(),
      disposition: z.string(),
      created_date: z.string().nullable(),
      relationship: z.string().nullable(),
    }),
  ),
  total: z.number(),
  offset: z.number(),
});
export type ClusterNameMembers = z.infer<typeof clusterNameMembersSchema>;

/** `GET /api/runs/:runId/canonical-names`: every group of the run with a canonical name (current or stale). */
export const canonicalNamesSchema = z.object({ names: z.array(canonicalNameViewSchema) });
export type CanonicalNames = z.infer<typeof canonicalNamesSchema>;

/** Body of `POST /api/runs/:runId/groups/:groupId/canonical-name`; `value: null` clears the name. */
export const canonicalNameRequestSchema = z.strictObject({
  value: z.string().trim().min(1).max(200).nullable(),
  reason: z.string().max(2000).nullable().optional(),
  base_seq: z.number().int().min(0),
});
export type CanonicalNameRequest = z.infer<typeof canonicalNameRequestSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Group graph

/** A node: one distinct (name_core, suffix) key of the group — the unit blocking and scoring compare. */
export const graphNodeSchema = z.object({
  id: z.string(),
  /** The most frequent account name of the key. */
  label: z.string(),
  records: z.number(),
  /** Distinct account names of the key. */
  names: z.number(),
  is_primary: z.boolean(),
  /** The node this one joined (its parent in the group's forest), null for the primary's node. */
  parent: z.string().nullable(),
  depth: z.number(),
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const graphEdgeSchema = z.object({
  a: z.string(),
  b: z.string(),
  /** Records at the two ends: for an accepted edge, the member (a) and the member it joined (b). */
  account_id_a: z.string(),
  account_id_b: z.string(),
  name_a: z.string(),
  name_b: z.string(),
  /** An edge of the group's spanning forest (a member joined through it); else a scored pair that was not used. */
  accepted: z.boolean(),
  /** join_reason of an accepted edge (exact_name, edge>=high, edge>=medium+shared_token, must_link). */
  join_reason: z.string().nullable(),
  /** Evidence of the scored pair; null for an exact-name or reviewer join. */
  evidence: pairEvidenceSchema.nullable(),
  /** An accepted medium edge with three or more records on each side (SPEC §6 weak_bridge, as the pipeline reads it). */
  weak_bridge: z.boolean(),
  /** Records that cutting this accepted edge splits off (the side away from the primary); null if rejected. */
  split_off: z.number().nullable(),
});
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

export const groupGraphSchema = z.object({
  group_id: z.string(),
  thresholds: thresholdsSchema,
  model: z.enum(EVIDENCE_MODELS),
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  /** Keys in the group; `nodes` holds at most the first GRAPH_MAX_NODES, nearest the primary first. */
  nodesTotal: z.number(),
  /** Scored pairs not used, in the group (rejected edges); those between shown nodes are in `edges`. */
  rejectedTotal: z.number(),
});
export type GroupGraph = z.infer<typeof groupGraphSchema>;

/** Nodes drawn per group graph; the rest are counted (never silently dropped). */
export const GRAPH_MAX_NODES = 80;

/** Body of `POST /api/runs/:runId/groups/:groupId/split-edge`: cut an accepted edge (a cannot-link across it). */
export const splitEdgeRequestSchema = z.strictObject({
  /** The member that joined through the edge, and the member it joined. */
  account_id_a: z.string().min(1).max(255),
  account_id_b: z.string().min(1).max(255),
  reason: z.string().max(2000).nullable().optional(),
  base_seq: z.number().int().min(0),
});
export type SplitEdgeRequest = z.infer<typeof splitEdgeRequestSchema>;

export const splitEdgeResponseSchema = decisionWriteResponseSchema.extend({
  /** Records on the side cut off (away from the primary). */
  split_off: z.number(),
});
export type SplitEdgeResponse = z.infer<typeof splitEdgeResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Threshold explorer

/** `GET /api/runs/:runId/thresholds/sweep?truth=<source column>`. */
export const thresholdSweepQuerySchema = z.strictObject({
  /** A source column of the run holding the true entity id (e.g. a labelled set's cluster column). */
  truth: z.string().max(300).optional(),
});

/** The run simulated with the medium threshold at `t` (percent): groups that would split or merge. */
export const thresholdPointSchema = z.object({
  t: z.number(),
  groups: z.number(),
  /** Groups of the run that would split into two or more. */
  split_groups: z.number(),
  /** Simulated groups that would hold records of two or more of the run's groups, and how many groups they join. */
  merged_groups: z.number(),
  merges: z.number(),
  /** Pairwise precision/recall against the truth column (null without one). */
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  /** Precision/recall on the steward's labelled pairs (null without labels). */
  steward_precision: z.number().nullable(),
  steward_recall: z.number().nullable(),
});
export type ThresholdPoint = z.infer<typeof thresholdPointSchema>;

export const thresholdSweepSchema = z.object({
  thresholds: thresholdsSchema,
  model: z.enum(EVIDENCE_MODELS),
  /** One point per whole percent 0..100 (the thresholds are whole percents). */
  points: z.array(thresholdPointSchema),
  truth: z.object({
    column: z.string().nullable(),
    /** Source columns a truth could be read from. */
    columns: z.array(z.string()),
    entities: z.number().nullable(),
  }),
  steward: z.object({ must: z.number(), cannot: z.number(), matched: z.number() }),
});
export type ThresholdSweep = z.infer<typeof thresholdSweepSchema>;

/** `GET /api/runs/:runId/thresholds/examples?t=`. */
export const thresholdExamplesQuerySchema = z.strictObject({
  t: z.coerce.number().int().min(0).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(8),
});

const exampleGroupSchema = z.object({ group_id: z.string(), primary_name: z.string().nullable(), size: z.number() });
const exampleEdgeSchema = z.object({ name_a: z.string(), name_b: z.string(), probability: z.number() });

export const thresholdExamplesSchema = z.object({
  t: z.number(),
  splits: z.array(exampleGroupSchema.extend({ pieces: z.number(), cut: exampleEdgeSchema.nullable() })),
  merges: z.array(z.object({ groups: z.array(exampleGroupSchema), via: exampleEdgeSchema.nullable() })),
  splitTotal: z.number(),
  mergeTotal: z.number(),
});
export type ThresholdExamples = z.infer<typeof thresholdExamplesSchema>;

/** Body of `POST /api/runs/:runId/thresholds/apply`: write the thresholds to `<workspace>/junction.yaml`. */
export const thresholdApplyRequestSchema = z.strictObject({
  medium: z.number().int().min(0).max(100),
  high: z.number().int().min(0).max(100).optional(),
});
export type ThresholdApplyRequest = z.infer<typeof thresholdApplyRequestSchema>;

export const thresholdApplyResponseSchema = z.object({ path: z.string(), thresholds: thresholdsSchema });
export type ThresholdApplyResponse = z.infer<typeof thresholdApplyResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Why together, with a probability

/** `GET /api/runs/:runId/groups/:groupId/why`: each accepted edge with its probability and waterfall. */
export const groupWhySchema = z.object({
  group_id: z.string(),
  thresholds: thresholdsSchema,
  model: z.enum(EVIDENCE_MODELS),
  edges: z.array(graphEdgeSchema),
  /** Accepted edges in the group; `edges` holds at most the first 200 (weakest first). */
  acceptedTotal: z.number(),
});
export type GroupWhy = z.infer<typeof groupWhySchema>;
