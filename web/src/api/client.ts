/**
 * The review API as the web app sees it: every response is parsed with the shared zod schema
 * (src/shared/api.ts), so a server/client drift shows up as a clear error instead of a blank cell.
 */
import type { z } from 'zod';
import {
  apiErrorSchema,
  type FacetCounts,
  facetCountsSchema,
  type GroupDetails,
  type GroupPage,
  type GroupQuery,
  groupDetailsSchema,
  groupPageSchema,
  type RunChanges,
  type RunDetails,
  type RunSummary,
  type RunTotals,
  runChangesSchema,
  runDetailsSchema,
  runListSchema,
  runTotalsSchema,
} from '../../../src/shared/api.js';
import { groupQueryToSearch } from '../query/group-query.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function getJson<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    throw new ApiError(
      parsed.success ? parsed.data.error : `${response.status} ${response.statusText}`,
      response.status,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(`unexpected response from ${path}: ${issue?.path.join('.')} ${issue?.message ?? ''}`, 500);
  }
  return parsed.data;
}

const run = (runId: string): string => `/api/runs/${encodeURIComponent(runId)}`;

export const api = {
  runs: (signal?: AbortSignal): Promise<RunSummary[]> => getJson('/api/runs', runListSchema, signal),

  run: (runId: string, signal?: AbortSignal): Promise<RunDetails> => getJson(run(runId), runDetailsSchema, signal),

  totals: (runId: string, signal?: AbortSignal): Promise<RunTotals> =>
    getJson(`${run(runId)}/summary`, runTotalsSchema, signal),

  changes: (runId: string, signal?: AbortSignal): Promise<RunChanges> =>
    getJson(`${run(runId)}/changes`, runChangesSchema, signal),

  groups: (runId: string, query: GroupQuery, signal?: AbortSignal): Promise<GroupPage> =>
    getJson(`${run(runId)}/groups${groupQueryToSearch(query, { paging: true })}`, groupPageSchema, signal),

  /** Summary-strip counts for a query (paging ignored). */
  facets: (runId: string, query: GroupQuery, signal?: AbortSignal): Promise<FacetCounts> =>
    getJson(`${run(runId)}/facets${groupQueryToSearch(query)}`, facetCountsSchema, signal),

  group: (
    runId: string,
    groupId: string,
    members: { offset: number; limit: number },
    signal?: AbortSignal,
  ): Promise<GroupDetails> =>
    getJson(
      `${run(runId)}/groups/${encodeURIComponent(groupId)}?membersOffset=${members.offset}&membersLimit=${members.limit}`,
      groupDetailsSchema,
      signal,
    ),

  rejectedUrl: (runId: string): string => `${run(runId)}/rejected.csv`,
};
