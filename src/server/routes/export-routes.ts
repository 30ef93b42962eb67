import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { UsageError } from '../../core/index.js';
import { makeScratchDir, removeScratch } from '../../engine/scratch-files.js';
import { CONTENT_TYPES, exportFileName, filterSummary, parseFormat, parseScope } from '../../export/export-request.js';
import { exportRun } from '../../export/export-run.js';
import { groupQuerySchema } from '../../shared/api.js';
import { HttpError, parseQuery } from '../http-error.js';
import type { ReviewContext } from '../review-context.js';

/** Export parameters; every other parameter is the groups list's own query (REVIEW §2.6). */
const EXPORT_PARAMS = ['scope', 'format', 'allColumns', 'allowPending'] as const;

/**
 * `GET /api/runs/:runId/export?scope=…&format=…[&allColumns=true][&allowPending=true]&<groups query>`: the file
 * of `junction export` for the groups `GET /api/runs/:runId/groups` lists with the same query, streamed as an
 * attachment. A refused export (XLSX too large, merge plan with pending decisions) is a 409 with the reason.
 */
export function registerExportRoutes(app: FastifyInstance, ctx: ReviewContext): void {
  app.get<{ Params: { runId: string }; Querystring: Record<string, string | string[] | undefined> }>(
    '/api/runs/:runId/export',
    async (request, reply) => {
      const all = request.query ?? {};
      const one = (key: string): string | undefined => {
        const v = all[key];
        return Array.isArray(v) ? v[v.length - 1] : v;
      };
      const wrap = <T>(parse: () => T): T => {
        try {
          return parse();
        } catch (error) {
          throw error instanceof UsageError ? new HttpError(400, error.message.replace(/^--/, '')) : error;
        }
      };
      const scope = wrap(() => parseScope(one('scope') ?? ''));
      const format = wrap(() => parseFormat(one('format') ?? ''));
      const listQuery: Record<string, string | string[] | undefined> = { ...all };
      for (const key of EXPORT_PARAMS) delete listQuery[key];
      const query = parseQuery(groupQuerySchema, listQuery);
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(listQuery)) {
        if (typeof value === 'string') params.append(key, value);
      }
      const summary = filterSummary(params);
      const run = await ctx.open(request.params.runId);
      const name = exportFileName(run.manifest.run_id, scope, format, summary, new Date());
      const dir = await makeScratchDir('export');
      const cleanUp = (): Promise<void> => removeScratch(dir);
      try {
        await exportRun(
          ctx.store,
          run.tables,
          {
            scope,
            format,
            query,
            filterSummary: summary,
            allColumns: one('allColumns') === 'true',
            allowPending: one('allowPending') === 'true',
          },
          join(dir, name),
          { workspace: ctx.catalog.workspace.root },
        );
      } catch (error) {
        await cleanUp();
        throw error instanceof UsageError ? new HttpError(409, error.message) : error;
      }
      const stream = createReadStream(join(dir, name));
      stream.on('close', () => {
        // The file was sent; a leftover folder is removed at exit or swept by the next start, so say it and go on.
        cleanUp().catch((error: Error) => {
          process.stderr.write(`junction review: could not remove ${dir} (${error.message})\n`);
        });
      });
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(stream);
    },
  );
}
