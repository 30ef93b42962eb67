import { rename, rm } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import { writeExportFile, XLSX_MAX_ROWS } from '../engine/export-files.js';
import { CASCADE_WARNING } from '../engine/export-scopes.js';
import type { ReviewStore, RunTables } from '../engine/review-store.js';
import { canonicalNamesTable } from './export-canonical-names.js';
import type { ExportRequest } from './export-request.js';
import { type PendingStructuralDecisions, pendingStructuralDecisions } from './pending-decisions.js';

export { XLSX_MAX_ROWS };

export interface ExportEnvironment {
  /** Workspace folder, for the decisions journal. */
  workspace: string;
  /** Counts structural decisions pending a re-run; default reads the journal (issue 7). */
  pending?: PendingStructuralDecisions;
  /** Worksheet row limit, header included; tests inject a small one. */
  xlsxMaxRows?: number;
}

export interface ExportResult {
  file: string;
  /** Data rows written (header excluded). */
  rows: number;
  /** Groups the filter listed. */
  groups: number;
  /** Merge plan: duplicates held back (Verify, or a master that is not Keep); 0 for other scopes. */
  held: number;
  /** A sentence the user should read (the delete cascade, singletons left out by the filter), or null. */
  notes: string[];
}

/**
 * Write one export (SPEC §13, REVIEW §2.6) of the groups `request.query` lists to `file`: refused while
 * structural decisions wait for a re-run (merge plan, unless `allowPending`); written by the engine
 * (`writeExportFile`) to `<file>.partial` and renamed, so the file appears only when complete.
 */
export async function exportRun(
  store: ReviewStore,
  tables: RunTables,
  request: ExportRequest,
  file: string,
  env: ExportEnvironment,
): Promise<ExportResult> {
  if (request.scope === 'merge-plan' && !request.allowPending) {
    const pending = await (env.pending ?? pendingStructuralDecisions)(env.workspace, tables.runId);
    if (pending > 0) {
      throw new UsageError(
        `${pending} split, merge or set-primary decision${pending === 1 ? '' : 's'} wait for a re-run: re-run with decisions first, or pass --allow-pending to export the merge plan of this run as it is.`,
      );
    }
  }
  const partial = `${file}.partial`;
  try {
    const counts = await writeExportFile(
      store,
      tables,
      {
        scope: request.scope,
        format: request.format,
        query: request.query,
        allColumns: request.allColumns,
        xlsxMaxRows: env.xlsxMaxRows ?? XLSX_MAX_ROWS,
        canonicalNames: request.scope === 'merge-plan' ? await canonicalNamesTable(store, tables, env.workspace) : null,
      },
      partial,
    );
    await rename(partial, file);
    return { file, ...counts, notes: notesFor(request) };
  } finally {
    await rm(partial, { force: true });
  }
}

/** What the user must be told with this export (REVIEW §2.6: never drop primaries or singletons silently). */
function notesFor(request: ExportRequest): string[] {
  const notes: string[] = [];
  if (request.query.view === 'queue' || request.query.multiOnly === 'true') {
    notes.push(
      request.query.view === 'queue'
        ? 'the queue view leaves out singletons without a Verify record: filter with view=all to export every group.'
        : 'multiOnly=true leaves out singletons: drop it to export every group.',
    );
  }
  // The same words as the delete list's cascade_warning column: one wording (issue 12 item 9).
  if (request.scope === 'delete-list') notes.push(CASCADE_WARNING);
  return notes;
}
