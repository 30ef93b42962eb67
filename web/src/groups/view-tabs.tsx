/** The three lists of a run (REVIEW §2.2): the risk-ordered work queue (default), all groups, changed since last run. */
import type { ReactElement } from 'react';
import { type GroupQuery, VIEWS } from '../../../src/shared/api.js';

const VIEW_LABELS: Record<(typeof VIEWS)[number], { text: string; hint: string }> = {
  queue: { text: 'Work queue', hint: 'Groups that need a human, riskiest first' },
  all: { text: 'All groups', hint: 'Every group of the run, singletons included' },
  changed: { text: 'Changed since last run', hint: 'New records, groups that gained or lost members' },
};

export function ViewTabs(props: {
  view: GroupQuery['view'];
  onChange: (view: GroupQuery['view']) => void;
}): ReactElement {
  return (
    <nav className="view-tabs" aria-label="Lists">
      {VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          className={v === props.view ? 'tab current' : 'tab'}
          aria-current={v === props.view ? 'page' : undefined}
          title={VIEW_LABELS[v].hint}
          data-view={v}
          onClick={() => props.onChange(v)}
        >
          {VIEW_LABELS[v].text}
        </button>
      ))}
    </nav>
  );
}
