/**
 * Columns of the groups grid (REVIEW §2.2). Sortable column ids ARE the shared `GroupSortKey`s, so renaming a
 * sort key on the server fails to compile here instead of silently sorting by something else.
 */
import {
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { ReactElement } from 'react';
import {
  DISPOSITIONS,
  type Disposition,
  GROUP_FLAGS,
  type GroupSortKey,
  type SearchInfo,
} from '../../../src/shared/api.js';
import { Highlight } from '../components/highlight.js';
import { Icon } from '../components/icons.js';
import { DISPOSITION_LABELS, FLAG_LABELS, RISK_TIER_LABELS, VERIFY_REASON_LABELS } from '../components/labels.js';
import { fmtInt, fmtScore } from '../format.js';
import { CanonicalNameTag } from '../workbench/canonical-names.js';
import type { GridRow } from './use-group-pages.js';

export interface GridColumnMeta {
  /** Header text for screen readers and the sort status line. */
  label: string;
  align?: 'start' | 'end' | 'center';
  /** Fills the remaining width (the name column). */
  flex?: boolean;
  icon?: ReactElement;
}

/** Render-time context the cells need beyond the row: what to highlight. */
export interface GridTableMeta {
  tokens: readonly string[];
  searchMode: SearchInfo['mode'];
  /** Row selection for bulk actions (REVIEW §2.4); the screen owns the selected set. */
  selection?: GridSelection;
}

export interface GridSelection {
  isSelected: (groupId: string) => boolean;
  /** A click on a row's checkbox; with shift it selects the range from the last clicked row. */
  toggle: (position: number, shiftKey: boolean) => void;
  /** State of the loaded rows on screen, for the header checkbox. */
  pageState: 'none' | 'some' | 'all';
  togglePage: () => void;
}

export const gridFeatures = tableFeatures({
  rowSortingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  columnMeta: metaHelper<GridColumnMeta>(),
  tableMeta: metaHelper<GridTableMeta>(),
});

const helper = createColumnHelper<typeof gridFeatures, GridRow>();

const sortable = (id: GroupSortKey, descFirst: boolean) => ({ id, enableSorting: true, sortDescFirst: descFirst });

const COUNT_KEY = {
  Keep: 'keep_count',
  Update: 'update_count',
  Delete: 'delete_count',
  Verify: 'verify_count',
} as const satisfies Record<Disposition, GroupSortKey>;

function dispositionColumn(d: Disposition) {
  const key = COUNT_KEY[d];
  const label = DISPOSITION_LABELS[d];
  return helper.accessor(key, {
    ...sortable(key, true),
    header: () => (
      <span className={`th-disp disp-${d.toLowerCase()}`}>
        <Icon name={label.icon} />
        {label.text}
      </span>
    ),
    size: 84,
    meta: { label: `${label.text} records`, align: 'end' },
    cell: (ctx) => {
      const n = ctx.getValue();
      return n === 0 ? (
        <span className="zero">
          <span aria-hidden="true">·</span>
          <span className="sr-only">no {label.text}</span>
        </span>
      ) : (
        <span className={`count disp-${d.toLowerCase()}`}>
          <Icon name={label.icon} />
          {fmtInt(n)}
          <span className="sr-only"> {label.text}</span>
        </span>
      );
    },
  });
}

function PageCheckbox({ selection }: { selection: GridSelection | undefined }): ReactElement | null {
  if (!selection) return null;
  return (
    <input
      type="checkbox"
      className="select-box"
      aria-label="Select all on this page"
      checked={selection.pageState === 'all'}
      ref={(el) => {
        if (el) el.indeterminate = selection.pageState === 'some';
      }}
      onChange={() => selection.togglePage()}
    />
  );
}

function RowCheckbox({ row, selection }: { row: GridRow; selection: GridSelection | undefined }): ReactElement | null {
  if (!selection) return null;
  return (
    <input
      type="checkbox"
      className="select-box"
      aria-label={`Select group ${row.group_id}`}
      checked={selection.isSelected(row.group_id)}
      // The row's own click opens the drawer; a checkbox click only selects.
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => selection.toggle(row.position, (e.nativeEvent as MouseEvent).shiftKey === true)}
    />
  );
}

export const gridColumns = helper.columns([
  helper.display({
    id: 'select',
    header: (ctx) => <PageCheckbox selection={ctx.table.options.meta?.selection} />,
    size: 36,
    enableSorting: false,
    meta: { label: 'Selection', align: 'center' },
    cell: (ctx) => <RowCheckbox row={ctx.row.original} selection={ctx.table.options.meta?.selection} />,
  }),
  helper.accessor('position', {
    ...sortable('risk', false),
    header: '#',
    size: 54,
    meta: { label: 'Risk order (work queue)', align: 'end' },
    cell: (ctx) => <span className="muted">{fmtInt(ctx.getValue() + 1)}</span>,
  }),
  helper.accessor('group_id', {
    ...sortable('group_id', false),
    header: 'Group',
    size: 168,
    meta: { label: 'Group' },
    cell: (ctx) =>
      ctx.table.options.meta?.searchMode === 'group_id' ? (
        <mark className="hit mono">{ctx.getValue()}</mark>
      ) : (
        <span className="mono">{ctx.getValue()}</span>
      ),
  }),
  helper.accessor('primary_name', {
    ...sortable('primary_name', false),
    header: 'Primary name',
    size: 220,
    meta: { label: 'Primary name', flex: true },
    cell: (ctx) => <NameCell row={ctx.row.original} tokens={ctx.table.options.meta?.tokens ?? []} />,
  }),
  helper.accessor('risk_tier', {
    id: 'why',
    header: 'Why in queue',
    size: 140,
    enableSorting: false,
    meta: { label: 'Why in queue' },
    cell: (ctx) => <RiskCell row={ctx.row.original} />,
  }),
  helper.accessor('change', {
    id: 'change',
    header: 'Change',
    size: 190,
    enableSorting: false,
    meta: { label: 'Change since the last run' },
    cell: (ctx) => <ChangeCell change={ctx.getValue()} />,
  }),
  helper.accessor('size', {
    ...sortable('size', true),
    header: 'Size',
    size: 56,
    meta: { label: 'Size', align: 'end' },
    cell: (ctx) => fmtInt(ctx.getValue()),
  }),
  helper.accessor('min_edge', {
    ...sortable('min_edge', false),
    header: 'Min',
    size: 60,
    meta: { label: 'Weakest edge to primary', align: 'end' },
    cell: (ctx) => <span className="score">{fmtScore(ctx.getValue())}</span>,
  }),
  helper.accessor('max_edge', {
    ...sortable('max_edge', false),
    header: 'Max',
    size: 60,
    meta: { label: 'Strongest edge to primary', align: 'end' },
    cell: (ctx) => <span className="score">{fmtScore(ctx.getValue())}</span>,
  }),
  ...DISPOSITIONS.map(dispositionColumn),
  helper.display({
    id: 'flags',
    header: 'Flags',
    size: 156,
    meta: { label: 'Flags' },
    cell: (ctx) => <FlagsCell row={ctx.row.original} />,
  }),
  helper.accessor('reviewed', {
    header: 'Review',
    size: 100,
    enableSorting: false,
    meta: { label: 'Review state' },
    cell: (ctx) => <ReviewCell row={ctx.row.original} />,
  }),
]);

function RiskCell({ row }: { row: GridRow }): ReactElement {
  const tier = RISK_TIER_LABELS[row.risk_tier];
  if (row.risk_tier === 'verify') {
    const reason = row.verify_reason === null ? null : (VERIFY_REASON_LABELS[row.verify_reason] ?? row.verify_reason);
    return (
      <span className="risk risk-verify" title={row.verify_reason ?? undefined}>
        <Icon name="verify" />
        {reason ?? tier}
      </span>
    );
  }
  return <span className={`risk risk-${row.risk_tier}`}>{tier}</span>;
}

function ChangeCell({ change }: { change: GridRow['change'] }): ReactElement {
  if (change === null) return <span className="muted">—</span>;
  const parts = [
    change.new_records > 0 ? `${fmtInt(change.new_records)} new` : null,
    change.gained > 0 ? `+${fmtInt(change.gained)} gained` : null,
    change.lost > 0 ? `−${fmtInt(change.lost)} lost` : null,
  ].filter((p) => p !== null);
  return (
    <span className="change" title="New records; members gained from / lost to other groups since the last run">
      {parts.join(', ') || 'changed'}
    </span>
  );
}

function ReviewCell({ row }: { row: GridRow }): ReactElement {
  return (
    <span className="review-cell">
      {row.reviewed ? (
        <span className="reviewed-yes">
          <Icon name="check" />
          Reviewed
        </span>
      ) : (
        <span className="muted reviewed-no">
          <span className="dot" aria-hidden="true" />
          Open
        </span>
      )}
      {row.decisions_pending > 0 && <span className="pending">{fmtInt(row.decisions_pending)} pending</span>}
    </span>
  );
}

function NameCell({ row, tokens }: { row: GridRow; tokens: readonly string[] }): ReactElement {
  const primary = row.primary_name ?? '(no name)';
  const others = row.matched_names.filter((n) => n !== row.primary_name);
  const primaryHit = row.primary_name !== null && row.matched_names.includes(row.primary_name);
  return (
    <span className="name-cell">
      <span className="primary-name">
        <Highlight text={primary} tokens={tokens} fuzzy={primaryHit} />
      </span>
      <CanonicalNameTag groupId={row.group_id} />
      {others.length > 0 && (
        <span className="also" title={others.join('\n')}>
          <span className="also-label">also</span>
          <Highlight text={others[0] ?? ''} tokens={tokens} fuzzy />
          {others.length > 1 && <span className="muted"> +{others.length - 1}</span>}
        </span>
      )}
    </span>
  );
}

function FlagsCell({ row }: { row: GridRow }): ReactElement {
  const on = GROUP_FLAGS.filter((f) => row[f]);
  return (
    <span className="flags" title={on.map((f) => FLAG_LABELS[f].text).join(', ')}>
      {on.map((f) => (
        <span key={f} className={`flag flag-${f}`}>
          <Icon name={FLAG_LABELS[f].icon} />
          {on.length > 1 ? (FLAG_LABELS[f].short ?? FLAG_LABELS[f].text) : FLAG_LABELS[f].text}
        </span>
      ))}
    </span>
  );
}
