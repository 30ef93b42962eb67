/**
 * Blacklist (REVIEW §2.5): built-in terms (config, read-only), the reviewers' manual terms with who and when
 * (removable), the effective union the next run applies, and the word-boundary rule in words. Adding a term
 * first previews how many records of the run it would hit, with examples; the add button confirms.
 */
import { type ReactElement, useEffect, useState } from 'react';
import type { BlacklistPreview } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { TopBar } from '../components/top-bar.js';
import { fmtDateTime, fmtInt, plural } from '../format.js';
import { paths } from '../router.js';

const PREVIEW_DELAY_MS = 200;

/**
 * `runId` comes from `?run=` (the top bar's link from a run): the page shows that run's dataset and previews terms
 * against that run; without it, the newest complete run (issue 13 defect 4).
 */
export function BlacklistScreen({ runId: wanted }: { runId: string | null }): ReactElement {
  const list = useResource(`blacklist:${wanted ?? ''}`, (signal) => api.blacklist(wanted, signal));
  const data = list.data;
  const runId = data?.runId ?? null;
  const [term, setTerm] = useState('');
  const [preview, setPreview] = useState<BlacklistPreview | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const text = term.trim();
    setPreview(null);
    if (text.length === 0 || runId === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.blacklistPreview(runId, text, controller.signal).then(
        (p) => setPreview(p),
        (e: unknown) => {
          if (!controller.signal.aborted) setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [term, runId]);

  const write = async (kind: 'blacklist_add' | 'blacklist_remove', value: string): Promise<void> => {
    if (runId === null || !data) return;
    setBusy(true);
    try {
      await api.decide(runId, { kind, term: value, base_seq: data.lastSeq });
      setMessage({
        text: `${kind === 'blacklist_add' ? 'Added' : 'Removed'} "${value}": applies on the next run`,
        error: false,
      });
      if (kind === 'blacklist_add') setTerm('');
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
      list.reload();
    }
  };

  return (
    <div className="screen blacklist-screen">
      <TopBar
        runId={runId ?? undefined}
        crumbs={[
          { text: 'Runs', href: paths.runs() },
          ...(wanted === null ? [] : [{ text: wanted, href: paths.run(wanted) }]),
          { text: 'Blacklist' },
        ]}
      />
      <main className="page">
        <div className="page-head">
          <h1>Blacklist</h1>
          {data?.dataset && (
            <span className="muted">
              dataset <span className="strong">{data.dataset}</span>, run <span className="mono">{data.runId}</span>
            </span>
          )}
        </div>
        {list.error && (
          <p className="error" role="alert">
            Could not load the blacklist: {list.error.message}
          </p>
        )}
        {message && (
          <p
            className={message.error ? 'error' : 'notice'}
            role={message.error ? 'alert' : 'status'}
            data-testid="blacklist-message"
          >
            {message.text}{' '}
            <button type="button" className="link-button" onClick={() => setMessage(null)}>
              dismiss
            </button>
          </p>
        )}
        {data && (
          <>
            <p className="rule" data-testid="blacklist-rule">
              {data.rule}
            </p>
            <div className="cards">
              <section className="card" aria-labelledby="add-term">
                <h2 id="add-term">Add a term</h2>
                <form
                  className="add-term"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (preview && preview.normalised.length > 0) void write('blacklist_add', preview.term);
                  }}
                >
                  <label>
                    Term{' '}
                    <input
                      data-testid="term-input"
                      value={term}
                      maxLength={200}
                      disabled={runId === null}
                      onChange={(e) => setTerm(e.target.value)}
                    />
                  </label>
                  <button
                    type="submit"
                    className="small-button primary"
                    disabled={
                      busy || preview === null || preview.term !== term.trim() || preview.normalised.length === 0
                    }
                  >
                    Add term
                  </button>
                </form>
                {term.trim().length > 0 && preview === null && <p className="muted small">Checking…</p>}
                {preview && (
                  <div className="term-preview" data-testid="term-preview">
                    <p>
                      <strong data-testid="preview-hits">{plural(preview.hits, 'record')}</strong> of run{' '}
                      <span className="mono">{runId}</span> would be hit
                      {preview.normalised.length > 0 ? (
                        <>
                          {' '}
                          (matched as <span className="mono">“{preview.normalised}”</span>)
                        </>
                      ) : (
                        ': nothing is left of the term after normalising'
                      )}
                    </p>
                    {preview.examples.length > 0 && (
                      <ul className="examples" aria-label="Example names">
                        {preview.examples.map((x) => (
                          <li key={x.account_id}>
                            {x.account_name} <span className="mono muted small">{x.account_id}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                )}
              </section>
              <section className="card" aria-labelledby="manual-terms">
                <h2 id="manual-terms">Manual terms ({fmtInt(data.manual.length)})</h2>
                {data.manual.length === 0 ? (
                  <p className="muted">No reviewer has added a term.</p>
                ) : (
                  <table className="tbl" data-testid="manual-terms">
                    <thead>
                      <tr>
                        <th scope="col">Term</th>
                        <th scope="col">Added by</th>
                        <th scope="col">When</th>
                        <th scope="col">
                          <span className="sr-only">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.manual.map((m) => (
                        <tr key={m.term} data-term={m.term}>
                          <td className="strong">{m.term}</td>
                          <td>{m.reviewer}</td>
                          <td className="nowrap">{fmtDateTime(m.ts)}</td>
                          <td>
                            <button
                              type="button"
                              className="small-button"
                              disabled={busy}
                              onClick={() => void write('blacklist_remove', m.term)}
                            >
                              Remove
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
              <section className="card" aria-labelledby="builtin-terms">
                <h2 id="builtin-terms">Built-in terms ({fmtInt(data.builtIn.length)}, read-only)</h2>
                <ul className="term-list" data-testid="builtin-terms">
                  {data.builtIn.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ul>
              </section>
              <section className="card" aria-labelledby="effective-terms">
                <h2 id="effective-terms">Effective terms ({fmtInt(data.effective.length)}): applied by the next run</h2>
                <ul className="term-list" data-testid="effective-terms">
                  {data.effective.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ul>
              </section>
            </div>
          </>
        )}
      </main>
    </div>
  );
}
