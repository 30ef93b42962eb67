/**
 * One workbench write to the decisions journal (issue 13): sends the journal seq the tab last saw, shows the
 * outcome in one line (the server's refusal as it says it), and re-reads the decisions either way so the pending
 * count and Undo follow.
 */
import { useCallback, useState } from 'react';
import type { Decisions } from '../decisions/use-decisions.js';

export interface JournalWrite {
  busy: boolean;
  message: string | null;
  /** Runs `write` with the last seen seq; `done` turns its result into the line shown. False when refused. */
  run: <T>(write: (baseSeq: number) => Promise<T>, done: (result: T) => string) => Promise<boolean>;
}

export function useJournalWrite(decisions: Decisions): JournalWrite {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run = useCallback(
    async <T>(write: (baseSeq: number) => Promise<T>, done: (result: T) => string): Promise<boolean> => {
      if (!decisions.state) return false;
      setBusy(true);
      try {
        setMessage(done(await write(decisions.state.lastSeq)));
        return true;
      } catch (error) {
        setMessage(error instanceof Error ? error.message : String(error));
        return false;
      } finally {
        setBusy(false);
        decisions.reload();
      }
    },
    [decisions],
  );
  return { busy, message, run };
}
