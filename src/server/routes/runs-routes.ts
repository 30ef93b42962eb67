import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { runTotals } from '../../engine/review-queries.js';
import type { RunChanges, RunDetails, RunSummary, RunTotals } from '../../shared/api.js';
import { HttpError, parseQuery } from '../http-error.js';
import type { ReviewContext } from '../review-context.js';

interface RunParams {
  runId: string;
}

const noParameters = z.strictObject({});

/** Runs screen and run details (REVIEW §2.1): list, details of one run (live stage), rejected rows, totals. */
export function registerRunRoutes(app: FastifyInstance, ctx: ReviewContext): void {
  app.get('/api/runs', async (request): Promise<RunSummary[]> => {
    parseQuery(noParameters, request.query);
    return ctx.catalog.list();
  });

  /** Any status: a live run reports its current stage; the client polls until `status` is `complete`. */
  app.get<{ Params: RunParams }>('/api/runs/:runId', async (request): Promise<RunDetails> => {
    parseQuery(noParameters, request.query);
    return ctx.catalog.details(request.params.runId);
  });

  app.get<{ Params: RunParams }>('/api/runs/:runId/rejected.csv', async (request, reply) => {
    parseQuery(noParameters, request.query);
    const manifest = await ctx.catalog.manifest(request.params.runId);
    const path = ctx.catalog.rejectedPath(manifest.run_id);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw new HttpError(404, `run "${manifest.run_id}" has no rejected.csv`);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-length', size)
      .header('content-disposition', `attachment; filename="${manifest.run_id}-rejected.csv"`)
      .send(createReadStream(path));
  });

  app.get<{ Params: RunParams }>('/api/runs/:runId/summary', async (request): Promise<RunTotals> => {
    parseQuery(noParameters, request.query);
    const run = await ctx.open(request.params.runId);
    return runTotals(ctx.store, run.tables);
  });

  app.get<{ Params: RunParams }>('/api/runs/:runId/changes', async (request): Promise<RunChanges> => {
    parseQuery(noParameters, request.query);
    return (await ctx.open(request.params.runId)).changes;
  });
}
