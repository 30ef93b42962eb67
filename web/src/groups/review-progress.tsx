/**
 * Review progress, always visible (REVIEW §2.2): "0 of 8,913 groups reviewed", a bar, and "next unreviewed".
 * The denominator is the work queue (groups that need a human); counts come from the run summary endpoint.
 */
import type { ReactElement } from 'react';
import { Icon } from '../components/icons.js';
import { fmtInt } from '../format.js';
import { linkClick } from '../router.js';

export function ReviewProgress(props: {
  reviewed: number;
  queueTotal: number | null;
  /** Link to the most urgent unreviewed group, null when all are reviewed. */
  nextHref: string | null;
}): ReactElement {
  const { reviewed, queueTotal, nextHref } = props;
  const pct = queueTotal ? Math.min(100, (reviewed / queueTotal) * 100) : 0;
  return (
    <div className="progress">
      <span className="progress-text" data-testid="review-progress">
        <strong>{fmtInt(reviewed)}</strong> of <strong>{queueTotal === null ? '…' : fmtInt(queueTotal)}</strong> groups
        reviewed
      </span>
      <span
        className="progress-bar"
        role="progressbar"
        aria-label="Review progress"
        aria-valuemin={0}
        aria-valuemax={queueTotal ?? 0}
        aria-valuenow={reviewed}
      >
        <span style={{ width: `${pct}%` }} />
      </span>
      {nextHref === null ? (
        <span className="muted">{queueTotal ? 'all reviewed' : ''}</span>
      ) : (
        <a className="next-unreviewed" href={nextHref} onClick={linkClick(nextHref)}>
          Next unreviewed <Icon name="next" />
        </a>
      )}
    </div>
  );
}
