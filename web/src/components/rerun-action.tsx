/**
 * "Re-run with decisions" (REVIEW §2.4): starts a pipeline run on the run's recorded input with the current
 * journal, shows the new run's stage progress (polled), and opens its groups when it completes.
 */
import { type ReactElement, useEffect, useState } from 'react';
import type { RunDetails } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { navigate, paths } from '../router.js';
import { Icon } from './icons.js';

const POLL_MS = 500;

export function RerunAction({ runId }: { runId: string }): ReactElement {
  const [newId, setNewId] = useState<string | null>(null);
  const [progress, setProgress] = useState<RunDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    if (newId === null) return;
    let stopped = false;
    const poll = (): void => {
      api.run(newId).then(
        (run) => {
          if (stopped) return;
          setProgress(run);
          if (run.status === 'complete') navigate(paths.groups(newId));
          else if (run.status === 'running') setTimeout(poll, POLL_MS);
          else setError(`run ${newId} ${run.status}${run.error ? `: ${run.error}` : ''}`);
        },
        (e: unknown) => {
          if (stopped) return;
          // The manifest may not be readable for a moment while the run writes it: try again.
          setTimeout(poll, POLL_MS);
          setError(e instanceof Error ? e.message : String(e));
        },
      );
    };
    poll();
    return () => {
      stopped = true;
    };
  }, [newId]);

  const start = async (): Promise<void> => {
    setStarting(true);
    setError(null);
    try {
      setNewId((await api.rerun(runId)).runId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  };

  const stage = progress?.stage ?? null;
  const stepText =
    progress === null
      ? 'starting…'
      : progress.status === 'complete'
        ? 'complete'
        : stage
          ? `stage ${progress.stageNames.indexOf(stage) + 1} of ${progress.stageNames.length}: ${stage}`
          : progress.status;
  return (
    <span className="rerun">
      <button
        type="button"
        className="small-button"
        disabled={starting || newId !== null}
        onClick={() => void start()}
        title="Run the pipeline again on the same input with the decisions recorded so far"
      >
        <Icon name="next" /> Re-run with decisions
      </button>
      {newId !== null && (
        <span className="rerun-progress" role="status" data-testid="rerun-progress">
          <span className="mono">{newId}</span> {stepText}
        </span>
      )}
      {error && (
        <span className="error inline-error" role="alert" data-testid="rerun-error">
          {error}
          <button type="button" className="link-button" onClick={() => setError(null)}>
            dismiss
          </button>
        </span>
      )}
    </span>
  );
}
