/**
 * Group decisions in the drawer header (REVIEW §2.4): accept, mark reviewed (r), merge with another group.
 * Every action is a button with text + icon; with synthetic ids they are disabled and the reason is shown.
 */
import { type ReactElement, useRef, useState } from 'react';
import type { GroupDetails } from '../../../src/shared/api.js';
import { Icon } from '../components/icons.js';
import { markGroup, mergeGroups } from './decision-actions.js';
import { MergeDialog } from './merge-dialog.js';
import type { Decisions } from './use-decisions.js';

export const SYNTHETIC_IDS_TEXT =
  'Decisions are disabled: this run has no account id column (ids are row:N). Map an id column and run again.';

export function GroupToolbar(props: { runId: string; details: GroupDetails; decisions: Decisions }): ReactElement {
  const { runId, details, decisions } = props;
  const groupId = details.group.group_id;
  const [merging, setMerging] = useState(false);
  const mergeButton = useRef<HTMLButtonElement>(null);
  // The server judges marks against the members now (src/shared/review-marks.ts); the drawer re-reads the
  // group after every decision, so these follow the journal.
  const reviewed = details.group.reviewed;
  const accepted = details.group.accepted === true;
  const note = details.group.review_note ?? null;
  const disabled = !decisions.enabled || decisions.busy;
  const primary = details.group.primary_account_id;
  return (
    <div className="group-toolbar" role="toolbar" aria-label="Group decisions">
      <button
        type="button"
        className="small-button"
        disabled={disabled}
        aria-pressed={accepted}
        onClick={() => void markGroup(decisions, runId, groupId, 'group_accepted')}
      >
        <Icon name="keep" /> {accepted ? 'Accepted' : 'Accept group'}
      </button>
      <button
        type="button"
        className="small-button"
        disabled={disabled}
        aria-pressed={reviewed}
        aria-keyshortcuts="r"
        data-testid="mark-reviewed"
        onClick={() => void markGroup(decisions, runId, groupId, 'group_reviewed')}
      >
        <Icon name="check" /> {reviewed ? 'Reviewed' : 'Mark reviewed'} <kbd>r</kbd>
      </button>
      <button
        ref={mergeButton}
        type="button"
        className="small-button"
        disabled={disabled || primary === null}
        onClick={() => setMerging(true)}
      >
        <Icon name="merge" /> Merge with…
      </button>
      {note !== null && (
        <span className={reviewed ? 'review-note' : 'review-note stale'} data-testid="review-note">
          <Icon name={reviewed ? 'check' : 'verify'} />
          {note}
        </span>
      )}
      {decisions.state && !decisions.enabled && <span className="muted small">{SYNTHETIC_IDS_TEXT}</span>}
      {merging && primary !== null && (
        <MergeDialog
          runId={runId}
          groupId={groupId}
          busy={decisions.busy}
          onMerge={(target) => {
            if (target.primary_account_id === null) return;
            void mergeGroups(decisions, primary, target.primary_account_id, target.group_id).then(() => {
              setMerging(false);
              mergeButton.current?.focus();
            });
          }}
          onClose={() => {
            setMerging(false);
            mergeButton.current?.focus();
          }}
        />
      )}
    </div>
  );
}
