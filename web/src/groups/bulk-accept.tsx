/**
 * Bulk accept (REVIEW §2.4 bulk actions): accepts every group of the current view that is joined only by exact
 * names or edges ≥ high (the server picks them). The confirmation says how many groups that is (a dry run of
 * the same request) and Escape cancels it (issue 13 defect 6); the result says how many were accepted.
 */
import { type ReactElement, useEffect, useRef, useState } from 'react';
import type { GroupQuery } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { Icon } from '../components/icons.js';
import { plural } from '../format.js';

export function BulkAccept(props: { runId: string; query: GroupQuery; onDone: () => void }): ReactElement {
  const { runId, query, onDone } = props;
  const [confirming, setConfirming] = useState(false);
  /** Groups the accept would mark; null while counting. */
  const [count, setCount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!confirming) return;
    let live = true;
    setCount(null);
    api.acceptBulk(runId, query, true).then(
      (r) => {
        if (live) setCount(r.accepted);
      },
      (e: unknown) => {
        if (!live) return;
        setResult({ text: e instanceof Error ? e.message : String(e), error: true });
        setConfirming(false);
      },
    );
    return () => {
      live = false;
    };
  }, [confirming, runId, query]);

  useEffect(() => {
    if (confirming && count !== null) confirmButton.current?.focus();
  }, [confirming, count]);

  const cancel = (): void => setConfirming(false);

  // Focus returns to the opener when the confirmation closes.
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (wasConfirming.current && !confirming) opener.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  // Escape cancels wherever the focus is (the bar is hidden while a group is open, so it never closes the drawer).
  useEffect(() => {
    if (!confirming) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      setConfirming(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [confirming]);

  const accept = async (): Promise<void> => {
    setBusy(true);
    try {
      const { accepted } = await api.acceptBulk(runId, query);
      setResult({ text: `Accepted ${plural(accepted, 'group')}`, error: false });
    } catch (e) {
      setResult({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
      setConfirming(false);
      onDone();
    }
  };

  return (
    <span className="bulk-accept">
      {confirming ? (
        <span className="confirm-inline" role="status" data-testid="bulk-confirm">
          {count === null ? (
            'Counting the exact/high groups of this view…'
          ) : count === 0 ? (
            'No group of this view is joined only by exact names or edges ≥ high (or all are accepted).'
          ) : (
            <>
              Accept <strong>{plural(count, 'group')}</strong> of this view joined only by exact names or edges ≥ high?
            </>
          )}
          <button
            ref={confirmButton}
            type="button"
            className="small-button primary"
            disabled={busy || count === null || count === 0}
            onClick={() => void accept()}
          >
            {count === null ? 'Yes, accept' : `Yes, accept ${plural(count, 'group')}`}
          </button>
          <button type="button" className="small-button" onClick={cancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        </span>
      ) : (
        <button ref={opener} type="button" className="small-button" onClick={() => setConfirming(true)}>
          <Icon name="check" /> Accept all exact/high groups in this view
        </button>
      )}
      {result && (
        <span
          className={result.error ? 'error inline-error' : 'notice inline-notice'}
          role="status"
          data-testid="bulk-result"
        >
          {result.text}
          <button type="button" className="link-button" onClick={() => setResult(null)}>
            dismiss
          </button>
        </span>
      )}
    </span>
  );
}
