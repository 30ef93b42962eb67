/**
 * The reviewer's decisions on one run (REVIEW §2.4): the folded state from the journal, and `decide`, which
 * writes one event with the last seq this tab saw. A stale write (409) shows the server's one-line message and
 * reloads the state; nothing is confirmed before the server has fsynced the event.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { DecisionRequest, DecisionState } from '../../../src/shared/api.js';
import { ApiError, api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { type RunDecisions, runDecisions } from './decision-model.js';

export type DecisionDraftRequest = Omit<DecisionRequest, 'base_seq'>;

export interface Decisions {
  state: DecisionState | undefined;
  /** The shared decision model as seen from this run (applied vs pending, undoable); null until loaded. */
  index: RunDecisions | null;
  /** False when the run has synthetic ids (SPEC §2.1) or the state is not loaded. */
  enabled: boolean;
  busy: boolean;
  /** The last refusal or failure, one line; null after a successful write. */
  message: string | null;
  /** The last successful write, for a polite status line. */
  notice: string | null;
  decide: (request: DecisionDraftRequest, notice: string) => Promise<boolean>;
  undo: () => Promise<boolean>;
  dismiss: () => void;
  /** Re-reads the journal state (after a bulk action written outside `decide`). */
  reload: () => void;
}

/** `onWritten` runs after each confirmed write (e.g. to refresh the review progress). */
export function useDecisions(runId: string, onWritten?: () => void): Decisions {
  const written = useRef(onWritten);
  written.current = onWritten;
  const resource = useResource(`decisions:${runId}`, (signal) => api.decisions(runId, signal));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const state = resource.data;
  const index = useMemo(() => (state ? runDecisions(state) : null), [state]);
  const { reload } = resource;

  const decide = useCallback(
    async (request: DecisionDraftRequest, text: string): Promise<boolean> => {
      if (!state) return false;
      setBusy(true);
      try {
        await api.decide(runId, { ...request, base_seq: state.lastSeq });
        setMessage(null);
        setNotice(text);
        written.current?.();
        return true;
      } catch (error) {
        const status = error instanceof ApiError ? error.status : 0;
        const text = error instanceof Error ? error.message : String(error);
        setMessage(status === 409 ? `${text} (The latest decisions are now shown.)` : text);
        setNotice(null);
        return false;
      } finally {
        setBusy(false);
        reload();
      }
    },
    [runId, state, reload],
  );

  const undo = useCallback(async (): Promise<boolean> => {
    const last = index?.model.undoable ?? null;
    if (last === null) return false;
    return decide({ kind: last.kind, undoes: last.seq }, `Undid: ${last.kind.replaceAll('_', ' ')}`);
  }, [index, decide]);

  return {
    state,
    index,
    enabled: state?.recordDecisionsEnabled ?? false,
    busy,
    message: message ?? (resource.error ? `Could not load decisions: ${resource.error.message}` : null),
    notice,
    decide,
    undo,
    dismiss: () => setMessage(null),
    reload,
  };
}
