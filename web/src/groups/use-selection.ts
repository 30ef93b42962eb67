/**
 * Row selection of the groups grid for bulk actions (REVIEW §2.4): selected groups by id (with the row, so a
 * bulk action knows each group's primary), a shift-click range from the last clicked row, "select all on this
 * page", and x on the active row. A new list (another query) starts with nothing selected.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GridRow } from './use-group-pages.js';

export interface Selection {
  /** Selected rows in selection order. */
  rows: readonly GridRow[];
  ids: ReadonlySet<string>;
  toggle: (index: number, shiftKey: boolean) => void;
  selectPage: (indices: readonly number[], select: boolean) => void;
  clear: () => void;
}

export function useSelection(rowAt: (index: number) => GridRow | undefined, listKey: string): Selection {
  const [selected, setSelected] = useState<ReadonlyMap<string, GridRow>>(() => new Map());
  const anchor = useRef<number | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on every change of the list
  useEffect(() => {
    setSelected(new Map());
    anchor.current = null;
  }, [listKey]);

  const toggle = useCallback(
    (index: number, shiftKey: boolean) => {
      const row = rowAt(index);
      if (!row) return;
      const from = anchor.current;
      setSelected((prev) => {
        const next = new Map(prev);
        if (shiftKey && from !== null && from !== index) {
          // A range always selects (like a file manager), from the anchor to the clicked row.
          const [lo, hi] = from < index ? [from, index] : [index, from];
          for (let i = lo; i <= hi; i++) {
            const r = rowAt(i);
            if (r) next.set(r.group_id, r);
          }
        } else if (next.has(row.group_id)) {
          next.delete(row.group_id);
        } else {
          next.set(row.group_id, row);
        }
        return next;
      });
      anchor.current = index;
    },
    [rowAt],
  );

  const selectPage = useCallback(
    (indices: readonly number[], select: boolean) => {
      setSelected((prev) => {
        const next = new Map(prev);
        for (const i of indices) {
          const r = rowAt(i);
          if (!r) continue;
          if (select) next.set(r.group_id, r);
          else next.delete(r.group_id);
        }
        return next;
      });
    },
    [rowAt],
  );

  const clear = useCallback(() => {
    setSelected(new Map());
    anchor.current = null;
  }, []);

  const rows = useMemo(() => [...selected.values()], [selected]);
  const ids = useMemo(() => new Set(selected.keys()), [selected]);
  return { rows, ids, toggle, selectPage, clear };
}
