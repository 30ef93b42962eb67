/**
 * Maintenance (REVIEW §2.7, admin): every run with its size on disk, status and pinned/latest marks. Deleting
 * shows what goes (a preview) and asks for the run id typed again; protected runs (newest complete, pinned,
 * live) say why and offer no delete — the server enforces the same rule. Results stay until dismissed.
 */
import { type ReactElement, useState } from 'react';
import type { MaintenanceRuns } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { RunStatus } from '../components/run-status.js';
import { TopBar } from '../components/top-bar.js';
import { fmtBytes, fmtDateTime, fmtInt } from '../format.js';
import { linkClick, paths } from '../router.js';

type MaintenanceRun = MaintenanceRuns['runs'][number];

export function MaintenanceScreen(): ReactElement {
  const runs = useResource('maintenance', (signal) => api.maintenanceRuns(signal));
  const [target, setTarget] = useState<MaintenanceRun | null>(null);
  const [results, setResults] = useState<{ id: number; text: string; error: boolean }[]>([]);
  const addResult = (text: string, error: boolean): void =>
    setResults((r) => [...r, { id: Date.now() + r.length, text, error }]);

  return (
    <div className="screen maintenance-screen">
      <TopBar crumbs={[{ text: 'Runs', href: paths.runs() }, { text: 'Maintenance' }]} />
      <main className="page">
        <div className="page-head">
          <h1>Maintenance</h1>
          {runs.data && (
            <span className="muted" data-testid="total-size">
              {fmtInt(runs.data.runs.length)} runs, {fmtBytes(runs.data.totalBytes)} on disk
            </span>
          )}
        </div>
        {runs.error && (
          <p className="error" role="alert">
            Could not load runs: {runs.error.message}
          </p>
        )}
        {results.map((r) => (
          <p
            key={r.id}
            className={r.error ? 'error' : 'notice'}
            role={r.error ? 'alert' : 'status'}
            data-testid="maintenance-result"
          >
            {r.text}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setResults((all) => all.filter((x) => x.id !== r.id))}
            >
              dismiss
            </button>
          </p>
        ))}
        {target && (
          <DeletePanel
            run={target}
            onCancel={() => setTarget(null)}
            onDone={(text, error) => {
              addResult(text, error);
              setTarget(null);
              runs.reload();
            }}
          />
        )}
        {runs.data && (
          <table className="tbl roomy data-table" data-testid="maintenance-runs">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Input</th>
                <th scope="col">Started</th>
                <th scope="col" className="al-end">
                  Size on disk
                </th>
                <th scope="col">Delete</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.runs.map((r) => (
                <tr key={r.run_id} data-run-id={r.run_id}>
                  <td className="nowrap">
                    <a className="mono" href={paths.run(r.run_id)} onClick={linkClick(paths.run(r.run_id))}>
                      {r.run_id}
                    </a>{' '}
                    {r.latest && <span className="badge badge-latest">latest</span>}
                    {r.pinned && <span className="badge">pinned</span>}
                  </td>
                  <td>
                    <RunStatus status={r.status} stage={null} />
                  </td>
                  <td>{r.input ?? '—'}</td>
                  <td className="nowrap">{fmtDateTime(r.started_at)}</td>
                  <td className="al-end nowrap">{fmtBytes(r.bytes)}</td>
                  <td>
                    {r.deletable ? (
                      <button type="button" className="small-button" onClick={() => setTarget(r)}>
                        Delete…
                      </button>
                    ) : (
                      <span className="muted small" data-testid="protected">
                        protected: {r.blocker}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}

function DeletePanel(props: {
  run: MaintenanceRun;
  onCancel: () => void;
  onDone: (text: string, error: boolean) => void;
}): ReactElement {
  const { run, onCancel, onDone } = props;
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      const result = await api.deleteRun(run.run_id, typed);
      onDone(`Deleted run ${result.deleted} (${fmtBytes(result.bytes)} freed)`, false);
    } catch (e) {
      onDone(`Could not delete ${run.run_id}: ${e instanceof Error ? e.message : String(e)}`, true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card delete-panel" aria-labelledby="delete-title" data-testid="delete-panel">
      <h2 id="delete-title">
        Delete run <span className="mono">{run.run_id}</span>?
      </h2>
      <p>
        This removes the run folder ({fmtBytes(run.bytes)}: records, groups, edges, exports made into it) from the
        workspace. Reviewer decisions stay in the journal. An audit line is written.
      </p>
      <form
        className="add-term"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === run.run_id) void remove();
        }}
      >
        <label>
          Type the run id to confirm{' '}
          <input
            data-testid="confirm-input"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <button type="submit" className="small-button danger" disabled={busy || typed !== run.run_id}>
          Delete run
        </button>
        <button type="button" className="small-button" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </section>
  );
}
