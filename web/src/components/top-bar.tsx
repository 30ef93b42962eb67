/**
 * App header: product name, breadcrumbs (in-app links), a slot on the right (decisions, review progress) and the
 * admin links. It fits 1280 px (issue 13: it was 1516 px wide at 1440): the crumbs shrink and end in an
 * ellipsis, everything else keeps its size. Opened from a run, the Blacklist link carries that run, so the page
 * previews the run's own dataset (issue 13 defect 4).
 */
import type { ReactElement, ReactNode } from 'react';
import { linkClick, paths } from '../router.js';

export interface Crumb {
  text: string;
  href?: string;
}

export function TopBar({
  crumbs,
  runId,
  children,
}: {
  crumbs: Crumb[];
  /** The run on screen, if any: the Blacklist page previews its dataset. */
  runId?: string;
  children?: ReactNode;
}): ReactElement {
  const blacklist = paths.blacklist(runId ?? null);
  return (
    <header className="topbar">
      <a className="brand" href={paths.runs()} onClick={linkClick(paths.runs())} title="Company Junction: all runs">
        <span className="brand-mark" aria-hidden="true">
          CJ
        </span>
        <span className="brand-name">Company Junction</span>
      </a>
      <nav aria-label="Breadcrumb" className="crumbs">
        <ol>
          {crumbs.map((c, i) => (
            <li key={c.href ?? c.text} title={c.text}>
              {c.href && i < crumbs.length - 1 ? (
                <a href={c.href} onClick={linkClick(c.href)}>
                  {c.text}
                </a>
              ) : (
                <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.text}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="topbar-right">{children}</div>
      <nav aria-label="Admin" className="topbar-nav">
        <a href={blacklist} onClick={linkClick(blacklist)}>
          Blacklist
        </a>
        <a href={paths.maintenance()} onClick={linkClick(paths.maintenance())}>
          Maintenance
        </a>
      </nav>
    </header>
  );
}
