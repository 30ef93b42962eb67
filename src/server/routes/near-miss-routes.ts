import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { labelScores } from '../../engine/review-labels.js';
import { nearMissPage } from '../../engine/review-near-miss.js';
import { ensurePairs, evidenceOf } from '../../engine/review-pairs.js';
import { quoteField } from '../../input/csv-write.js';
import {
  type DecisionWriteResponse,
  type NearMissPage,
  nearMissLabelRequestSchema,
  nearMissQuerySchema,
} from '../../shared/workbench-api.js';
import { HttpError, parseQuery } from '../http-error.js';
import type { ReviewContext } from '../review-context.js';
import { appendDecision, parseBody, runLabels, runPenalties } from '../workbench-journal.js';

interface RunParams {
  runId: string;
}

/** The journal reason of a near-miss label: the labelled-pairs file says where a label came from. */
export const NEAR_MISS_REASON = 'near-miss review';

/** Columns of the labelled-pairs file (issue 13), read by `junction eval --labels-from` and a later fitting step. */
export const LABELLED_PAIRS_COLUMNS = [
  'dataset',
  'account_id_a',
  'account_id_b',
  'label',
  'name_a',
  'name_b',
  'probability',
  'score',
  'decision',
  'reason',
  'reviewer',
  'ts',
  'seq',
  'run_id',
] as const;

/**
 * Near-miss review (issue 13): pairs across groups by probability band, one key to label a pair the same company
 * (must-link: the groups merge on the next run) or different (cannot-link), and the steward's labels as a file.
 */
export function registerNearMissRoutes(app: FastifyInstance, ctx: ReviewContext, reviewer: string): void {
  app.get<{ Params: RunParams }>('/api/runs/:runId/near-misses', async (request): Promise<NearMissPage> => {
    const query = parseQuery(nearMissQuerySchema, request.query);
    const run = await ctx.open(request.params.runId);
    const { inRun } = await runLabels(ctx, run);
    const page = await nearMissPage(ctx.store, run.tables, {
      thresholds: run.rules.thresholds,
      penalties: runPenalties(run.manifest),
      query,
      labels: inRun,
    });
    const must = inRun.filter((l) => l.label.match).length;
    return { ...page, thresholds: run.rules.thresholds, labels: { must, cannot: inRun.length - must } };
  });

  app.post<{ Params: RunParams }>(
    '/api/runs/:runId/near-misses/label',
    async (request): Promise<DecisionWriteResponse> => {
      const body = parseBody(nearMissLabelRequestSchema, request.body);
      if (body.account_id_a === body.account_id_b) throw new HttpError(400, 'a pair needs two different records');
      const run = await ctx.open(request.params.runId);
      return appendDecision(ctx, run, reviewer, {
        kind: body.label === 'same' ? 'must_link' : 'cannot_link',
        account_ids: [body.account_id_a, body.account_id_b],
        value: null,
        reason: NEAR_MISS_REASON,
        base_seq: body.base_seq,
      });
    },
  );

  app.get<{ Params: RunParams }>('/api/runs/:runId/labelled-pairs.csv', async (request, reply) => {
    parseQuery(z.strictObject({}), request.query);
    const run = await ctx.open(request.params.runId);
    const { all, inRun } = await runLabels(ctx, run);
    const pairs = await ensurePairs(ctx.store, run.tables);
    const scores = await labelScores(ctx.store, run.tables, pairs.table, inRun);
    const found = new Map(inRun.map((l, i) => [l.label, { l, score: scores.get(i) }]));
    const penalties = runPenalties(run.manifest);
    const lines = [LABELLED_PAIRS_COLUMNS.join(',')];
    for (const label of all) {
      const hit = found.get(label);
      const evidence = hit?.score === undefined ? null : evidenceOf(hit.score, pairs.model, penalties);
      const cells = [
        run.manifest.dataset,
        hit?.l.account_id_a ?? label.a,
        hit?.l.account_id_b ?? label.b,
        label.match ? 'match' : 'non_match',
        hit?.l.name_a ?? '',
        hit?.l.name_b ?? '',
        evidence === null ? '' : String(evidence.probability),
        evidence === null ? '' : String(evidence.score),
        label.match ? 'must_link' : 'cannot_link',
        label.reason ?? '',
        label.reviewer,
        label.ts,
        String(label.seq),
        label.run_id ?? '',
      ];
      lines.push(cells.map(quoteField).join(','));
    }
    const name = `${run.manifest.run_id}_labelled-pairs.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(`${lines.join('\n')}\n`);
  });
}
