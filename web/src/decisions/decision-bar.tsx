/**
 * Header part of the decisions (REVIEW §2.4): the count of pending decisions (they apply on the next run), undo
 * of the newest decision as a compensating event, and the one-line outcome of the last write.
 */
import type { ReactElement } from 'react';
import { describeDecision } from '../../../src/shared/decision-words.js';
import { Icon } from '../components/icons.js';
import type { Decisions } from './use-decisions.js';

/** The count and Undo follow the shared model: what this run applied is neither pending nor undoable (issue 13). */
export function DecisionBar({ decisions }: { decisions: Decisions }): ReactElement {
  const pending = decisions.index?.model.pendingCount ?? 0;
  const last = decisions.index?.model.undoable ?? null;
  return (
    <div className="decision-bar">
      <span className="pending-count" data-testid="pending-count" title="Decisions apply on the next run">
        <Icon name="edit" />
        {pending === 1 ? '1 pending decision' : `${pending.toLocaleString('en-US')} pending decisions`}
      </span>
      <button
        type="button"
        className="small-button"
        disabled={last === null || decisions.busy}
        onClick={() => void decisions.undo()}
        title={last === null ? 'Nothing to undo since this run' : `Undo: ${describeDecision(last)}`}
      >
        <Icon name="undo" /> Undo
      </button>
    </div>
  );
}

/** The outcome line under the toolbar: an alert for a refused write, a status for a confirmed one. */
export function DecisionMessages({ decisions }: { decisions: Decisions }): ReactElement | null {
  if (decisions.message !== null) {
    return (
      <p className="error decision-message" role="alert" data-testid="decision-message">
        {decisions.message}
        <button type="button" className="link-button" onClick={decisions.dismiss}>
          dismiss
        </button>
      </p>
    );
  }
  return (
    <p className="sr-only" role="status" data-testid="decision-notice">
      {decisions.notice ?? ''}
    </p>
  );
}
