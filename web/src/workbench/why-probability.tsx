/**
 * "Why these are together" with a probability (issue 13 / issue 10's "done when"): each edge the members joined
 * through, weakest first, with its match probability against the run's thresholds; open one for its waterfall.
 */
import { type ReactElement, useState } from 'react';
import type { GraphEdge } from '../../../src/shared/workbench-api.js';
import { useResource } from '../api/use-resource.js';
import { Icon } from '../components/icons.js';
import { fmtInt } from '../format.js';
import { edgeWords } from './edge-words.js';
import { MODEL_WORDS } from './evidence-words.js';
import { Waterfall } from './waterfall.js';
import { workbenchApi } from './workbench-api.js';
import './workbench.css';

export function WhyProbability({ runId, groupId }: { runId: string; groupId: string }): ReactElement | null {
  const why = useResource(`why:${runId}:${groupId}`, (signal) => workbenchApi.why(runId, groupId, signal));
  const data = why.data?.group_id === groupId ? why.data : undefined;
  const [open, setOpen] = useState<string | null>(null);
  if (why.error) return <p className="error">Could not load the match probabilities: {why.error.message}</p>;
  if (data === undefined || data.acceptedTotal === 0) return null;
  const key = (e: GraphEdge): string => `${e.account_id_a}|${e.account_id_b}`;
  return (
    <div className="why-probability" data-testid="why-probability">
      <p className="muted small">
        Match probability of each join, weakest first. Thresholds of this run: high {data.thresholds.high}%, medium{' '}
        {data.thresholds.medium}%. {MODEL_WORDS[data.model]}
        {data.acceptedTotal > data.edges.length &&
          ` The weakest ${fmtInt(data.edges.length)} of ${fmtInt(data.acceptedTotal)} joins are listed.`}
      </p>
      <ul className="why-edges">
        {data.edges.map((e) => {
          const k = key(e);
          const expanded = open === k;
          return (
            <li key={k} className={e.weak_bridge ? 'weak' : undefined}>
              <button
                type="button"
                className="why-edge"
                aria-expanded={e.evidence === null ? undefined : expanded}
                disabled={e.evidence === null}
                onClick={() => setOpen(expanded ? null : k)}
                data-testid="why-edge"
              >
                {e.evidence !== null && <Icon name={expanded ? 'sort-desc' : 'next'} />}
                <span className="why-names">
                  {e.name_a} <span className="muted">joined</span> {e.name_b}
                </span>
                <span className="why-words">{edgeWords(e, data.thresholds)}</span>
                {e.weak_bridge && (
                  <span className="flag flag-weak_bridge">
                    <Icon name="bridge" /> weak bridge: {e.split_off} records hang on it
                  </span>
                )}
              </button>
              {expanded && e.evidence !== null && <Waterfall evidence={e.evidence} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
