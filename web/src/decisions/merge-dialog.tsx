/**
 * Merge with another group (REVIEW §2.4): type a group id, account id or name; the groups API search lists
 * candidates; choosing one writes a must-link. A modal dialog: focus starts in the search box, Escape closes,
 * focus returns to the opener.
 */
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { type GroupRow, groupQuerySchema } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { Icon } from '../components/icons.js';

export function MergeDialog(props: {
  runId: string;
  groupId: string;
  busy: boolean;
  onMerge: (target: GroupRow) => void;
  onClose: () => void;
}): ReactElement {
  const { runId, groupId, busy, onMerge, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<GroupRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    const text = q.trim();
    if (text.length === 0) {
      setRows([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const query = groupQuerySchema.parse({ view: 'all', q: text, limit: 10 });
      api.groups(runId, query, controller.signal).then(
        (page) => {
          setRows(page.rows.filter((r) => r.group_id !== groupId));
          setError(null);
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
        },
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, runId, groupId]);

  return (
    <dialog
      ref={dialog}
      className="merge-dialog"
      aria-labelledby="merge-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      <h2 id="merge-title">Merge {groupId} with another group</h2>
      <label>
        Group id, account id or name{' '}
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-describedby="merge-help"
          data-testid="merge-search"
        />
      </label>
      <p id="merge-help" className="muted small">
        The groups join on the next run (a must-link between the two primaries).
      </p>
      {error && <p className="error">{error}</p>}
      <ul className="merge-results" aria-label="Matching groups">
        {rows.map((r) => (
          <li key={r.group_id}>
            <button
              type="button"
              className="small-button"
              disabled={busy || r.primary_account_id === null}
              onClick={() => onMerge(r)}
              data-group-id={r.group_id}
            >
              <Icon name="merge" /> Merge with <span className="mono">{r.group_id}</span> {r.primary_name ?? ''} (
              {r.size} members)
            </button>
          </li>
        ))}
        {q.trim().length > 0 && rows.length === 0 && <li className="muted">No other group matches.</li>}
      </ul>
      <button type="button" className="small-button" onClick={onClose}>
        <Icon name="close" /> Cancel
      </button>
    </dialog>
  );
}
