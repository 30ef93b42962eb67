/**
 * Bulk accept (REVIEW §2.4 bulk actions): accepts every group of the current view that is joined only by exact
 * names or edges ≥ high (the server picks them), after a confirmation, and reports how many were accepted.
 */
import { type ReactElement, useState } from 'react';
import type { GroupQuery } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { Icon } from '../components/icons.js';
import { plural } from '../format.js';

export function BulkAccept(props: { runId: string; query: GroupQuery; onDone: () => void }): ReactElement {
  const { runId, query, onDone } = props;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);

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
        <span className="confirm-inline">
          Accept every exact/high group of this view?
          <button type="button" className="small-button primary" disabled={busy} onClick={() => void accept()}>
            Yes, accept
          </button>
          <button type="button" className="small-button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className="small-button" onClick={() => setConfirming(true)}>
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
