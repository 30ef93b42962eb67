import { removeTrackedTempSync } from '../engine/scratch-files.js';
import { executeRun, type RunRequest, type RunResult } from '../pipeline/run.js';

/** Exit code of an interrupted command (SPEC §13). */
export const EXIT_INTERRUPTED = 130;

let action: (() => void) | null = null;

/**
 * Ctrl-C and SIGTERM for every command (issue 12 item 7): the command's own action when it set one (the review
 * server closes, a run marks its manifest), otherwise exit 130. Every exit removes this process's temp files.
 */
export function installInterruptHandling(): void {
  const onSignal = (): void => {
    if (action !== null) {
      action();
      return;
    }
    process.stderr.write('junction: interrupted\n');
    process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', removeTrackedTempSync);
}

/** Run `handler` on the next Ctrl-C / SIGTERM instead of exiting; returns the function that undoes it. */
export function onInterrupt(handler: () => void): () => void {
  action = handler;
  return () => {
    if (action === handler) action = null;
  };
}

/**
 * `executeRun` under Ctrl-C: the manifest is marked `interrupted` (synchronously, by the run's abort
 * listener), then the process exits 130 at once — a stage in the middle of a DuckDB query or a scoring batch
 * is not waited for.
 */
export async function executeRunInterruptibly(request: Omit<RunRequest, 'signal'>): Promise<RunResult> {
  const controller = new AbortController();
  const restore = onInterrupt(() => {
    controller.abort();
    process.stderr.write('junction: interrupted; the run is marked interrupted (see `junction runs list`)\n');
    process.exit(EXIT_INTERRUPTED);
  });
  try {
    return await executeRun({ ...request, signal: controller.signal });
  } finally {
    restore();
  }
}
