/**
 * The threshold explorer (issue 13): move the medium threshold and see, for this run, how many groups would merge
 * or split and examples of each — computed from the run's pairs and forest, no pipeline run. With a truth column
 * or the steward's labels, precision and recall by threshold as a chart. "Apply" writes the thresholds to the
 * workspace config (`<workspace>/junction.yaml`), which the next run reads.
 */
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import type { ThresholdExamples, ThresholdPoint, ThresholdSweep } from '../../../src/shared/workbench-api.js';
import { useResource } from '../api/use-resource.js';
import { Icon } from '../components/icons.js';
import { TopBar } from '../components/top-bar.js';
import { fmtInt } from '../format.js';
import { linkClick, paths } from '../router.js';
import { fmtProbability, MODEL_WORDS } from './evidence-words.js';
import { LineChart, type Marker, type Series } from './line-chart.js';
import { RunLinks } from './run-links.js';
import { workbenchApi } from './workbench-api.js';
import './workbench.css';

/** The slider waits this long before asking for examples, so dragging stays smooth. */
const EXAMPLES_DELAY_MS = 200;

export function ThresholdScreen({ runId }: { runId: string }): ReactElement {
  const [truth, setTruth] = useState<string | null>(null);
  const sweep = useResource(`sweep:${runId}:${truth ?? ''}`, (signal) => workbenchApi.sweep(runId, truth, signal));
  const data = sweep.data;
  const [t, setT] = useState<number | null>(null);
  const medium = data?.thresholds.medium ?? null;
  const at = t ?? medium ?? 0;
  useEffect(() => {
    if (t === null && medium !== null) setT(medium);
  }, [t, medium]);
  const [shownT, setShownT] = useState<number | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setShownT(at), EXAMPLES_DELAY_MS);
    return () => clearTimeout(timer);
  }, [at]);
  const examples = useResource(data && shownT !== null ? `examples:${runId}:${shownT}` : null, (signal) =>
    workbenchApi.examples(runId, shownT ?? 0, signal),
  );
  const [applied, setApplied] = useState<string | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);

  const apply = async (): Promise<void> => {
    setApplyError(null);
    try {
      const r = await workbenchApi.applyThresholds(runId, { medium: at });
      setApplied(
        `Written to ${r.path}: medium ${r.thresholds.medium}, high ${r.thresholds.high}. The next \`junction run\` in this workspace and “Re-run with decisions” use it.`,
      );
    } catch (error) {
      setApplyError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="screen workbench-screen threshold-screen">
      <TopBar
        crumbs={[{ text: 'Runs', href: paths.runs() }, { text: runId, href: paths.run(runId) }, { text: 'Thresholds' }]}
      />
      <div className="toolbar wb-toolbar">
        <RunLinks runId={runId} current="thresholds" />
        <span className="spacer" />
        {data && (
          <label className="truth-pick">
            Truth column{' '}
            <select
              value={truth ?? ''}
              onChange={(e) => setTruth(e.target.value === '' ? null : e.target.value)}
              data-testid="truth-column"
            >
              <option value="">none</option>
              {data.truth.columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {sweep.error && (
        <p className="error" role="alert">
          Could not simulate thresholds: {sweep.error.message}
        </p>
      )}
      <main className="wb-page">
        {!data && !sweep.error && <p className="muted">Simulating every threshold…</p>}
        {data && (
          <div className="th-grid">
            <section className="th-controls" aria-label="Threshold">
              <ThresholdControl
                data={data}
                at={at}
                onChange={(v) => {
                  setT(v);
                  setApplied(null);
                }}
              />
              <AtThreshold data={data} at={at} />
              <div className="th-apply">
                <button type="button" className="small-button primary" onClick={() => void apply()} data-testid="apply">
                  <Icon name="check" /> Apply medium {at}% to the next run
                </button>
                {applied && (
                  <p className="notice" role="status" data-testid="applied">
                    {applied}
                  </p>
                )}
                {applyError && (
                  <p className="error" role="alert">
                    {applyError}
                  </p>
                )}
              </div>
              <Examples examples={examples.data} runId={runId} loading={examples.loading} />
            </section>
            <section className="th-charts" aria-label="Charts">
              <Charts
                data={data}
                at={at}
                onPick={(v) => {
                  setT(v);
                  setApplied(null);
                }}
              />
            </section>
          </div>
        )}
      </main>
    </div>
  );
}

function ThresholdControl(props: { data: ThresholdSweep; at: number; onChange: (t: number) => void }): ReactElement {
  const { data, at, onChange } = props;
  return (
    <div className="th-slider">
      <label htmlFor="th-medium">
        Medium threshold <strong data-testid="threshold-value">{at}%</strong>
      </label>
      <input
        id="th-medium"
        type="range"
        min={0}
        max={100}
        step={1}
        value={at}
        onChange={(e) => onChange(Number(e.target.value))}
        data-testid="threshold-slider"
      />
      <p className="muted small">
        This run: medium {data.thresholds.medium}%, high {data.thresholds.high}% (held). {MODEL_WORDS[data.model]} Pairs
        at or above medium join when their names share a distinctive word; at or above high they join alone.
      </p>
    </div>
  );
}

function pointAt(data: ThresholdSweep, t: number): ThresholdPoint | undefined {
  return data.points.find((p) => p.t === t);
}

function AtThreshold({ data, at }: { data: ThresholdSweep; at: number }): ReactElement {
  const p = pointAt(data, at);
  const now = pointAt(data, data.thresholds.medium);
  if (p === undefined || now === undefined) return <p className="muted">No data at {at}%.</p>;
  const ratio = (x: number | null): string => (x === null ? '—' : x.toFixed(3));
  return (
    <dl className="kv th-numbers" data-testid="threshold-numbers">
      <dt>Groups</dt>
      <dd>
        {fmtInt(p.groups)} <span className="muted">(this run: {fmtInt(now.groups)})</span>
      </dd>
      <dt>Would merge</dt>
      <dd data-testid="would-merge">
        {fmtInt(p.merges)} {p.merges === 1 ? 'group' : 'groups'} from {fmtInt(p.merged_groups)} of this run’s
      </dd>
      <dt>Would split</dt>
      <dd data-testid="would-split">{fmtInt(p.split_groups)} of this run’s groups</dd>
      {p.precision !== null && (
        <>
          <dt>Truth ({data.truth.column})</dt>
          <dd>
            precision {ratio(p.precision)} · recall {ratio(p.recall)}
          </dd>
        </>
      )}
      {(p.steward_precision !== null || p.steward_recall !== null) && (
        <>
          <dt>Your labels</dt>
          <dd>
            precision {ratio(p.steward_precision)} · recall {ratio(p.steward_recall)}{' '}
            <span className="muted">({fmtInt(data.steward.matched)} pairs)</span>
          </dd>
        </>
      )}
      {at < data.thresholds.medium && (
        <dd className="muted small th-note">
          Below this run’s medium, merges are an upper bound: the shared word must also be distinctive, and long medium
          chains are capped.
        </dd>
      )}
    </dl>
  );
}

function Charts(props: { data: ThresholdSweep; at: number; onPick: (t: number) => void }): ReactElement {
  const { data, at, onPick } = props;
  const xDomain = useMemo((): [number, number] => {
    // From just below the lowest threshold where anything changes, to 100.
    let first = 100;
    for (let k = 1; k < data.points.length; k++) {
      const a = data.points[k - 1];
      const b = data.points[k];
      if (a && b && a.groups !== b.groups) {
        first = b.t;
        break;
      }
    }
    return [Math.max(0, Math.min(first - 2, data.thresholds.medium - 10)), 100];
  }, [data]);
  const markers: Marker[] = [
    { x: data.thresholds.medium, label: 'medium', className: 'run' },
    { x: data.thresholds.high, label: 'high', className: 'run' },
    { x: at, label: `${at}%`, className: 'chosen' },
  ];
  const maxChanged = Math.max(1, ...data.points.map((p) => Math.max(p.merged_groups, p.split_groups)));
  const changes: Series[] = [
    {
      name: 'groups of this run that would merge',
      className: 's-merge',
      points: data.points.map((p) => ({ x: p.t, y: p.merged_groups })),
    },
    {
      name: 'groups of this run that would split',
      className: 's-split',
      points: data.points.map((p) => ({ x: p.t, y: p.split_groups })),
    },
  ];
  const quality: Series[] = [];
  if (data.truth.column !== null) {
    quality.push(
      {
        name: `precision (${data.truth.column})`,
        className: 's-precision',
        points: data.points.map((p) => ({ x: p.t, y: p.precision })),
      },
      {
        name: `recall (${data.truth.column})`,
        className: 's-recall',
        points: data.points.map((p) => ({ x: p.t, y: p.recall })),
      },
    );
  }
  if (data.steward.matched > 0) {
    quality.push(
      {
        name: 'precision (your labels)',
        className: 's-precision steward',
        points: data.points.map((p) => ({ x: p.t, y: p.steward_precision })),
      },
      {
        name: 'recall (your labels)',
        className: 's-recall steward',
        points: data.points.map((p) => ({ x: p.t, y: p.steward_recall })),
      },
    );
  }
  return (
    <>
      <LineChart
        title="Groups that change, by medium threshold (click to pick)"
        series={changes}
        markers={markers}
        xDomain={xDomain}
        yDomain={[0, maxChanged]}
        yFormat={(y) => fmtInt(Math.round(y))}
        onPick={onPick}
        testId="chart-changes"
      />
      {quality.length > 0 ? (
        <LineChart
          title="Precision and recall by medium threshold"
          series={quality}
          markers={markers}
          xDomain={xDomain}
          yDomain={[0, 1]}
          yFormat={(y) => y.toFixed(2)}
          onPick={onPick}
          testId="chart-quality"
        />
      ) : (
        <p className="muted th-no-labels">
          Precision and recall need labels: pick a truth column above, or label pairs on the Near misses screen.
        </p>
      )}
    </>
  );
}

function Examples(props: { examples: ThresholdExamples | undefined; runId: string; loading: boolean }): ReactElement {
  const { examples, runId } = props;
  const link = (groupId: string, text: string): ReactElement => {
    const href = paths.group(runId, groupId, '?view=all');
    return (
      <a href={href} onClick={linkClick(href)}>
        {text}
      </a>
    );
  };
  if (examples === undefined) return <p className="muted">{props.loading ? 'Loading examples…' : ''}</p>;
  return (
    <div className="th-examples" data-testid="threshold-examples">
      <h3>
        Would merge at {examples.t}% <span className="muted">({fmtInt(examples.mergeTotal)})</span>
      </h3>
      {examples.merges.length === 0 ? (
        <p className="muted small">No groups would merge.</p>
      ) : (
        <ul>
          {examples.merges.map((m) => (
            <li key={m.groups.map((g) => g.group_id).join(',')}>
              {m.groups.map((g, i) => (
                <span key={g.group_id}>
                  {i > 0 && ' + '}
                  {link(g.group_id, g.primary_name ?? g.group_id)} <span className="muted">({fmtInt(g.size)})</span>
                </span>
              ))}
              {m.via && (
                <span className="muted small block">
                  via {m.via.name_a} ~ {m.via.name_b}, {fmtProbability(m.via.probability)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>
        Would split at {examples.t}% <span className="muted">({fmtInt(examples.splitTotal)})</span>
      </h3>
      {examples.splits.length === 0 ? (
        <p className="muted small">No group would split.</p>
      ) : (
        <ul>
          {examples.splits.map((s) => (
            <li key={s.group_id}>
              {link(s.group_id, s.primary_name ?? s.group_id)}{' '}
              <span className="muted">
                ({fmtInt(s.size)} records → {s.pieces} parts)
              </span>
              {s.cut && (
                <span className="muted small block">
                  cut {s.cut.name_a} ~ {s.cut.name_b}, {fmtProbability(s.cut.probability)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
