import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { canonicalNames } from '../engine/review-canonical-names.js';
import type { ReviewStore, RunTables } from '../engine/review-store.js';
import { JOURNAL_FILE, JournalError, readJournal } from '../journal/journal-file.js';
import { Workspace } from '../pipeline/workspace.js';

/**
 * The table (group_id, canonical_name) of the steward's current canonical names for a run's groups (issue 13),
 * read from the workspace journal: the merge plan's `canonical_name` column. A name typed for a member set that
 * has changed since is stale and left out (SPEC §10), as the review UI shows it.
 */
export type CanonicalNamesTable = (store: ReviewStore, tables: RunTables, workspace: string) => Promise<string>;

export const canonicalNamesTable: CanonicalNamesTable = async (store, tables, workspace) => {
  const manifest = await new Workspace(workspace).readManifest(tables.runId);
  const { events } = await readJournal(join(workspace, JOURNAL_FILE)).catch((error: unknown) => {
    throw error instanceof JournalError ? new UsageError(error.message, 'journal') : error;
  });
  return (await canonicalNames(store, tables, events, manifest.dataset)).table;
};
