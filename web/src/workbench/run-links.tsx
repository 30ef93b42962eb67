/** The steward's views of one run (issue 13): the groups, near misses across groups, and the threshold explorer. */
import type { ReactElement } from 'react';
import { linkClick, paths } from '../router.js';

export type RunView = 'groups' | 'near-misses' | 'thresholds';

/** `current` marks the view on screen (none on the run details page). */
export function RunLinks({ runId, current }: { runId: string; current?: RunView }): ReactElement {
  const links: { view: RunView; text: string; href: string; hint: string }[] = [
    { view: 'groups', text: 'Groups', href: paths.groups(runId), hint: 'The work queue and every group' },
    {
      view: 'near-misses',
      text: 'Near misses',
      href: paths.nearMisses(runId),
      hint: 'Pairs just under the threshold that ended in different groups',
    },
    {
      view: 'thresholds',
      text: 'Thresholds',
      href: paths.thresholds(runId),
      hint: 'What another threshold would merge or split',
    },
  ];
  return (
    <nav className="run-links" aria-label="Run views">
      {links.map((l) => (
        <a
          key={l.view}
          href={l.href}
          onClick={linkClick(l.href)}
          className={l.view === current ? 'run-link current' : 'run-link'}
          aria-current={l.view === current ? 'page' : undefined}
          title={l.hint}
          data-testid={`run-link-${l.view}`}
        >
          {l.text}
        </a>
      ))}
    </nav>
  );
}
