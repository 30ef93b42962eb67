import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../core/errors.js';
import { Workspace } from '../pipeline/workspace.js';
import { engineOptions } from './engine-options.js';

interface ExportFlags {
  scope: string;
  format: string;
  filter?: string;
  out?: string;
  allowPending?: boolean;
  allColumns?: boolean;
  workspace?: string;
  config?: string;
}

/**
 * `junction export` (SPEC §13, REVIEW §2.6): the groups the review UI lists for `--filter` (every group
 * without it), opened exactly as the review server opens a run, so the export is the listed set.
 */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export records, groups, a merge plan, a delete list or a reparent list of a run')
    .argument('<run>', 'run id (see `junction runs list`)')
    .requiredOption('--scope <scope>', 'records | groups | merge-plan | delete-list | reparent')
    .requiredOption('--format <format>', 'csv (for spreadsheets) | loader-csv (exact values) | xlsx | parquet')
    .option(
      '--filter <query>',
      "the review UI's query string, e.g. 'view=all&disposition=Verify' (default: every group)",
    )
    .option('--out <file>', 'file to write (default: <run>_<scope>_<UTC time>_<filter>.<ext> here)')
    .option('--allow-pending', 'export a merge plan even while split/merge/set-primary decisions wait for a re-run')
    .option('--all-columns', 'records scope: every column instead of the reviewer subset')
    .option('--workspace <dir>', 'workspace folder (default ./junction-workspace or $JUNCTION_WORKSPACE)')
    .option('--config <file>', 'YAML config (engine.memory_limit, engine.threads)')
    .action(async (runId: string, flags: ExportFlags) => {
      const [
        { ReviewStore },
        { exportFileName, parseExportFilter, parseFormat, parseScope },
        { exportRun },
        { HttpError },
        { ReviewContext },
        { RunCatalog },
      ] = await Promise.all([
        import('../engine/review-store.js'),
        import('../export/export-request.js'),
        import('../export/export-run.js'),
        import('../server/http-error.js'),
        import('../server/review-context.js'),
        import('../server/run-catalog.js'),
      ]);
      const scope = parseScope(flags.scope);
      const format = parseFormat(flags.format);
      const { query, summary } = parseExportFilter(flags.filter);
      const workspace = new Workspace(flags.workspace);
      const config = await loadConfig(flags.config);
      const store = await ReviewStore.open(await engineOptions(config.engine, workspace, 'export'));
      try {
        const ctx = new ReviewContext(new RunCatalog(workspace), store);
        const run = await ctx.open(runId).catch((error: unknown) => {
          if (error instanceof HttpError) {
            throw new UsageError(`${error.message}${error.status === 404 ? ' (see `junction runs list`)' : ''}.`);
          }
          throw error;
        });
        const file = resolve(flags.out ?? exportFileName(runId, scope, format, summary, new Date()));
        const result = await exportRun(
          store,
          run.tables,
          {
            scope,
            format,
            query,
            filterSummary: summary,
            allColumns: flags.allColumns === true,
            allowPending: flags.allowPending === true,
          },
          file,
          { workspace: workspace.root },
        );
        const held = scope === 'merge-plan' ? `, ${result.held.toLocaleString('en-US')} held for review` : '';
        process.stdout.write(
          `wrote ${result.rows.toLocaleString('en-US')} rows (${result.groups.toLocaleString('en-US')} groups${held}) to ${result.file}\n`,
        );
        for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
      } finally {
        store.close();
      }
    });
}
