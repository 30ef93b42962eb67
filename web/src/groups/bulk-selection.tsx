/**
 * The "N selected" bar and the bulk actions on the selected groups (REVIEW §2.4 "bulk actions on selected
 * rows"): mark reviewed, accept, and a disposition override on each group's primary. Each group gets its own
 * decision, written one after another with the last seq the server returned, so the journal reads exactly as if
 * the reviewer had clicked each group; the first refusal stops the run and shows the server's one-line message.
 */
import { type ReactElement, useState } from 'react';
import { DISPOSITIONS, type Disposition } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { Icon } from '../components/icons.js';
import { DISPOSITION_LABELS } from '../components/labels.js';
import { allMemberIds } from '../decisions/group-members.js';
import type { DecisionDraftRequest } from '../decisions/use-decisions.js';
import { plural } from '../format.js';
import type { GridRow } from './use-group-pages.js';
import type { Selection } from './use-selection.js';

type BulkAction = { kind: 'group_reviewed' } | { kind: 'group_accepted' } | { kind: 'override'; value: Disposition };

function doneText(done: number, action: BulkAction): string {
  const groups = plural(done, 'group');
  if (action.kind === 'override') return `${groups}: primary set to ${action.value}`;
  return `${groups} ${action.kind === 'group_reviewed' ? 'marked reviewed' : 'accepted'}`;
}

/** The decision for one group; group-level kinds name the whole member set (paged, never truncated). */
async function requestFor(runId: string, row: GridRow, action: BulkAction): Promise<DecisionDraftRequest> {
  if (action.kind === 'override') {
    if (row.primary_account_id === null) throw new Error(`${row.group_id} has no primary`);
    return {
      kind: 'disposition_override',
      account_ids: [row.primary_account_id],
      value: action.value,
      reason: 'bulk action',
    };
  }
  return { kind: action.kind, account_ids: await allMemberIds(runId, row.group_id) };
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

export function SelectionBar(props: {
  runId: string;
  selection: Selection;
  /** False when the run cannot take record decisions (synthetic ids). */
  enabled: boolean;
  onDone: () => void;
}): ReactElement | null {
  const { runId, selection, enabled, onDone } = props;
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);
  const [disposition, setDispositionChoice] = useState<Disposition>('Keep');
  const count = selection.rows.length;
  if (count === 0 && progress === null && result === null) return null;

  const run = async (action: BulkAction): Promise<void> => {
    const rows = selection.rows;
    const total = rows.length;
    setResult(null);
    setProgress({ done: 0, total });
    let done = 0;
    try {
      let seq = (await api.decisions(runId)).lastSeq;
      for (const row of rows) {
        const request = await requestFor(runId, row, action);
        seq = (await api.decide(runId, { ...request, base_seq: seq })).lastSeq;
        done += 1;
        setProgress({ done, total });
      }
      setResult({ text: doneText(done, action), error: false });
      selection.clear();
    } catch (error) {
      setResult({ text: `Stopped after ${done} of ${total}: ${oneLine(error)}`, error: true });
    } finally {
      setProgress(null);
      onDone();
    }
  };

  const busy = progress !== null;
  return (
    <section className="selection-bar" aria-label="Selected groups" data-testid="selection-bar">
      {count > 0 && (
        <>
          <strong data-testid="selected-count">{plural(count, 'group')} selected</strong>
          <button type="button" className="link-button" disabled={busy} onClick={selection.clear}>
            Clear
          </button>
          <button
            type="button"
            className="small-button"
            disabled={busy || !enabled}
            onClick={() => void run({ kind: 'group_reviewed' })}
          >
            <Icon name="check" /> Mark reviewed
          </button>
          <button
            type="button"
            className="small-button"
            disabled={busy || !enabled}
            onClick={() => void run({ kind: 'group_accepted' })}
          >
            <Icon name="check" /> Accept
          </button>
          <span className="bulk-disposition">
            <label>
              Set primary's disposition{' '}
              <select
                value={disposition}
                disabled={busy || !enabled}
                onChange={(e) => setDispositionChoice(e.target.value as Disposition)}
              >
                {DISPOSITIONS.map((d) => (
                  <option key={d} value={d}>
                    {DISPOSITION_LABELS[d].text}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="small-button"
              disabled={busy || !enabled}
              onClick={() => void run({ kind: 'override', value: disposition })}
            >
              Apply to primaries
            </button>
          </span>
        </>
      )}
      {progress && (
        <span className="notice inline-notice" role="status" data-testid="bulk-progress">
          {progress.done} of {progress.total}
        </span>
      )}
      {result && (
        <span
          className={result.error ? 'error inline-error' : 'notice inline-notice'}
          role={result.error ? 'alert' : 'status'}
          data-testid="selection-result"
        >
          {result.text}
          <button type="button" className="link-button" onClick={() => setResult(null)}>
            dismiss
          </button>
        </span>
      )}
    </section>
  );
}
