/**
 * Runs (REVIEW §2.1): every run of the workspace, newest first, with input, counts, status, start, duration and
 * the "latest" badge. A running run shows its stage live (polled) and opens its groups when done.
 */
import { type ReactElement, useEffect } from 'react';
import type { RunSummary } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { Icon } from '../components/icons.js';
import { isLive, RunStatus } from '../components/run-status.js';
import { TopBar } from '../components/top-bar.js';
import { fmtDateTime, fmtDuration, fmtInt } from '../format.js';
import { linkClick, navigate, paths } from '../router.js';

const POLL_MS = 1000;

export function RunsScreen(): ReactElement {
  const runs = useResource('runs', (signal) => api.runs(signal));
  const live = runs.data?.some((r) => isLive(r.status)) ?? false;
  const { reload } = runs;
  useEffect(() => {
    if (!live) return;
    const t = setInterval(reload, POLL_MS);
    return () => clearInterval(t);
  }, [live, reload]);

  return (
    <div className="screen runs-screen">
      <TopBar crumbs={[{ text: 'Runs' }]} />
      <main className="page">
        <div className="page-head">
          <h1>Runs</h1>
          <span className="muted">{runs.data ? `${fmtInt(runs.data.length)} in this workspace` : ''}</span>
        </div>
        {runs.error && (
          <p className="error" role="alert">
            Could not load runs: {runs.error.message}
          </p>
        )}
        {runs.data && runs.data.length === 0 && (
          <p className="empty">
            No runs yet. Start one with <code>junction run accounts.csv</code>.
          </p>
        )}
        {runs.data && runs.data.length > 0 && <RunsTable runs={runs.data} />}
      </main>
    </div>
  );
}

function RunsTable({ runs }: { runs: RunSummary[] }): ReactElement {
  return (
    <table className="tbl roomy runs data-table">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Run</th>
          <th scope="col">Input</th>
          <th scope="col" className="al-end">
            Records
          </th>
          <th scope="col" className="al-end">
            Groups
          </th>
          <th scope="col">Started</th>
          <th scope="col" className="al-end">
            Duration
          </th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const details = paths.run(r.run_id);
          const groups = paths.groups(r.run_id);
          return (
            <tr
              key={r.run_id}
              data-run-id={r.run_id}
              className="clickable"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a')) return;
                navigate(r.status === 'complete' ? groups : details);
              }}
            >
              <td>
                <RunStatus status={r.status} stage={r.stage} />
              </td>
              <td>
                <a href={details} onClick={linkClick(details)} className="mono">
                  {r.run_id}
                </a>
                {r.latest && <span className="badge badge-latest">latest</span>}
                {r.pinned && <span className="badge">pinned</span>}
              </td>
              <td>
                <span className="strong">{r.dataset}</span>
                {r.input && r.input !== r.dataset && <span className="muted small block">{r.input}</span>}
              </td>
              <td className="al-end">{fmtInt(r.records)}</td>
              <td className="al-end">{fmtInt(r.groups)}</td>
              <td className="nowrap">{fmtDateTime(r.started_at)}</td>
              <td className="al-end nowrap">{fmtDuration(r.seconds)}</td>
              <td className="al-end nowrap">
                {r.status === 'complete' ? (
                  <a className="button-link" href={groups} onClick={linkClick(groups)}>
                    Review groups <Icon name="next" />
                  </a>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
