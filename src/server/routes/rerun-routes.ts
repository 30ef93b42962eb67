import { access } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { withWorkspaceConfig } from '../../config/load.js';
import { executeRun, newRunIdFor } from '../../pipeline/run.js';
import { effectiveStatus } from '../../pipeline/workspace.js';
import type { RerunResponse } from '../../shared/api.js';
import { HttpError, parseQuery } from '../http-error.js';
import type { ReviewContext } from '../review-context.js';
import { recordedConfig } from '../run-config.js';

const noParameters = z.strictObject({});
/** Up to 10 s (50 ms steps) for the new run's manifest: executeRun hashes the input before writing it. */
const MANIFEST_WAIT_STEPS = 200;

/**
 * "Re-run with decisions" (REVIEW §2.4): `POST /api/runs/:runId/rerun` starts `executeRun` on the run's
 * recorded input, config and `--col` mapping in the same workspace, in the background, and answers with the new
 * run id at once; the run reads the current journal (SPEC §10) and its progress shows through
 * `GET /api/runs/:id`. One at a time: 409 while this server's re-run or any live run of the workspace runs.
 */
export function registerRerunRoutes(app: FastifyInstance, ctx: ReviewContext, report: (error: Error) => void): void {
  const workspace = ctx.catalog.workspace;
  let live: Promise<void> | null = null;
  // A closing server interrupts its re-run: the manifest says `interrupted`, never `running` with a dead pid.
  const closing = new AbortController();
  app.addHook('onClose', async () => {
    closing.abort();
    await live;
  });

  app.post<{ Params: { runId: string } }>('/api/runs/:runId/rerun', async (request): Promise<RerunResponse> => {
    parseQuery(noParameters, request.query);
    if (live !== null) throw new HttpError(409, 'a re-run is already in progress: wait for it to finish');
    let release: () => void = () => undefined;
    live = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    try {
      const manifest = await ctx.catalog.manifest(request.params.runId);
      const running = (await workspace.listRuns()).find((m) => effectiveStatus(m) === 'running');
      if (running !== undefined) {
        throw new HttpError(409, `run "${running.run_id}" is still running: wait for it to finish`);
      }
      const input = manifest.input;
      if (input === null || input.path.length === 0) {
        throw new HttpError(409, `run "${manifest.run_id}" recorded no input file to run again`);
      }
      if (
        !(await access(input.path).then(
          () => true,
          () => false,
        ))
      ) {
        throw new HttpError(409, `the input of run "${manifest.run_id}" is gone: ${input.path}`);
      }
      // The workspace's junction.yaml (where the threshold explorer applies a threshold) wins over the recorded keys.
      const config =
        recordedConfig(manifest) === null ? null : await withWorkspaceConfig(manifest.config, workspace.root);
      if (config === null) {
        throw new HttpError(
          409,
          `run "${manifest.run_id}" has a config this version cannot read: run it from the command line`,
        );
      }
      const colOverrides: Record<string, string> = {};
      for (const [field, header] of Object.entries(manifest.mapping)) {
        if (manifest.mapping_sources[field] === 'cli') colOverrides[field] = header;
      }
      const runId = await newRunIdFor(workspace, input.path);
      const run = executeRun({
        workspace,
        config,
        inputPath: input.path,
        sheet: input.sheet,
        encoding: 'auto',
        colOverrides,
        excludeHeaders: [],
        decisions: null,
        runId,
        noCache: false,
        workers: config.workers,
        signal: closing.signal,
      });
      started = true;
      let failure: Error | null = null;
      run.then(
        () => release(),
        (error: Error) => {
          failure = error;
          report(new Error(`re-run ${runId} failed: ${error.message}`));
          release();
        },
      );
      let settled = false;
      live.then(() => {
        settled = true;
        live = null;
      });
      // Answer once the new manifest exists, so the client's first poll of GET /api/runs/:id finds the run.
      const manifestPath = workspace.manifestPath(runId);
      for (let k = 0; k < MANIFEST_WAIT_STEPS && !settled; k++) {
        if (
          await access(manifestPath).then(
            () => true,
            () => false,
          )
        )
          break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const refused = failure as Error | null;
      if (
        refused !== null &&
        !(await access(manifestPath).then(
          () => true,
          () => false,
        ))
      ) {
        throw new HttpError(409, `re-run refused: ${refused.message.split('\n')[0]?.slice(0, 300)}`);
      }
      return { runId, from: manifest.run_id };
    } finally {
      if (!started) {
        release();
        live = null;
      }
    }
  });
}
