/**
 * The virtualised groups grid (REVIEW §2.2): server-sorted, server-filtered, random-access pages; the table model
 * (TanStack Table v9) owns columns, sizes and the sort state, the virtualizer owns geometry, and the screen owns
 * the URL. Keyboard focus is a roving tabindex over rows (j/k move, Enter opens).
 */
import { type SortingState, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactElement, type Ref, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import type { GroupSortKey, SearchInfo, View } from '../../../src/shared/api.js';
import { Icon } from '../components/icons.js';
import { type GridSelection, type GridTableMeta, gridColumns, gridFeatures } from './grid-columns.js';
import type { GroupPages } from './use-group-pages.js';

export const ROW_HEIGHT = 34;

export interface GridHandle {
  /** Scroll a row into view and give it keyboard focus. */
  focusRow: (index: number) => void;
  /** Scroll a row into view without moving the focus (the open group beside the drawer). */
  showRow: (index: number) => void;
  scrollToTop: () => void;
}

export interface GroupsGridProps {
  pages: GroupPages;
  sort: GroupSortKey;
  dir: 'asc' | 'desc';
  onSort: (sort: GroupSortKey, dir: 'asc' | 'desc') => void;
  tokens: readonly string[];
  searchMode: SearchInfo['mode'];
  /** The `changed` view shows what changed instead of why a group is queued. */
  view: View;
  activeIndex: number;
  openGroupId: string | null;
  onActivate: (index: number) => void;
  onOpen: (index: number) => void;
  /** Bulk selection (REVIEW §2.4): selected group ids, a checkbox click, and "select all on this page". */
  selectedIds: ReadonlySet<string>;
  onToggleSelect: (index: number, shiftKey: boolean) => void;
  onSelectPage: (indices: readonly number[], select: boolean) => void;
  /** A group is open beside the list: only the columns that find the next group (issue 13 split pane). */
  compact?: boolean;
  ref?: Ref<GridHandle>;
}

/** Columns shown beside an open group, and their widths there (the pane is 360–440 px). */
const COMPACT_SIZES: Readonly<Record<string, number>> = { risk: 44, primary_name: 136, size: 54, reviewed: 96 };

const ALIGN_CLASS = { start: '', end: 'al-end', center: 'al-center' } as const;

export function GroupsGrid(props: GroupsGridProps): ReactElement {
  const { pages, sort, dir, onSort, tokens, searchMode, view, activeIndex, openGroupId, onActivate, onOpen, ref } =
    props;
  const { selectedIds, onToggleSelect, onSelectPage } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const sorting = useMemo<SortingState>(() => [{ id: sort, desc: dir === 'desc' }], [sort, dir]);
  const { compact = false } = props;
  const columnVisibility = useMemo(() => {
    const visible: Record<string, boolean> = { why: view !== 'changed', change: view === 'changed' };
    if (compact) for (const column of gridColumns) if (column.id) visible[column.id] = column.id in COMPACT_SIZES;
    return visible;
  }, [view, compact]);

  const total = pages.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  // "This page" is the loaded rows inside the viewport (the overscan rows are not visible).
  const range = virtualizer.range;
  const pageIndices: number[] = [];
  for (const item of items) {
    if (range && (item.index < range.startIndex || item.index > range.endIndex)) continue;
    if (pages.rowAt(item.index)) pageIndices.push(item.index);
  }
  const pageSelected = pageIndices.filter((i) => {
    const id = pages.rowAt(i)?.group_id;
    return id !== undefined && selectedIds.has(id);
  }).length;
  const pageState: GridSelection['pageState'] =
    pageSelected === 0 ? 'none' : pageSelected === pageIndices.length ? 'all' : 'some';
  const pageKey = pageIndices.join(',');
  const meta = useMemo<GridTableMeta>(
    () => ({
      tokens,
      searchMode,
      selection: {
        isSelected: (id) => selectedIds.has(id),
        toggle: onToggleSelect,
        pageState,
        togglePage: () => onSelectPage(pageKey.length === 0 ? [] : pageKey.split(',').map(Number), pageState !== 'all'),
      },
    }),
    [tokens, searchMode, selectedIds, onToggleSelect, onSelectPage, pageState, pageKey],
  );

  const table = useTable({
    features: gridFeatures,
    columns: gridColumns,
    data: pages.data,
    getRowId: (row) => String(row.position),
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    meta,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSort(first.id as GroupSortKey, first.desc ? 'desc' : 'asc');
    },
  });

  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRange } = pages;
  useEffect(() => {
    ensureRange(first, last);
  }, [first, last, ensureRange]);

  useImperativeHandle(
    ref,
    () => ({
      focusRow: (index: number) => {
        virtualizer.scrollToIndex(index, { align: 'auto' });
        // The row may only exist after the scroll re-render.
        requestAnimationFrame(() => {
          const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
          el?.focus({ preventScroll: true });
        });
      },
      showRow: (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
      scrollToTop: () => virtualizer.scrollToOffset(0),
    }),
    [virtualizer],
  );

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const sizeOf = (id: string, size: number): number => (compact ? (COMPACT_SIZES[id] ?? size) : size);
  const template = headers
    .map((h) => {
      const size = sizeOf(h.column.id, h.getSize());
      return h.column.columnDef.meta?.flex ? `minmax(${size}px, 1fr)` : `${size}px`;
    })
    .join(' ');
  const minWidth = headers.reduce((sum, h) => sum + sizeOf(h.column.id, h.getSize()), 0);

  return (
    <div className="grid-scroll" ref={scrollRef}>
      <table
        className="grid"
        aria-label="Groups"
        aria-rowcount={total + 1}
        style={{ ['--grid-cols' as string]: template, minWidth }}
      >
        <thead>
          <tr className="grid-row grid-head" aria-rowindex={1}>
            {headers.map((header) => {
              const column = header.column;
              const sorted = column.getIsSorted();
              const meta = column.columnDef.meta;
              const canSort = column.getCanSort();
              return (
                <th
                  key={header.id}
                  className={ALIGN_CLASS[meta?.align ?? 'start']}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  scope="col"
                >
                  {canSort ? (
                    <button
                      type="button"
                      className={sorted ? 'th-sort sorted' : 'th-sort'}
                      onClick={column.getToggleSortingHandler()}
                      title={`Sort by ${meta?.label ?? header.id}`}
                      data-sort-key={column.id}
                    >
                      <table.FlexRender header={header} />
                      <Icon name={sorted === 'asc' ? 'sort-asc' : sorted === 'desc' ? 'sort-desc' : 'sort-none'} />
                    </button>
                  ) : (
                    <span className="th-plain">
                      <table.FlexRender header={header} />
                    </span>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const data = pages.rowAt(item.index);
            const style = { transform: `translateY(${item.start}px)` };
            if (!data) {
              return (
                <tr
                  key={`p${item.index}`}
                  className="grid-row placeholder"
                  style={style}
                  aria-rowindex={item.index + 2}
                >
                  <td colSpan={headers.length}>
                    <span className="skeleton" />
                  </td>
                </tr>
              );
            }
            const row = table.getRow(String(item.index), true);
            const active = item.index === activeIndex;
            const open = data.group_id === openGroupId;
            const picked = selectedIds.has(data.group_id);
            return (
              <tr
                key={row.id}
                data-index={item.index}
                data-group-id={data.group_id}
                className={`grid-row${active ? ' active' : ''}${open ? ' open' : ''}${picked ? ' picked' : ''}`}
                style={style}
                aria-rowindex={item.index + 2}
                aria-selected={active}
                tabIndex={active ? 0 : -1}
                onClick={() => onOpen(item.index)}
                onFocus={() => {
                  if (!active) onActivate(item.index);
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={ALIGN_CLASS[cell.column.columnDef.meta?.align ?? 'start']}
                    data-col={cell.column.id}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {pages.total === 0 && <p className="empty">No groups match these filters.</p>}
    </div>
  );
}
