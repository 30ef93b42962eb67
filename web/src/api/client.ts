/**
 * The review API as the web app sees it: every response is parsed with the shared zod schema
 * (src/shared/api.ts), so a server/client drift shows up as a clear error instead of a blank cell.
 */
import type { z } from 'zod';
import {
  apiErrorSchema,
  type Blacklist,
  type BlacklistPreview,
  type BulkAcceptResponse,
  blacklistPreviewSchema,
  blacklistSchema,
  bulkAcceptResponseSchema,
  type DecisionRequest,
  type DecisionResponse,
  type DecisionState,
  type DeleteRunResponse,
  decisionResponseSchema,
  decisionStateSchema,
  deleteRunResponseSchema,
  type FacetCounts,
  facetCountsSchema,
  type GroupDetails,
  type GroupPage,
  type GroupQuery,
  groupDetailsSchema,
  groupPageSchema,
  type MaintenanceRuns,
  maintenanceRunsSchema,
  type RerunResponse,
  type RunChanges,
  type RunDetails,
  type RunSummary,
  type RunTotals,
  rerunResponseSchema,
  runChangesSchema,
  runDetailsSchema,
  runListSchema,
  runTotalsSchema,
  type Session,
  sessionSchema,
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

export async function getJson<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  return parseResponse(path, response, schema);
}

async function parseResponse<S extends z.ZodType>(path: string, response: Response, schema: S): Promise<z.infer<S>> {
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

/** The session (CSRF token, reviewer name), fetched once per page load; a failed fetch is retried next time. */
let session: Promise<Session> | null = null;
export function getSession(): Promise<Session> {
  if (session === null) {
    session = getJson('/api/session', sessionSchema);
    session.catch(() => {
      session = null;
    });
  }
  return session;
}

/**
 * A state-changing request (REVIEW §1): JSON body plus the per-process CSRF secret from `GET /api/session` in
 * `x-junction-csrf`. A refusal throws ApiError with the server's one-line message and status (409 stale, 423 lock).
 */
export function post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
  return send('POST', path, body, schema);
}

/** `post` for any state-changing method (DELETE of a run in maintenance). */
export async function send<S extends z.ZodType>(
  method: 'POST' | 'DELETE',
  path: string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  const { csrfToken } = await getSession();
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-junction-csrf': csrfToken },
    body: JSON.stringify(body),
  });
  return parseResponse(path, response, schema);
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

  /** Folded reviewer decisions of the run's dataset (SPEC §10). */
  decisions: (runId: string, signal?: AbortSignal): Promise<DecisionState> =>
    getJson(`${run(runId)}/decisions`, decisionStateSchema, signal),

  /** Appends one decision to the journal; resolves only once the server has fsynced it. */
  decide: (runId: string, request: DecisionRequest): Promise<DecisionResponse> =>
    post(`${run(runId)}/decisions`, request, decisionResponseSchema),

  rejectedUrl: (runId: string): string => `${run(runId)}/rejected.csv`,

  /** Built-in, manual and effective blacklist terms (REVIEW §2.5); the newest complete run unless runId. */
  blacklist: (runId: string | null, signal?: AbortSignal): Promise<Blacklist> =>
    getJson(`/api/blacklist${runId ? `?runId=${encodeURIComponent(runId)}` : ''}`, blacklistSchema, signal),

  blacklistPreview: (runId: string, term: string, signal?: AbortSignal): Promise<BlacklistPreview> =>
    getJson(`${run(runId)}/blacklist/preview?term=${encodeURIComponent(term)}`, blacklistPreviewSchema, signal),

  maintenanceRuns: (signal?: AbortSignal): Promise<MaintenanceRuns> =>
    getJson('/api/maintenance/runs', maintenanceRunsSchema, signal),

  /** Deletes a run; `confirm` is the run id typed again (REVIEW §2.7). */
  deleteRun: (runId: string, confirm: string): Promise<DeleteRunResponse> =>
    send('DELETE', run(runId), { confirm }, deleteRunResponseSchema),

  /** Starts "Re-run with decisions" (REVIEW §2.4); poll the new run with `api.run`. */
  rerun: (runId: string): Promise<RerunResponse> => post(`${run(runId)}/rerun`, {}, rerunResponseSchema),

  /** Accepts the exact/high groups the list shows for `query` (paging ignored). */
  acceptBulk: (runId: string, query: GroupQuery): Promise<BulkAcceptResponse> =>
    post(`${run(runId)}/groups/accept-bulk${groupQueryToSearch(query)}`, {}, bulkAcceptResponseSchema),

  /** The export URL for exactly the list's query (REVIEW §2.6). */
  exportUrl: (runId: string, query: GroupQuery, params: Record<string, string>): string => {
    const list = groupQueryToSearch(query);
    const extra = new URLSearchParams(params).toString();
    return `${run(runId)}/export?${extra}${list.length > 0 ? `&${list.slice(1)}` : ''}`;
  },
};
