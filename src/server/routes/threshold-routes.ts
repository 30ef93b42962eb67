import type { FastifyInstance } from 'fastify';
import { setWorkspaceConfigKeys } from '../../config/load.js';
import type { RunTables } from '../../engine/review-store.js';
import {
  type SweepLabels,
  sourceColumns,
  sweepStewardLabels,
  thresholdExamples,
  thresholdSweep,
  truthEntities,
} from '../../engine/review-threshold.js';
import { RECORD_COLUMNS } from '../../pipeline/stats.js';
import {
  type ThresholdApplyResponse,
  type ThresholdExamples,
  type ThresholdSweep,
  thresholdApplyRequestSchema,
  thresholdExamplesQuerySchema,
  thresholdSweepQuerySchema,
} from '../../shared/workbench-api.js';
import { HttpError, parseQuery } from '../http-error.js';
import type { ReviewContext } from '../review-context.js';
import { parseBody, runLabels } from '../workbench-journal.js';

interface RunParams {
  runId: string;
}

/** Columns of records.parquet that the pipeline writes; the rest are the input's own (SPEC §12). */
const PIPELINE_COLUMNS = new Set([...RECORD_COLUMNS, 'weak_bridge'].map((c) => c.toLowerCase()));
/** Column names that usually hold a true entity id: offered first. */
const TRUTH_HINT = /entity|cluster|truth|label|gold|match|dedup|duplicate|cid/i;

/** One sweep per opened run, truth column and journal seq (the chart re-reads only when labels change). */
const sweeps = new WeakMap<RunTables, Map<string, Promise<ThresholdSweep>>>();

/**
 * The threshold explorer (issue 13): the run re-grouped at every medium threshold (src/engine/review-threshold.ts),
 * precision and recall against a truth column or the steward's labels, examples at one threshold, and "Apply",
 * which writes the thresholds to the workspace config (`<workspace>/junction.yaml`) for the next run.
 */
export function registerThresholdRoutes(app: FastifyInstance, ctx: ReviewContext): void {
  app.get<{ Params: RunParams }>('/api/runs/:runId/thresholds/sweep', async (request): Promise<ThresholdSweep> => {
    const query = parseQuery(thresholdSweepQuerySchema, request.query);
    const run = await ctx.open(request.params.runId);
    const t = run.tables;
    const columns = await sourceColumns(ctx.store, t, PIPELINE_COLUMNS);
    const truth = query.truth ?? null;
    if (truth !== null && !columns.includes(truth)) {
      throw new HttpError(400, `truth: no source column "${truth.slice(0, 100)}" in run ${run.manifest.run_id}`);
    }
    const lastSeq = await ctx.journal.lastSeq();
    const key = `${truth ?? ''}\u0001${lastSeq}`;
    const perRun = sweeps.get(t) ?? new Map<string, Promise<ThresholdSweep>>();
    sweeps.set(t, perRun);
    let pending = perRun.get(key);
    if (pending === undefined) {
      pending = (async (): Promise<ThresholdSweep> => {
        const thresholds = run.rules.thresholds;
        const { all, inRun } = await runLabels(ctx, run);
        const entities = truth === null ? null : await truthEntities(ctx.store, t, thresholds, truth);
        const labels: SweepLabels = {
          entityOf: entities?.entityOf ?? null,
          steward: await sweepStewardLabels(ctx.store, t, thresholds, inRun),
        };
        const { model, points } = await thresholdSweep(ctx.store, t, thresholds, labels);
        const must = all.filter((l) => l.match).length;
        return {
          thresholds,
          model,
          points,
          truth: {
            column: truth,
            columns: [...columns.filter((c) => TRUTH_HINT.test(c)), ...columns.filter((c) => !TRUTH_HINT.test(c))],
            entities: entities?.entities ?? null,
          },
          steward: { must, cannot: all.length - must, matched: inRun.length },
        };
      })();
      perRun.clear();
      perRun.set(key, pending);
      pending.catch(() => perRun.delete(key));
    }
    return pending;
  });

  app.get<{ Params: RunParams }>(
    '/api/runs/:runId/thresholds/examples',
    async (request): Promise<ThresholdExamples> => {
      const query = parseQuery(thresholdExamplesQuerySchema, request.query);
      const run = await ctx.open(request.params.runId);
      return thresholdExamples(ctx.store, run.tables, run.rules.thresholds, query.t, query.limit);
    },
  );

  app.post<{ Params: RunParams }>(
    '/api/runs/:runId/thresholds/apply',
    async (request): Promise<ThresholdApplyResponse> => {
      const body = parseBody(thresholdApplyRequestSchema, request.body);
      const run = await ctx.open(request.params.runId);
      // The explorer moves medium with high held: both are written, so the next run is the one simulated.
      const high = body.high ?? Math.max(run.rules.thresholds.high, body.medium);
      if (high < body.medium) throw new HttpError(400, `high (${high}) must be at least medium (${body.medium})`);
      const { path, config } = await setWorkspaceConfigKeys(ctx.catalog.workspace.root, {
        'thresholds.medium': body.medium,
        'thresholds.high': high,
      }).catch((error: Error) => {
        throw new HttpError(409, error.message.split('\n')[0] ?? 'cannot write the workspace config');
      });
      return { path, thresholds: config.thresholds };
    },
  );
}
