import type { FastifyInstance } from 'fastify';
import { facetCounts, groupDetails, groupPage } from '../../engine/review-queries.js';
import {
  type FacetCounts,
  type GroupDetails,
  type GroupPage,
  groupDetailsQuerySchema,
  groupQuerySchema,
} from '../../shared/api.js';
import { HttpError, parseQuery } from '../http-error.js';
import { describeMembers } from '../member-words.js';
import { judgePreviewConflicts } from '../preview-conflicts.js';
import type { ReviewContext } from '../review-context.js';

interface RunParams {
  runId: string;
}

/** Groups screen and group details (REVIEW §2.2, §2.3). Query strings are the shared schemas'. */
export function registerGroupRoutes(app: FastifyInstance, ctx: ReviewContext): void {
  app.get<{ Params: RunParams }>('/api/runs/:runId/groups', async (request): Promise<GroupPage> => {
    const query = parseQuery(groupQuerySchema, request.query);
    const run = await ctx.open(request.params.runId);
    return groupPage(ctx.store, run.tables, query);
  });

  app.get<{ Params: RunParams }>('/api/runs/:runId/facets', async (request): Promise<FacetCounts> => {
    const query = parseQuery(groupQuerySchema, request.query);
    const run = await ctx.open(request.params.runId);
    return facetCounts(ctx.store, run.tables, query);
  });

  app.get<{ Params: RunParams & { groupId: string } }>(
    '/api/runs/:runId/groups/:groupId',
    async (request): Promise<GroupDetails> => {
      const query = parseQuery(groupDetailsQuerySchema, request.query);
      const run = await ctx.open(request.params.runId);
      const { groupId } = request.params;
      const found = await groupDetails(ctx.store, run.tables, groupId, query.membersOffset, query.membersLimit);
      if (found === null) throw new HttpError(404, `no group "${groupId.slice(0, 100)}" in run ${run.manifest.run_id}`);
      return {
        ...found,
        members: describeMembers(found.members, run.rules),
        mergePreview: judgePreviewConflicts(found.mergePreview),
        membersTotal: found.group.size,
        membersOffset: query.membersOffset,
        membersLimit: query.membersLimit,
        thresholds: run.rules.thresholds,
      };
    },
  );
}
