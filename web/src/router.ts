/**
 * A small History-API router: the path picks the screen, the query string carries the groups filter
 * (REVIEW §2.2 deep links). The server answers every non-/api path with index.html.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'runs' }
  | { screen: 'blacklist' }
  | { screen: 'maintenance' }
  | { screen: 'run'; runId: string }
  | { screen: 'groups'; runId: string; groupId: string | null }
  | { screen: 'near-misses'; runId: string }
  | { screen: 'thresholds'; runId: string }
  | { screen: 'not-found'; path: string };

const NAVIGATE_EVENT = 'junction:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = (): string => window.location.pathname + window.location.search;

/** The current path + query string; re-renders on navigation. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return q < 0 ? { pathname: href, search: '' } : { pathname: href.slice(0, q), search: href.slice(q) };
}

/** Push (or replace) a same-origin URL without a reload. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function matchRoute(pathname: string): Route {
  const parts = pathname
    .split('/')
    .filter((p) => p.length > 0)
    .map(decodeURIComponent);
  if (parts.length === 0) return { screen: 'runs' };
  if (parts.length === 1 && parts[0] === 'blacklist') return { screen: 'blacklist' };
  if (parts.length === 1 && parts[0] === 'maintenance') return { screen: 'maintenance' };
  if (parts[0] === 'runs' && parts[1] !== undefined) {
    const runId = parts[1];
    if (parts.length === 2) return { screen: 'run', runId };
    if (parts[2] === 'groups' && parts.length <= 4) return { screen: 'groups', runId, groupId: parts[3] ?? null };
    if (parts[2] === 'near-misses' && parts.length === 3) return { screen: 'near-misses', runId };
    if (parts[2] === 'thresholds' && parts.length === 3) return { screen: 'thresholds', runId };
  }
  return { screen: 'not-found', path: pathname };
}

export const paths = {
  runs: (): string => '/',
  blacklist: (): string => '/blacklist',
  maintenance: (): string => '/maintenance',
  run: (runId: string): string => `/runs/${encodeURIComponent(runId)}`,
  groups: (runId: string, search = ''): string => `/runs/${encodeURIComponent(runId)}/groups${search}`,
  group: (runId: string, groupId: string, search = ''): string =>
    `/runs/${encodeURIComponent(runId)}/groups/${encodeURIComponent(groupId)}${search}`,
  nearMisses: (runId: string, search = ''): string => `/runs/${encodeURIComponent(runId)}/near-misses${search}`,
  thresholds: (runId: string): string => `/runs/${encodeURIComponent(runId)}/thresholds`,
};

/** Click handler for in-app links: plain left clicks navigate in place, modified clicks keep browser behaviour. */
export function linkClick(to: string) {
  return (event: {
    button: number;
    metaKey: boolean;
    ctrlKey: boolean;
    shiftKey: boolean;
    altKey: boolean;
    preventDefault(): void;
  }) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
}
