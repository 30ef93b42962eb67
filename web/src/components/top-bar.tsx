/** App header: product name, breadcrumbs (in-app links), and a slot on the right (review progress). */
import type { ReactElement, ReactNode } from 'react';
import { linkClick, paths } from '../router.js';

export interface Crumb {
  text: string;
  href?: string;
}

export function TopBar({ crumbs, children }: { crumbs: Crumb[]; children?: ReactNode }): ReactElement {
  return (
    <header className="topbar">
      <a className="brand" href={paths.runs()} onClick={linkClick(paths.runs())}>
        <span className="brand-mark" aria-hidden="true">
          CJ
        </span>
        Company Junction
      </a>
      <nav aria-label="Breadcrumb" className="crumbs">
        <ol>
          {crumbs.map((c, i) => (
            <li key={c.href ?? c.text}>
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
        <a href={paths.blacklist()} onClick={linkClick(paths.blacklist())}>
          Blacklist
        </a>
        <a href={paths.maintenance()} onClick={linkClick(paths.maintenance())}>
          Maintenance
        </a>
      </nav>
    </header>
  );
}
