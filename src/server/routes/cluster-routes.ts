import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { groupById, groupMemberIds } from '../../engine/groups-table.js';
import { canonicalNames, type RunCanonicalNames } from '../../engine/review-canonical-names.js';
import { clusterNameMembers, clusterNames } from '../../engine/review-cluster-names.js';
import {
  type CanonicalNames,
  type ClusterNameMembers,
  type ClusterNames,
  canonicalNameRequestSchema,
  clusterNameMembersQuerySchema,
  clusterNamesQuerySchema,
  type DecisionWriteResponse,
} from '../../shared/workbench-api.js';
import { HttpError, parseQuery } from '../http-error.js';
import type { OpenRun, ReviewContext } from '../review-context.js';
import { appendDecision, parseBody } from '../workbench-journal.js';

interface GroupParams {
  runId: string;
  groupId: string;
}

async function gidOf(ctx: ReviewContext, run: OpenRun, groupId: string): Promise<{ gid: number; size: number }> {
  const row = await groupById(ctx.store, run.tables, groupId);
  if (row === null) throw new HttpError(404, `no group "${groupId.slice(0, 100)}" in run ${run.manifest.run_id}`);
  return row;
}

async function namesOf(ctx: ReviewContext, run: OpenRun): Promise<RunCanonicalNames> {
  const { events } = await ctx.journal.events();
  return canonicalNames(ctx.store, run.tables, events, run.manifest.dataset);
}

/**
 * The compact cluster view and canonical names (issue 13): distinct names of a group with counts, the records of
 * one name, and the steward's name for the group — journaled as `canonical_name` for the group's member set.
 */
export function registerClusterRoutes(app: FastifyInstance, ctx: ReviewContext, reviewer: string): void {
  app.get<{ Params: GroupParams }>('/api/runs/:runId/groups/:groupId/names', async (request): Promise<ClusterNames> => {
    const query = parseQuery(clusterNamesQuerySchema, request.query);
    const run = await ctx.open(request.params.runId);
    const { gid, size } = await gidOf(ctx, run, request.params.groupId);
    const { names, total } = await clusterNames(ctx.store, run.tables, gid, query.offset, query.limit);
    const canonical = (await namesOf(ctx, run)).byGroup.get(request.params.groupId) ?? null;
    return {
      group_id: request.params.groupId,
      size,
      names,
      namesTotal: total,
      offset: query.offset,
      limit: query.limit,
      canonical,
    };
  });

  app.get<{ Params: GroupParams }>(
    '/api/runs/:runId/groups/:groupId/names/members',
    async (request): Promise<ClusterNameMembers> => {
      const query = parseQuery(clusterNameMembersQuerySchema, request.query);
      const run = await ctx.open(request.params.runId);
      const { gid } = await gidOf(ctx, run, request.params.groupId);
      return clusterNameMembers(ctx.store, run.tables, gid, query.name, query.offset, query.limit);
    },
  );

  app.get<{ Params: { runId: string } }>(
    '/api/runs/:runId/canonical-names',
    async (request): Promise<CanonicalNames> => {
      parseQuery(z.strictObject({}), request.query);
      const run = await ctx.open(request.params.runId);
      return { names: [...(await namesOf(ctx, run)).byGroup.values()] };
    },
  );

  app.post<{ Params: GroupParams }>(
    '/api/runs/:runId/groups/:groupId/canonical-name',
    async (request): Promise<DecisionWriteResponse> => {
      const body = parseBody(canonicalNameRequestSchema, request.body);
      const run = await ctx.open(request.params.runId);
      const { gid } = await gidOf(ctx, run, request.params.groupId);
      // The name is for exactly the group's members now, the primary first (SPEC §10: a changed set is stale).
      const members = await groupMemberIds(ctx.store, run.tables, gid);
      if (members.length > 10_000) {
        throw new HttpError(409, 'a canonical name applies to groups of at most 10,000 records');
      }
      const previous = (await namesOf(ctx, run)).byGroup.get(request.params.groupId);
      return appendDecision(ctx, run, reviewer, {
        kind: 'canonical_name',
        account_ids: members,
        value: body.value,
        reason: body.reason ?? null,
        base_seq: body.base_seq,
        prev: previous?.value ?? null,
      });
    },
  );
}
