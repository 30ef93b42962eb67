/**
 * Summary strip (REVIEW §2.2): totals by disposition and by flag, each a one-click filter. Pressed state is
 * announced (aria-pressed) and shown with a check, not only by colour.
 */
import type { ReactElement } from 'react';
import { DISPOSITIONS, type FacetCounts, GROUP_FLAGS, type GroupQuery } from '../../../src/shared/api.js';
import { Icon } from '../components/icons.js';
import { DISPOSITION_LABELS, FLAG_LABELS } from '../components/labels.js';
import { fmtInt } from '../format.js';

export function SummaryStrip(props: {
  query: GroupQuery;
  counts: FacetCounts | undefined;
  onChange: (patch: Partial<GroupQuery>) => void;
}): ReactElement {
  const { query, counts, onChange } = props;
  const mode = query.dispositionMode === 'primary' ? 'primary is' : 'contains';
  const lead = query.dispositionMode === 'primary' ? 'Groups whose primary is' : 'Groups containing';
  return (
    <section className="summary-strip" aria-label="Totals and quick filters">
      <span className="strip-label">{lead}</span>
      {DISPOSITIONS.map((d) => {
        const on = query.disposition?.length === 1 && query.disposition[0] === d;
        const label = DISPOSITION_LABELS[d];
        return (
          <button
            key={d}
            type="button"
            className={`strip-button disp disp-${d.toLowerCase()}${on ? ' on' : ''}`}
            aria-pressed={on}
            title={`${on ? 'Remove filter' : 'Show only groups whose'} ${mode === 'contains' ? 'members include' : 'primary is'} ${label.text}`}
            data-filter={`disposition:${d}`}
            onClick={() => onChange({ disposition: on ? undefined : [d] })}
          >
            <Icon name={on ? 'check' : label.icon} />
            <span>{label.text}</span>
            <span className="strip-count">{counts ? fmtInt(counts.disposition[d]) : '…'}</span>
          </button>
        );
      })}
      <span className="strip-sep" aria-hidden="true" />
      <span className="strip-label">Flags</span>
      {GROUP_FLAGS.map((f) => {
        const on = query.flags?.length === 1 && query.flags[0] === f;
        const label = FLAG_LABELS[f];
        return (
          <button
            key={f}
            type="button"
            className={`strip-button flag flag-${f}${on ? ' on' : ''}`}
            aria-pressed={on}
            title={label.hint}
            data-filter={`flag:${f}`}
            onClick={() => onChange({ flags: on ? undefined : [f] })}
          >
            <Icon name={on ? 'check' : label.icon} />
            <span>{label.text}</span>
            <span className="strip-count">{counts ? fmtInt(counts.flags[f]) : '…'}</span>
          </button>
        );
      })}
    </section>
  );
}
