/**
 * Run details (REVIEW §2.1): effective thresholds, counts, stage timings, warnings, rejected rows (download).
 * A live run shows its stage progress (polled) and opens its groups when it completes.
 */
import { type ReactElement, useEffect, useRef } from 'react';
import type { RunDetails } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { Icon } from '../components/icons.js';
import { RerunAction } from '../components/rerun-action.js';
import { isLive, RunStatus } from '../components/run-status.js';
import { TopBar } from '../components/top-bar.js';
import { fmtDateTime, fmtDuration, fmtInt, fmtScore } from '../format.js';
import { linkClick, navigate, paths } from '../router.js';
import { RunLinks } from '../workbench/run-links.js';

const POLL_MS = 1000;
/** Counts the card shows in their own rows (records, groups, rejected with its download). */
const SHOWN_APART = new Set(['records', 'groups', 'rejected', 'rejected_rows']);

export function RunDetailsScreen({ runId }: { runId: string }): ReactElement {
  const run = useResource(`run:${runId}`, (signal) => api.run(runId, signal));
  const live = run.data ? isLive(run.data.status) : false;
  const wasLive = useRef(false);
  const { reload } = run;
  useEffect(() => {
    if (!live) return;
    wasLive.current = true;
    const t = setInterval(reload, POLL_MS);
    return () => clearInterval(t);
  }, [live, reload]);
  // A run watched while live opens its groups as soon as it completes.
  useEffect(() => {
    if (wasLive.current && run.data?.status === 'complete') navigate(paths.groups(runId), { replace: true });
  }, [run.data?.status, runId]);

  return (
    <div className="screen run-screen">
      <TopBar
        crumbs={[{ text: 'Runs', href: paths.runs() }, { text: run.data ? `${run.data.dataset} · ${runId}` : runId }]}
      />
      <main className="page">
        {run.error && (
          <p className="error" role="alert">
            Could not load run {runId}: {run.error.message}
          </p>
        )}
        {run.data && <RunBody run={run.data} />}
      </main>
    </div>
  );
}

function RunBody({ run }: { run: RunDetails }): ReactElement {
  const groups = paths.groups(run.run_id);
  const done = new Set(run.stages.map((s) => s.name));
  const maxSeconds = Math.max(0.001, ...run.stages.map((s) => s.seconds));
  const counts = Object.entries(run.counts);
  return (
    <>
      <div className="page-head">
        <h1>
          {run.dataset} <span className="mono muted">{run.run_id}</span>
        </h1>
        <RunStatus
          status={run.status}
          stage={run.stage}
          detail={
            isLive(run.status) && run.stage
              ? `(stage ${run.stageNames.indexOf(run.stage) + 1} of ${run.stageNames.length})`
              : undefined
          }
        />
        {run.latest && <span className="badge badge-latest">latest</span>}
        {run.status === 'complete' && <RunLinks runId={run.run_id} />}
        <span className="spacer" />
        {run.status === 'complete' && <RerunAction runId={run.run_id} />}
        {run.status === 'complete' && (
          <a className="button-link primary" href={groups} onClick={linkClick(groups)}>
            Review groups <Icon name="next" />
          </a>
        )}
      </div>
      {run.error && (
        <p className="error" role="alert">
          {run.error}
        </p>
      )}
      <div className="cards">
        <section className="card" aria-labelledby="counts-title">
          <h2 id="counts-title">Counts</h2>
          <dl className="kv kv-2">
            <dt>Records</dt>
            <dd>{fmtInt(run.records)}</dd>
            <dt>Groups</dt>
            <dd>{fmtInt(run.groups)}</dd>
            {counts
              .filter(([k]) => !SHOWN_APART.has(k))
              .map(([k, v]) => (
                <FragmentKV key={k} k={k.replaceAll('_', ' ')} v={fmtInt(v)} />
              ))}
            <dt>Rejected rows</dt>
            <dd>
              {fmtInt(run.rejected)}
              {run.rejected > 0 && (
                <a className="download" href={api.rejectedUrl(run.run_id)} download>
                  <Icon name="download" /> rejected.csv
                </a>
              )}
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="thresholds-title">
          <h2 id="thresholds-title">Thresholds</h2>
          {run.thresholds ? (
            <dl className="kv">
              <dt>High</dt>
              <dd>{fmtScore(run.thresholds.high)}</dd>
              <dt>Medium</dt>
              <dd>{fmtScore(run.thresholds.medium)}</dd>
            </dl>
          ) : (
            <p className="muted">not recorded</p>
          )}
          <h2>Run</h2>
          <dl className="kv">
            <dt>Started</dt>
            <dd>{fmtDateTime(run.started_at)}</dd>
            <dt>Finished</dt>
            <dd>{fmtDateTime(run.finished_at)}</dd>
            <dt>Duration</dt>
            <dd>{fmtDuration(run.seconds)}</dd>
            <dt>Peak memory</dt>
            <dd>{fmtInt(Math.round(run.peak_rss_mb))} MB</dd>
            <dt>Version</dt>
            <dd className="mono">{run.version}</dd>
            <dt>Config</dt>
            <dd className="mono small">{run.config_hash.slice(0, 16)}</dd>
            {run.previous_run_id && (
              <>
                <dt>Previous run</dt>
                <dd>
                  <a
                    className="mono"
                    href={paths.run(run.previous_run_id)}
                    onClick={linkClick(paths.run(run.previous_run_id))}
                  >
                    {run.previous_run_id}
                  </a>
                </dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="input-title">
          <h2 id="input-title">Input</h2>
          {run.input_facts ? (
            <dl className="kv">
              <dt>File</dt>
              <dd>{run.input_facts.name}</dd>
              <dt>Size</dt>
              <dd>{fmtInt(Math.round(run.input_facts.size / 1024))} KB</dd>
              <dt>Format</dt>
              <dd>
                {run.input_facts.format}, {run.input_facts.encoding}
              </dd>
              <dt>SHA-256</dt>
              <dd className="mono small" title={run.input_facts.sha256}>
                {run.input_facts.sha256.slice(0, 16)}…
              </dd>
            </dl>
          ) : (
            <p className="muted">{run.input ?? '—'}</p>
          )}
        </section>
      </div>
      <section className="card wide" aria-labelledby="stages-title">
        <h2 id="stages-title">
          Stages{' '}
          <span className="muted small">
            {fmtInt(run.stages.length)} of {fmtInt(run.stageNames.length)}
          </span>
        </h2>
        <table className="tbl roomy stages data-table">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" className="al-end">
                Time
              </th>
              <th scope="col">
                <span className="sr-only">Share</span>
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {run.stageNames.map((name) => {
              const s = run.stages.find((x) => x.name === name);
              const running = !s && run.stage === name;
              return (
                <tr key={name} className={running ? 'running' : undefined}>
                  <td className="mono">{name}</td>
                  <td className="al-end nowrap">{s ? fmtDuration(s.seconds) : '—'}</td>
                  <td className="bar-cell">
                    {s && <span className="time-bar" style={{ width: `${(s.seconds / maxSeconds) * 100}%` }} />}
                  </td>
                  <td>
                    {s ? (
                      s.cache_hit ? (
                        <span className="muted">from cache</span>
                      ) : (
                        <span className="status status-complete">
                          <Icon name="check" />
                          done
                        </span>
                      )
                    ) : running ? (
                      <RunStatus status="running" />
                    ) : done.size > 0 ? (
                      <span className="muted">waiting</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="card wide" aria-labelledby="warnings-title">
        <h2 id="warnings-title">Warnings</h2>
        {run.warnings.length === 0 ? (
          <p className="muted">none</p>
        ) : (
          <ul className="warnings">
            {run.warnings.map((w) => (
              <li key={w}>
                <Icon name="conflict" /> {w}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function FragmentKV({ k, v }: { k: string; v: string }): ReactElement {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}
