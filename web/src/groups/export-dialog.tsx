/**
 * Export (REVIEW §2.6, SPEC §13): scope and format for exactly the list's current query. The server streams the
 * file; a refusal (merge plan while structural decisions are pending, XLSX too large) is a 409 whose one-line
 * message is shown here, with "allow pending" offered for the merge plan.
 */
import { type ReactElement, useEffect, useRef, useState } from 'react';
import type { GroupQuery } from '../../../src/shared/api.js';
import { apiErrorSchema } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { Icon } from '../components/icons.js';
import { fmtBytes } from '../format.js';

const SCOPES = [
  ['records', 'Records (members of the listed groups)'],
  ['groups', 'Groups (one row per group)'],
  ['merge-plan', 'Merge plan (master–duplicate pairs)'],
  ['delete-list', 'Delete list'],
  ['reparent', 'Re-parent list'],
] as const;
const FORMATS = [
  ['csv', 'CSV for spreadsheets (formula-like cells neutralised)'],
  ['loader-csv', 'Loader CSV (values exact)'],
  ['xlsx', 'Excel (XLSX)'],
  ['parquet', 'Parquet'],
] as const;

type Scope = (typeof SCOPES)[number][0];
type Format = (typeof FORMATS)[number][0];

function fileNameOf(response: Response): string {
  const header = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(header)?.[1] ?? 'export';
}

export function ExportDialog(props: {
  runId: string;
  query: GroupQuery;
  /** The list's total, to say how many groups go out. */
  total: number | null;
  onClose: () => void;
}): ReactElement {
  const { runId, query, total, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [scope, setScope] = useState<Scope>('records');
  const [format, setFormat] = useState<Format>('csv');
  const [allowPending, setAllowPending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  // A message belongs to the choices it answered: changing scope, format or "allow pending" clears it, and a
  // download still running for the old choices saves its file but does not report back (issue 13 defect 6).
  const choices = `${scope}|${format}|${allowPending}`;
  const current = useRef(choices);
  current.current = choices;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `choices` is the trigger
  useEffect(() => {
    setRefusal(null);
    setDone(null);
  }, [choices]);

  const params: Record<string, string> = { scope, format };
  if (scope === 'merge-plan' && allowPending) params.allowPending = 'true';
  const url = api.exportUrl(runId, query, params);

  const download = async (): Promise<void> => {
    setBusy(true);
    setRefusal(null);
    setDone(null);
    const asked = choices;
    try {
      const response = await fetch(url);
      if (!response.ok) {
        const body = apiErrorSchema.safeParse(await response.json().catch(() => null));
        if (current.current !== asked) return;
        setRefusal(body.success ? body.data.error : `${response.status} ${response.statusText}`);
        return;
      }
      const blob = await response.blob();
      const name = fileNameOf(response);
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      if (current.current === asked) setDone(`Downloaded ${name} (${fmtBytes(blob.size)})`);
    } catch (e) {
      if (current.current === asked) setRefusal(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="merge-dialog export-dialog"
      aria-labelledby="export-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="export-title">
        Export {total === null ? 'the listed groups' : `the ${total.toLocaleString('en-US')} listed groups`}
      </h2>
      <p className="muted small">
        Exactly the current filter and search; the file name carries the run, time and filter.
      </p>
      <div className="export-choices">
        <fieldset>
          <legend>Scope</legend>
          {SCOPES.map(([value, label]) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name="scope"
                value={value}
                checked={scope === value}
                onChange={() => setScope(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map(([value, label]) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name="format"
                value={value}
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
      </div>
      {scope === 'merge-plan' && (
        <label className="choice">
          <input type="checkbox" checked={allowPending} onChange={(e) => setAllowPending(e.target.checked)} />
          Allow pending decisions (export although splits, merges or primary changes wait for the next run)
        </label>
      )}
      {scope === 'delete-list' && (
        <p className="warning small">
          Deleting an account may cascade to its contacts and children: check the re-parent list first.
        </p>
      )}
      {refusal && (
        <p className="error" role="alert" data-testid="export-refusal">
          {refusal}
        </p>
      )}
      {done && (
        <p className="notice" role="status" data-testid="export-done">
          {done}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" className="small-button primary" disabled={busy} onClick={() => void download()}>
          <Icon name="download" /> {busy ? 'Exporting…' : 'Download'}
        </button>
        <button type="button" className="small-button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
