import type { Manifest } from './manifest.js';
import { effectiveStatus, type Workspace } from './workspace.js';

/** Why a run must not be deleted (SPEC §12), or null when it may be. */
export function deletionBlocker(run: Manifest, all: readonly Manifest[]): string | null {
  if (run.pinned) return 'pinned (unpin it first)';
  if (effectiveStatus(run) === 'running') return 'still running';
  const newestComplete = all.find((m) => m.status === 'complete');
  if (newestComplete !== undefined && newestComplete.run_id === run.run_id) return 'the newest complete run';
  return null;
}

/** Delete a run folder and write its audit line (SPEC §12); the caller has checked `deletionBlocker`. */
export async function deleteRunWithAudit(
  workspace: Workspace,
  runId: string,
  by: string,
  via: string,
): Promise<number> {
  const bytes = await workspace.sizeOnDisk(runId);
  await workspace.removeRun(runId);
  await workspace.audit(`deleted run ${runId} (${(bytes / 1e6).toFixed(1)} MB) by ${by} via ${via}`);
  return bytes;
}
