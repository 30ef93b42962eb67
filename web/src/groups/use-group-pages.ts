/**
 * Random-access page cache behind the virtualised groups grid (REVIEW §2.2: paging with true totals, no hidden
 * clamp). The scrollbar spans the true total; pages of PAGE_SIZE rows are fetched as they scroll into view, and
 * pages far from the viewport are dropped so memory stays flat on a 1M-record run.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GroupQuery, GroupRow, SearchInfo } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { groupQueryToSearch } from '../query/group-query.js';

export const PAGE_SIZE = 100;
const MAX_PAGES = 40;

/** A grid row: the API row plus its 0-based position in the sorted, filtered list. */
export type GridRow = GroupRow & { position: number };

interface CacheState {
  key: string;
  total: number | null;
  totalGroups: number | null;
  search: SearchInfo | null;
  pages: Map<number, GridRow[]>;
  error: Error | null;
  /** Bumped on every change so memoised views refresh. */
  version: number;
}

export interface GroupPages {
  total: number | null;
  totalGroups: number | null;
  /** How the server read the search (mode, matched index terms for highlighting). */
  search: SearchInfo | null;
  error: Error | null;
  /** Loaded rows (page order), the data of the table model. */
  data: GridRow[];
  rowAt: (position: number) => GridRow | undefined;
  /** Make sure the rows [first, last] are loaded or loading. */
  ensureRange: (first: number, last: number) => void;
  /** True until the first answer (page or error) for the current query has arrived. */
  pending: boolean;
  /** Refetches the loaded pages in place (after a decision: reviewed/pending columns change). */
  reload: () => void;
}

export function useGroupPages(runId: string, query: GroupQuery): GroupPages {
  const key = `${runId}${groupQueryToSearch(query)}`;
  const [state, setState] = useState<CacheState>(() => ({
    key,
    total: null,
    totalGroups: null,
    search: null,
    pages: new Map(),
    error: null,
    version: 0,
  }));
  const inFlight = useRef(new Map<number, AbortController>());
  const queryRef = useRef(query);
  queryRef.current = query;
  const keyRef = useRef(key);
  keyRef.current = key;
  const lastRange = useRef<[number, number]>([0, 0]);

  const fetchPage = useCallback(
    (page: number) => {
      if (inFlight.current.has(page)) return;
      const controller = new AbortController();
      inFlight.current.set(page, controller);
      const forKey = keyRef.current;
      const offset = page * PAGE_SIZE;
      api.groups(runId, { ...queryRef.current, offset, limit: PAGE_SIZE }, controller.signal).then(
        (result) => {
          inFlight.current.delete(page);
          if (controller.signal.aborted || forKey !== keyRef.current) return;
          setState((s) => {
            if (s.key !== forKey) return s;
            const pages = new Map(s.pages);
            pages.set(
              page,
              result.rows.map((row, i) => ({ ...row, position: offset + i })),
            );
            evictFarPages(pages, lastRange.current);
            return {
              ...s,
              pages,
              total: result.total,
              totalGroups: result.totalGroups,
              search: result.search,
              error: null,
              version: s.version + 1,
            };
          });
        },
        (error: unknown) => {
          inFlight.current.delete(page);
          if (controller.signal.aborted || forKey !== keyRef.current) return;
          setState((s) => ({
            ...s,
            error: error instanceof Error ? error : new Error(String(error)),
            version: s.version + 1,
          }));
        },
      );
    },
    [runId],
  );

  // A new query: drop everything (keeping totals on screen until the new ones arrive) and load page 0.
  useEffect(() => {
    for (const c of inFlight.current.values()) c.abort();
    inFlight.current.clear();
    lastRange.current = [0, 0];
    setState((s) => ({ ...s, key, pages: new Map(), error: null, version: 0 }));
    fetchPage(0);
  }, [key, fetchPage]);

  useEffect(
    () => () => {
      for (const c of inFlight.current.values()) c.abort();
    },
    [],
  );

  const ensureRange = useCallback(
    (first: number, last: number) => {
      lastRange.current = [first, last];
      if (state.key !== key) return;
      const total = state.total ?? PAGE_SIZE;
      const lastPage = Math.floor(Math.max(0, Math.min(last, total - 1)) / PAGE_SIZE);
      for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= lastPage; p++) {
        if (!state.pages.has(p)) fetchPage(p);
      }
    },
    [state.key, state.total, state.pages, key, fetchPage],
  );

  const pageKeys = useRef<number[]>([]);
  pageKeys.current = [...state.pages.keys()];
  const reload = useCallback(() => {
    for (const p of pageKeys.current.length > 0 ? pageKeys.current : [0]) {
      inFlight.current.get(p)?.abort();
      inFlight.current.delete(p);
      fetchPage(p);
    }
  }, [fetchPage]);

  const data = useMemo(() => {
    const out: GridRow[] = [];
    for (const p of [...state.pages.keys()].sort((a, b) => a - b)) out.push(...(state.pages.get(p) ?? []));
    return out;
  }, [state.pages]);

  const rowAt = useCallback(
    (position: number) => state.pages.get(Math.floor(position / PAGE_SIZE))?.[position % PAGE_SIZE],
    [state.pages],
  );

  const current = state.key === key;
  return {
    total: state.total,
    totalGroups: state.totalGroups,
    search: state.search,
    error: state.error,
    data,
    rowAt,
    ensureRange,
    pending: !current || state.version === 0,
    reload,
  };
}

function evictFarPages(pages: Map<number, GridRow[]>, [first, last]: [number, number]): void {
  if (pages.size <= MAX_PAGES) return;
  const centre = (first + last) / 2 / PAGE_SIZE;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const p of byDistance.slice(0, pages.size - MAX_PAGES)) pages.delete(p);
}
