import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { groupGraph, type MemberForest, memberForest, subtreeOf } from '../../engine/review-graph.js';
import {
  type GroupGraph,
  type GroupWhy,
  type SplitEdgeResponse,
  splitEdgeRequestSchema,
} from '../../shared/workbench-api.js';
import { HttpError, parseQuery } from '../http-error.js';
import type { OpenRun, ReviewContext } from '../review-context.js';
import { appendDecision, parseBody, runPenalties } from '../workbench-journal.js';

interface GroupParams {
  runId: string;
  groupId: string;
}

const noParameters = z.strictObject({});
/** Accepted edges listed by "why together", weakest first. */
const WHY_MAX_EDGES = 200;
/** The link event's id list is capped by the decision schema; a split naming more is refused with a message. */
const MAX_SPLIT_IDS = 9_999;

async function forestOf(ctx: ReviewContext, run: OpenRun, groupId: string): Promise<MemberForest> {
  const forest = await memberForest(ctx.store, run.tables, groupId);
  if (forest === null) throw new HttpError(404, `no group "${groupId.slice(0, 100)}" in run ${run.manifest.run_id}`);
  return forest;
}

/**
 * The group graph and "why together" with probabilities (issue 13), and a split on an accepted edge: a
 * cannot-link across it, so the next run keeps the two sides apart (SPEC §6 reviewer constraints).
 */
export function registerGraphRoutes(app: FastifyInstance, ctx: ReviewContext, reviewer: string): void {
  /** The run, the group's forest and its graph, for a GET without parameters. */
  const graphOf = async (params: GroupParams, query: unknown) => {
    parseQuery(noParameters, query);
    const run = await ctx.open(params.runId);
    const forest = await forestOf(ctx, run, params.groupId);
    return { run, graph: await groupGraph(ctx.store, run.tables, forest, runPenalties(run.manifest)) };
  };

  app.get<{ Params: GroupParams }>('/api/runs/:runId/groups/:groupId/graph', async (request): Promise<GroupGraph> => {
    const { run, graph } = await graphOf(request.params, request.query);
    return {
      group_id: request.params.groupId,
      thresholds: run.rules.thresholds,
      model: graph.model,
      nodes: graph.nodes,
      edges: graph.edges,
      nodesTotal: graph.nodesTotal,
      rejectedTotal: graph.rejectedTotal,
    };
  });

  app.get<{ Params: GroupParams }>('/api/runs/:runId/groups/:groupId/why', async (request): Promise<GroupWhy> => {
    const { run, graph } = await graphOf(request.params, request.query);
    return {
      group_id: request.params.groupId,
      thresholds: run.rules.thresholds,
      model: graph.model,
      edges: graph.accepted.slice(0, WHY_MAX_EDGES),
      acceptedTotal: graph.accepted.length,
    };
  });

  app.post<{ Params: GroupParams }>(
    '/api/runs/:runId/groups/:groupId/split-edge',
    async (request): Promise<SplitEdgeResponse> => {
      const body = parseBody(splitEdgeRequestSchema, request.body);
      const run = await ctx.open(request.params.runId);
      const forest = await forestOf(ctx, run, request.params.groupId);
      // The edge is a member and the member it joined, in either order.
      let child = body.account_id_a;
      let parent = body.account_id_b;
      if (forest.byId.get(child)?.parent_in_group !== parent) [child, parent] = [parent, child];
      if (forest.byId.get(child)?.parent_in_group !== parent) {
        throw new HttpError(
          400,
          `${body.account_id_a} and ${body.account_id_b} are not joined by an edge of group ${request.params.groupId}`,
        );
      }
      const cutOff = subtreeOf(forest, child);
      const rest = forest.members.map((m) => m.account_id).filter((id) => !cutOff.has(id));
      // One event: the edge's end on the larger side cannot link with any record of the smaller side, so the next
      // run refuses every join of the two sides through that record (SPEC §6: a cannot-link between any two
      // records of two components refuses their join). One event is one undo.
      const small = cutOff.size <= rest.length ? [...cutOff] : rest;
      const anchor = cutOff.size <= rest.length ? parent : child;
      if (small.length > MAX_SPLIT_IDS) {
        throw new HttpError(
          409,
          `both sides of this edge hold more than ${MAX_SPLIT_IDS.toLocaleString('en-US')} records: split a smaller part first`,
        );
      }
      const written = await appendDecision(ctx, run, reviewer, {
        kind: 'cannot_link',
        account_ids: [anchor, ...small],
        value: null,
        reason:
          body.reason ??
          `split on the edge ${forest.byId.get(child)?.account_name} – ${forest.byId.get(parent)?.account_name}`,
        base_seq: body.base_seq,
      });
      return { ...written, split_off: cutOff.size };
    },
  );
}
