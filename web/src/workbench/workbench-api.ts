/**
 * The workbench's API calls (issue 13), each response parsed with its shared schema (src/shared/workbench-api.ts).
 * Writes carry the CSRF secret (`post`) and the journal seq the tab last saw (`base_seq`).
 */
import {
  type CanonicalNames,
  type ClusterNameMembers,
  type ClusterNames,
  canonicalNamesSchema,
  clusterNameMembersSchema,
  clusterNamesSchema,
  type DecisionWriteResponse,
  decisionWriteResponseSchema,
  type GroupGraph,
  type GroupWhy,
  groupGraphSchema,
  groupWhySchema,
  type NearMissLabelRequest,
  type NearMissPage,
  nearMissPageSchema,
  type SplitEdgeRequest,
  type SplitEdgeResponse,
  splitEdgeResponseSchema,
  type ThresholdApplyResponse,
  type ThresholdExamples,
  type ThresholdSweep,
  thresholdApplyResponseSchema,
  thresholdExamplesSchema,
  thresholdSweepSchema,
} from '../../../src/shared/workbench-api.js';
import { getJson, post } from '../api/client.js';

const run = (runId: string): string => `/api/runs/${encodeURIComponent(runId)}`;
const group = (runId: string, groupId: string): string => `${run(runId)}/groups/${encodeURIComponent(groupId)}`;
const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text.length === 0 ? '' : `?${text}`;
};

export const workbenchApi = {
  nearMisses: (
    runId: string,
    params: { band?: string; show?: string; offset?: number; limit?: number },
    signal?: AbortSignal,
  ): Promise<NearMissPage> => getJson(`${run(runId)}/near-misses${query(params)}`, nearMissPageSchema, signal),

  labelPair: (runId: string, body: NearMissLabelRequest): Promise<DecisionWriteResponse> =>
    post(`${run(runId)}/near-misses/label`, body, decisionWriteResponseSchema),

  labelledPairsUrl: (runId: string): string => `${run(runId)}/labelled-pairs.csv`,

  graph: (runId: string, groupId: string, signal?: AbortSignal): Promise<GroupGraph> =>
    getJson(`${group(runId, groupId)}/graph`, groupGraphSchema, signal),

  why: (runId: string, groupId: string, signal?: AbortSignal): Promise<GroupWhy> =>
    getJson(`${group(runId, groupId)}/why`, groupWhySchema, signal),

  splitEdge: (runId: string, groupId: string, body: SplitEdgeRequest): Promise<SplitEdgeResponse> =>
    post(`${group(runId, groupId)}/split-edge`, body, splitEdgeResponseSchema),

  names: (
    runId: string,
    groupId: string,
    page: { offset: number; limit: number },
    signal?: AbortSignal,
  ): Promise<ClusterNames> => getJson(`${group(runId, groupId)}/names${query(page)}`, clusterNamesSchema, signal),

  nameMembers: (
    runId: string,
    groupId: string,
    params: { name: string; offset: number; limit: number },
    signal?: AbortSignal,
  ): Promise<ClusterNameMembers> =>
    getJson(`${group(runId, groupId)}/names/members${query(params)}`, clusterNameMembersSchema, signal),

  canonicalNames: (runId: string, signal?: AbortSignal): Promise<CanonicalNames> =>
    getJson(`${run(runId)}/canonical-names`, canonicalNamesSchema, signal),

  setCanonicalName: (
    runId: string,
    groupId: string,
    body: { value: string | null; reason?: string | null; base_seq: number },
  ): Promise<DecisionWriteResponse> =>
    post(`${group(runId, groupId)}/canonical-name`, body, decisionWriteResponseSchema),

  sweep: (runId: string, truth: string | null, signal?: AbortSignal): Promise<ThresholdSweep> =>
    getJson(`${run(runId)}/thresholds/sweep${query({ truth: truth ?? undefined })}`, thresholdSweepSchema, signal),

  examples: (runId: string, t: number, signal?: AbortSignal): Promise<ThresholdExamples> =>
    getJson(`${run(runId)}/thresholds/examples${query({ t, limit: 6 })}`, thresholdExamplesSchema, signal),

  applyThresholds: (runId: string, body: { medium: number; high?: number }): Promise<ThresholdApplyResponse> =>
    post(`${run(runId)}/thresholds/apply`, body, thresholdApplyResponseSchema),
};
