import { countPendingStructural, type DecisionsSection } from '../journal/applied.js';
import { Workspace } from '../pipeline/workspace.js';
/**
 * How many split, merge or set-primary decisions (must_link, cannot_link, set_primary — SPEC §10) of a run's
 * dataset were made after the run and wait for a re-run. A merge plan built while such decisions wait would
 * merge the groups the reviewer has already changed, so SPEC §13 refuses it unless `--allow-pending`.
 */
export type PendingStructuralDecisions = (workspace: string, runId: string) => Promise<number>;

/**
 * Counts the structural events of the run's dataset recorded after the journal seq the run read (kept in its
 * manifest); callers (the CLI, the export route) take the function as a parameter so tests can inject a stub.
 */
export const pendingStructuralDecisions: PendingStructuralDecisions = async (workspace, runId) => {
  const manifest = await new Workspace(workspace).readManifest(runId);
  const seen = (manifest.decisions as DecisionsSection | null)?.journal_seq ?? 0;
  return countPendingStructural(workspace, manifest.dataset, seen);
};
