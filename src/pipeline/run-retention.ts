import type { Manifest } from './manifest.js';
import { effectiveStatus } from './workspace.js';

/** Why a run must not be deleted (SPEC §12), or null when it may be. */
export function deletionBlocker(run: Manifest, all: readonly Manifest[]): string | null {
  if (run.pinned) return 'pinned (unpin it first)';
  if (effectiveStatus(run) === 'running') return 'still running';
  const newestComplete = all.find((m) => m.status === 'complete');
  if (newestComplete !== undefined && newestComplete.run_id === run.run_id) return 'the newest complete run';
  return null;
}
