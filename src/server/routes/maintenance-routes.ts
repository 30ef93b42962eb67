import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { deleteRunWithAudit, deletionBlocker } from '../../pipeline/run-retention.js';
import { effectiveStatus } from '../../pipeline/workspace.js';
import { type DeleteRunResponse, deleteRunRequestSchema, type MaintenanceRuns } from '../../shared/api.js';
import { HttpError, parseQuery } from '../http-error.js';
import type { ReviewContext } from '../review-context.js';

const noParameters = z.strictObject({});

/**
 * Maintenance (REVIEW §2.7): runs with their size on disk and whether they may be deleted, and deletion with a
 * typed confirmation. The server enforces the same protection as `junction runs delete` (SPEC §12: never the
 * newest complete, a pinned or a live run) and writes the same audit line.
 */
export function registerMaintenanceRoutes(app: FastifyInstance, ctx: ReviewContext, reviewer: string): void {
  const workspace = ctx.catalog.workspace;

  app.get('/api/maintenance/runs', async (request): Promise<MaintenanceRuns> => {
    parseQuery(noParameters, request.query);
    const all = await workspace.listRuns();
    const latest = all.find((m) => m.status === 'complete')?.run_id;
    const runs: MaintenanceRuns['runs'] = [];
    for (const m of all) {
      const blocker = deletionBlocker(m, all);
      runs.push({
        run_id: m.run_id,
        status: effectiveStatus(m),
        input: m.input?.name ?? null,
        started_at: m.started_at,
        bytes: await workspace.sizeOnDisk(m.run_id),
        pinned: m.pinned,
        latest: m.run_id === latest,
        deletable: blocker === null,
        blocker,
      });
    }
    return { runs, totalBytes: runs.reduce((sum, r) => sum + r.bytes, 0) };
  });

  app.delete<{ Params: { runId: string } }>('/api/runs/:runId', async (request): Promise<DeleteRunResponse> => {
    parseQuery(noParameters, request.query);
    const body = deleteRunRequestSchema.safeParse(request.body ?? {});
    const { runId } = request.params;
    if (!body.success) throw new HttpError(400, `confirm: type the run id "${runId.slice(0, 100)}" to delete it`);
    const manifest = await ctx.catalog.manifest(runId);
    if (body.data.confirm !== manifest.run_id) {
      throw new HttpError(400, `confirm: "${body.data.confirm.slice(0, 100)}" is not the run id "${manifest.run_id}"`);
    }
    const all = await workspace.listRuns();
    const blocker = deletionBlocker(manifest, all);
    if (blocker !== null) throw new HttpError(409, `run "${manifest.run_id}" is protected: ${blocker}`);
    await ctx.forget(manifest.run_id);
    const bytes = await deleteRunWithAudit(workspace, manifest.run_id, reviewer, 'review server');
    return { deleted: manifest.run_id, bytes };
  });
}
