/**
 * Near-miss review (issue 13, as Splink's comparison viewer): pairs of records that scored just under the medium
 * threshold and ended in different groups, a band at a time — the band just under the threshold first — each with
 * its waterfall. One key labels the pair: `m` the same company (a must-link: the groups merge on the next run),
 * `d` different (a cannot-link); `s` skips, `u` undoes. Labels are journaled and count as labelled pairs for
 * `junction eval --labels-from` and for tuning (the labelled-pairs file).
 */
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NearMissPage, NearMissPair, PairLabel } from '../../../src/shared/workbench-api.js';
import { NEAR_MISS_SHOW } from '../../../src/shared/workbench-api.js';
import { ApiError } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { Icon } from '../components/icons.js';
import { TopBar } from '../components/top-bar.js';
import { DecisionBar } from '../decisions/decision-bar.js';
import { useDecisions } from '../decisions/use-decisions.js';
import { fmtInt } from '../format.js';
import { linkClick, navigate, paths } from '../router.js';
import { fmtProbability, MODEL_WORDS } from './evidence-words.js';
import { RunLinks } from './run-links.js';
import { Waterfall } from './waterfall.js';
import { workbenchApi } from './workbench-api.js';
import './workbench.css';

const PAGE = 50;
type Show = (typeof NEAR_MISS_SHOW)[number];
const SHOW_TEXT: Record<Show, string> = { unlabelled: 'To label', labelled: 'Labelled', all: 'All' };

const pairKey = (p: NearMissPair): string => `${p.a.account_id}|${p.b.account_id}`;

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

export function NearMissScreen({ runId, search }: { runId: string; search: string }): ReactElement {
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const band = params.get('band') ?? undefined;
  const showParam = params.get('show');
  const show: Show = NEAR_MISS_SHOW.includes(showParam as Show) ? (showParam as Show) : 'unlabelled';
  const [generation, setGeneration] = useState(0);
  const page = useResource(`nm:${runId}:${band ?? ''}:${show}:${generation}`, (signal) =>
    workbenchApi.nearMisses(runId, { band, show, limit: PAGE }, signal),
  );
  const decisions = useDecisions(runId);
  const [active, setActive] = useState(0);
  /** Labels written from this page (the list keeps them in place until the next load). */
  const [labels, setLabels] = useState<Map<string, PairLabel>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  seq.current = Math.max(seq.current, decisions.state?.lastSeq ?? 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new list starts at its top
  useEffect(() => {
    setActive(0);
    setLabels(new Map());
  }, [page.data]);

  const data = page.data;
  const pairs = data?.pairs ?? [];
  const current = pairs[active];
  const setQuery = (next: { band?: string; show?: Show }): void => {
    const q = new URLSearchParams();
    const b = next.band ?? band;
    const s = next.show ?? show;
    if (b !== undefined) q.set('band', b);
    if (s !== 'unlabelled') q.set('show', s);
    const text = q.toString();
    navigate(paths.nearMisses(runId, text.length > 0 ? `?${text}` : ''), { replace: true });
  };

  const move = useCallback(
    (delta: number) => {
      if (pairs.length === 0) return;
      const next = active + delta;
      if (next >= pairs.length) {
        // The end of this page: load the next sample (labelled pairs have left the list).
        setGeneration((g) => g + 1);
        return;
      }
      setActive(Math.max(0, next));
    },
    [active, pairs.length],
  );

  const label = useCallback(
    async (pair: NearMissPair | undefined, kind: 'same' | 'different') => {
      if (pair === undefined || busy) return;
      setBusy(true);
      try {
        const written = await workbenchApi.labelPair(runId, {
          account_id_a: pair.a.account_id,
          account_id_b: pair.b.account_id,
          label: kind,
          base_seq: seq.current,
        });
        seq.current = written.lastSeq;
        setLabels((m) =>
          new Map(m).set(pairKey(pair), {
            kind: kind === 'same' ? 'must_link' : 'cannot_link',
            seq: written.event.seq,
            reviewer: written.event.reviewer,
          }),
        );
        setMessage(null);
        decisions.reload();
        move(1);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        setMessage(error instanceof ApiError && error.status === 409 ? `${text} (reload the page)` : text);
        decisions.reload();
      } finally {
        setBusy(false);
      }
    },
    [runId, busy, decisions, move],
  );

  const undo = useCallback(async () => {
    const ok = await decisions.undo();
    if (!ok) return;
    // The undone label is the newest: forget it here too, and step back to it.
    setLabels((m) => {
      let newest: string | null = null;
      let newestSeq = -1;
      for (const [k, l] of m) if (l.seq > newestSeq) [newest, newestSeq] = [k, l.seq];
      const next = new Map(m);
      if (newest !== null) next.delete(newest);
      const index = pairs.findIndex((p) => pairKey(p) === newest);
      if (index >= 0) setActive(index);
      return next;
    });
  }, [decisions, pairs]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      switch (e.key) {
        case 'j':
        case 's':
        case 'ArrowDown':
          move(1);
          break;
        case 'k':
        case 'ArrowUp':
          move(-1);
          break;
        case 'm':
          void label(current, 'same');
          break;
        case 'd':
          void label(current, 'different');
          break;
        case 'u':
          void undo();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, label, undo, current]);

  return (
    <div className="screen workbench-screen near-miss-screen">
      <TopBar
        crumbs={[
          { text: 'Runs', href: paths.runs() },
          { text: runId, href: paths.run(runId) },
          { text: 'Near misses' },
        ]}
      >
        <DecisionBar runId={runId} decisions={decisions} />
      </TopBar>
      <div className="toolbar wb-toolbar">
        <RunLinks runId={runId} current="near-misses" />
        {data && <BandChips page={data} show={show} onBand={(id) => setQuery({ band: id })} />}
        <span className="spacer" />
        <fieldset className="view-tabs">
          <legend className="sr-only">Which pairs</legend>
          {NEAR_MISS_SHOW.map((s) => (
            <button
              key={s}
              type="button"
              className={s === show ? 'tab current' : 'tab'}
              aria-pressed={s === show}
              onClick={() => setQuery({ show: s })}
            >
              {SHOW_TEXT[s]}
            </button>
          ))}
        </fieldset>
      </div>
      <div className="wb-subbar">
        {data && <LabelProgress page={data} written={labels} />}
        {data && <span className="muted">{MODEL_WORDS[data.model]}</span>}
        <span className="spacer" />
        <a className="small-button" href={workbenchApi.labelledPairsUrl(runId)} download data-testid="labelled-pairs">
          <Icon name="download" /> Labelled pairs (CSV)
        </a>
      </div>
      {(message ?? decisions.message) && (
        <p className="error decision-message" role="alert">
          {message ?? decisions.message}
        </p>
      )}
      {page.error && (
        <p className="error" role="alert">
          Could not load near misses: {page.error.message}
        </p>
      )}
      <main className="wb-split">
        <ol className="nm-list" aria-label="Pairs of this band" data-testid="near-miss-list">
          {data && pairs.length === 0 && (
            <li className="empty">
              {data.band === null
                ? 'No scored pair crosses groups in this run.'
                : 'Nothing left to label in this band.'}
            </li>
          )}
          {pairs.map((p, i) => {
            const l = labels.get(pairKey(p)) ?? p.label;
            return (
              <li key={pairKey(p)}>
                <button
                  type="button"
                  className={i === active ? 'nm-row active' : 'nm-row'}
                  aria-current={i === active ? 'true' : undefined}
                  onClick={() => setActive(i)}
                  data-testid="near-miss-row"
                >
                  <span className="nm-names">
                    <span className="nm-name">{p.a.name}</span>
                    <span className="nm-name">{p.b.name}</span>
                  </span>
                  <span className="nm-p">{fmtProbability(p.evidence.probability)}</span>
                  {l && <LabelTag label={l} />}
                </button>
              </li>
            );
          })}
          {data && pairs.length > 0 && (
            <li className="nm-more muted small">
              {fmtInt(pairs.length)} of {fmtInt(data.total)} in this band
              {pairs.length < data.total && (
                <button type="button" className="link-button" onClick={() => setGeneration((g) => g + 1)}>
                  next sample
                </button>
              )}
            </li>
          )}
        </ol>
        <section className="nm-detail" aria-label="The pair">
          {current ? (
            <PairDetail
              runId={runId}
              pair={current}
              index={active}
              total={data?.total ?? 0}
              label={labels.get(pairKey(current)) ?? current.label}
              busy={busy || !decisions.enabled}
              onLabel={(kind) => void label(current, kind)}
              onSkip={() => move(1)}
            />
          ) : (
            <p className="muted">{page.loading ? 'Loading…' : 'Pick a band with pairs.'}</p>
          )}
        </section>
      </main>
      <footer className="keys-hint">
        <span>
          <kbd>m</kbd> same company (merge)
        </span>
        <span>
          <kbd>d</kbd> different
        </span>
        <span>
          <kbd>s</kbd> skip
        </span>
        <span>
          <kbd>j</kbd>/<kbd>k</kbd> move
        </span>
        <span>
          <kbd>u</kbd> undo
        </span>
      </footer>
    </div>
  );
}

function BandChips({ page, show, onBand }: { page: NearMissPage; show: Show; onBand: (id: string) => void }) {
  return (
    <fieldset className="band-chips">
      <legend className="sr-only">Probability bands</legend>
      {page.bands.map((b) => {
        const n = show === 'unlabelled' ? b.unlabelled : show === 'labelled' ? b.pairs - b.unlabelled : b.pairs;
        return (
          <button
            key={b.id}
            type="button"
            className={b.id === page.band ? 'band-chip on' : 'band-chip'}
            aria-pressed={b.id === page.band}
            onClick={() => onBand(b.id)}
            data-testid="band-chip"
            title={b.id === 'refused' ? 'At or above medium, but grouping refused the join' : undefined}
          >
            {b.label} <span className="strip-count">{fmtInt(n)}</span>
          </button>
        );
      })}
    </fieldset>
  );
}

/** Labels of the run as loaded, plus those written on this page since (the page is not reloaded per key). */
function LabelProgress({
  page,
  written,
}: {
  page: NearMissPage;
  written: ReadonlyMap<string, PairLabel>;
}): ReactElement {
  const was = new Map(page.pairs.map((p) => [pairKey(p), p.label?.kind ?? null]));
  let must = page.labels.must;
  let cannot = page.labels.cannot;
  for (const [key, label] of written) {
    const before = was.get(key) ?? null;
    if (before === label.kind) continue;
    if (before === 'must_link') must--;
    if (before === 'cannot_link') cannot--;
    if (label.kind === 'must_link') must++;
    else cannot++;
  }
  return (
    <span data-testid="label-progress">
      <strong>{fmtInt(must + cannot)}</strong> labelled {must + cannot === 1 ? 'pair' : 'pairs'} in this run (
      {fmtInt(must)} same, {fmtInt(cannot)} different)
    </span>
  );
}

function LabelTag({ label }: { label: PairLabel }): ReactElement {
  const same = label.kind === 'must_link';
  return (
    <span className={same ? 'label-tag same' : 'label-tag different'} data-testid="label-tag">
      <Icon name={same ? 'merge' : 'split'} />
      {same ? 'same' : 'different'}
    </span>
  );
}

function PairDetail(props: {
  runId: string;
  pair: NearMissPair;
  index: number;
  total: number;
  label: PairLabel | null;
  busy: boolean;
  onLabel: (kind: 'same' | 'different') => void;
  onSkip: () => void;
}): ReactElement {
  const { runId, pair, index, total, label, busy, onLabel, onSkip } = props;
  const side = (s: NearMissPair['a'], title: string) => {
    const href = paths.group(runId, s.group_id, '?view=all');
    return (
      <div className="nm-side">
        <span className="muted small">{title}</span>
        <strong className="nm-side-name">{s.name}</strong>
        <span className="mono small">{s.account_id}</span>
        <a href={href} onClick={linkClick(href)} className="small">
          {s.group_id} · {s.primary_name ?? '—'} · {fmtInt(s.group_size)} {s.group_size === 1 ? 'record' : 'records'}
        </a>
      </div>
    );
  };
  return (
    <div className="nm-pair" data-testid="near-miss-pair">
      <p className="muted small">
        Pair {fmtInt(index + 1)} of {fmtInt(total)} · blocking key {pair.blocking_key || '—'}
      </p>
      <div className="nm-sides">
        {side(pair.a, 'Record A')}
        {side(pair.b, 'Record B')}
      </div>
      <Waterfall evidence={pair.evidence} caption="Why this probability" />
      <div className="nm-actions" role="toolbar" aria-label="Label this pair">
        <button type="button" className="small-button primary" disabled={busy} onClick={() => onLabel('same')}>
          <Icon name="merge" /> Same company — merge groups <kbd>m</kbd>
        </button>
        <button type="button" className="small-button" disabled={busy} onClick={() => onLabel('different')}>
          <Icon name="split" /> Different companies <kbd>d</kbd>
        </button>
        <button type="button" className="small-button" onClick={onSkip}>
          <Icon name="next" /> Skip <kbd>s</kbd>
        </button>
        {label && (
          <span className="muted">
            labelled <LabelTag label={label} /> by {label.reviewer}
            {label.kind === 'must_link' ? ' — the groups merge on the next run' : ''}
          </span>
        )}
      </div>
    </div>
  );
}
