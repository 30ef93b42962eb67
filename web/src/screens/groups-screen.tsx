/**
 * The main screen (REVIEW §2.2): the work queue / all groups / changed lists of one run, with search, summary
 * strip, filter chips, review progress, the virtualised grid and the group drawer. The URL query string is the
 * GroupQuery; the path carries the open group, so every state is a deep link.
 */
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GroupQuery, SearchInfo } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { queryTokens } from '../components/highlight.js';
import { Icon } from '../components/icons.js';
import { SORT_LABELS } from '../components/labels.js';
import { RerunAction } from '../components/rerun-action.js';
import { TopBar } from '../components/top-bar.js';
import { markGroup, setDisposition } from '../decisions/decision-actions.js';
import { DecisionBar, DecisionMessages } from '../decisions/decision-bar.js';
import { useDecisions } from '../decisions/use-decisions.js';
import { GroupDrawer } from '../drawer/group-drawer.js';
import { fmtInt } from '../format.js';
import { BulkAccept } from '../groups/bulk-accept.js';
import { SelectionBar } from '../groups/bulk-selection.js';
import { ChangeStrip } from '../groups/change-strip.js';
import { ExportDialog } from '../groups/export-dialog.js';
import { FilterChips } from '../groups/filter-chips.js';
import { type GridHandle, GroupsGrid } from '../groups/groups-grid.js';
import { ReviewProgress } from '../groups/review-progress.js';
import { SearchBox } from '../groups/search-box.js';
import { SummaryStrip } from '../groups/summary-strip.js';
import { useGroupPages } from '../groups/use-group-pages.js';
import { useSelection } from '../groups/use-selection.js';
import { useSummaryCounts } from '../groups/use-summary-counts.js';
import { ViewTabs } from '../groups/view-tabs.js';
import { useGridKeys } from '../keyboard/use-grid-keys.js';
import { groupQueryToSearch, parseGroupQuery, withQuery } from '../query/group-query.js';
import { navigate, paths } from '../router.js';
import { CanonicalNamesContext, useCanonicalNamesResource } from '../workbench/canonical-names.js';
import { RunLinks } from '../workbench/run-links.js';

/** How the server read the search, when it is not the plain name-prefix reading. */
const SEARCH_MODE_TEXT: Record<SearchInfo['mode'], string> = {
  prefix: '',
  fuzzy: 'no name starts with that: showing similar names',
  account_id: 'matched an account id',
  group_id: 'matched a group id',
  none: '',
};

export function GroupsScreen({
  runId,
  groupId,
  search,
}: {
  runId: string;
  groupId: string | null;
  search: string;
}): ReactElement {
  const { query, ignored } = useMemo(() => parseGroupQuery(search), [search]);
  const canonical = groupQueryToSearch(query);
  const pages = useGroupPages(runId, query);
  // Highlight what the server matched (fuzzy hits are other words than the typed ones), else the typed words.
  const terms = pages.search?.terms;
  const tokens = useMemo(
    () => (terms && terms.length > 0 ? queryTokens(terms.join(' ')) : queryTokens(query.q)),
    [terms, query.q],
  );
  const counts = useSummaryCounts(runId, query);
  const run = useResource(`run:${runId}`, (signal) => api.run(runId, signal));
  const totals = useResource(`totals:${runId}`, (signal) => api.totals(runId, signal));
  const { reload: reloadTotals } = totals;
  const { reload: reloadPages } = pages;
  // After any decision or bulk action the progress and the grid's reviewed/pending columns refresh.
  const refreshAfterWrite = useCallback(() => {
    reloadTotals();
    reloadPages();
  }, [reloadTotals, reloadPages]);
  const decisions = useDecisions(runId, refreshAfterWrite);
  const canonicalNames = useCanonicalNamesResource(runId);
  const [exporting, setExporting] = useState(false);
  const changes = useResource(query.view === 'changed' ? `changes:${runId}` : null, (signal) =>
    api.changes(runId, signal),
  );
  const [activeIndex, setActiveIndex] = useState(0);
  const selection = useSelection(pages.rowAt, `${runId}?${canonical}`);
  const grid = useRef<GridHandle>(null);
  const searchInput = useRef<HTMLInputElement>(null);

  // A new list starts at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on every change of the canonical query
  useEffect(() => {
    setActiveIndex(0);
    grid.current?.scrollToTop();
  }, [canonical]);

  const setQuery = useCallback(
    (patch: Partial<GroupQuery>, options: { replace?: boolean } = {}) => {
      const next = groupQueryToSearch(withQuery(query, patch));
      navigate(groupId ? paths.group(runId, groupId, next) : paths.groups(runId, next), options);
    },
    [query, runId, groupId],
  );

  const openIndex = useCallback(
    (index: number, options: { replace?: boolean } = {}) => {
      const row = pages.rowAt(index);
      if (!row) return;
      setActiveIndex(index);
      navigate(paths.group(runId, row.group_id, canonical), options);
    },
    [pages, runId, canonical],
  );

  const openGroup = useCallback((id: string) => navigate(paths.group(runId, id, canonical)), [runId, canonical]);

  const closeDrawer = useCallback(() => {
    navigate(paths.groups(runId, canonical));
    grid.current?.focusRow(activeIndex);
  }, [runId, canonical, activeIndex]);

  const move = useCallback(
    (delta: number) => {
      const total = pages.total ?? 0;
      if (total === 0) return;
      const next = Math.max(0, Math.min(total - 1, activeIndex + delta));
      setActiveIndex(next);
      if (groupId) openIndex(next, { replace: true });
      else grid.current?.focusRow(next);
    },
    [pages.total, activeIndex, groupId, openIndex],
  );

  useGridKeys({
    move,
    open: () => openIndex(activeIndex),
    focusSearch: () => searchInput.current?.focus(),
    close: () => {
      if (!groupId) return false;
      closeDrawer();
      return true;
    },
    // REVIEW §2.4: in the drawer 1–4 set the focused member row (else the primary); in the grid, the active
    // group's primary. r marks the open (or active) group reviewed.
    setDisposition: (value) => {
      let accountId: string | null = null;
      if (groupId) {
        const focusedRow = document.activeElement?.closest('.drawer tr[data-account-id]');
        const row = focusedRow ?? document.querySelector('.drawer tr.is-primary[data-account-id]');
        accountId = row?.getAttribute('data-account-id') ?? null;
      } else {
        accountId = pages.rowAt(activeIndex)?.primary_account_id ?? null;
      }
      if (accountId !== null) void setDisposition(decisions, accountId, value, 'keyboard');
    },
    // REVIEW §2.4 bulk actions: x toggles the active row's selection.
    toggleSelect: () => {
      if (!groupId) selection.toggle(activeIndex, false);
    },
    markReviewed: () => {
      const id = groupId ?? pages.rowAt(activeIndex)?.group_id ?? null;
      if (id !== null) void markGroup(decisions, runId, id, 'group_reviewed');
    },
  });

  const nextUnreviewed = totals.data?.progress.nextUnreviewed ?? null;

  const sortNote =
    query.sort === 'risk' && query.dir === 'asc' ? null : (
      <span className="sort-note">
        sorted by {SORT_LABELS[query.sort]} {query.dir === 'asc' ? '↑' : '↓'}
        <button type="button" className="link-button" onClick={() => setQuery({ sort: 'risk', dir: 'asc' })}>
          back to risk order
        </button>
      </span>
    );

  return (
    <CanonicalNamesContext.Provider value={canonicalNames}>
      <div className={groupId ? 'screen groups-screen with-drawer' : 'screen groups-screen'}>
        <TopBar
          crumbs={[
            { text: 'Runs', href: paths.runs() },
            { text: run.data ? `${run.data.dataset} · ${runId}` : runId, href: paths.run(runId) },
            { text: 'Groups' },
          ]}
        >
          <DecisionBar runId={runId} decisions={decisions} />
          <ReviewProgress
            reviewed={totals.data?.progress.reviewed ?? 0}
            queueTotal={totals.data?.progress.queueTotal ?? null}
            nextHref={nextUnreviewed === null ? null : paths.group(runId, nextUnreviewed, '')}
          />
        </TopBar>
        <div className="toolbar">
          <ViewTabs view={query.view} onChange={(view) => setQuery({ view })} />
          <SearchBox
            ref={searchInput}
            value={query.q ?? ''}
            onSearch={(q) => setQuery({ q: q.length === 0 ? undefined : q }, { replace: true })}
            onDone={() => grid.current?.focusRow(0)}
          />
          {pages.search && SEARCH_MODE_TEXT[pages.search.mode] && (
            <span className="search-mode" data-testid="search-mode">
              {SEARCH_MODE_TEXT[pages.search.mode]}
            </span>
          )}
          <span className="match-count" data-testid="match-count" aria-live="polite">
            {pages.total === null ? (
              'Loading…'
            ) : (
              <>
                <strong>{fmtInt(pages.total)}</strong> of {fmtInt(pages.totalGroups)} groups match
              </>
            )}
          </span>
        </div>
        {query.view === 'changed' && (
          <ChangeStrip changes={changes.data} query={query} onChange={(patch) => setQuery(patch)} />
        )}
        <DecisionMessages decisions={decisions} />
        <div className="actions-bar">
          <RunLinks runId={runId} current="groups" />
          <button type="button" className="small-button" onClick={() => setExporting(true)}>
            <Icon name="download" /> Export…
          </button>
          <BulkAccept
            runId={runId}
            query={query}
            onDone={() => {
              refreshAfterWrite();
              decisions.reload();
            }}
          />
          <span className="spacer" />
          <RerunAction runId={runId} />
        </div>
        <SelectionBar
          runId={runId}
          selection={selection}
          enabled={decisions.enabled}
          onDone={() => {
            refreshAfterWrite();
            decisions.reload();
          }}
        />
        {exporting && (
          <ExportDialog runId={runId} query={query} total={pages.total} onClose={() => setExporting(false)} />
        )}
        <SummaryStrip query={query} counts={counts.data} onChange={(patch) => setQuery(patch)} />
        <div className="chips-bar">
          <FilterChips query={query} onChange={(patch) => setQuery(patch)} />
          {sortNote}
        </div>
        {ignored.length > 0 && (
          <p className="warning" role="status">
            Ignored link parameters: {ignored.join(', ')}
          </p>
        )}
        {pages.error && (
          <p className="error" role="alert">
            Could not load groups: {pages.error.message}
          </p>
        )}
        <main className={pages.pending ? 'grid-area loading' : 'grid-area'} aria-busy={pages.pending}>
          <GroupsGrid
            ref={grid}
            pages={pages}
            sort={query.sort}
            dir={query.dir}
            onSort={(sort, dir) => setQuery({ sort, dir })}
            tokens={tokens}
            searchMode={pages.search?.mode ?? 'none'}
            view={query.view}
            activeIndex={activeIndex}
            openGroupId={groupId}
            onActivate={setActiveIndex}
            onOpen={(i) => openIndex(i)}
            selectedIds={selection.ids}
            onToggleSelect={selection.toggle}
            onSelectPage={selection.selectPage}
          />
        </main>
        <footer className="keys-hint">
          <span>
            <kbd>j</kbd>/<kbd>k</kbd> move
          </span>
          <span>
            <kbd>Enter</kbd> open
          </span>
          <span>
            <kbd>/</kbd> search
          </span>
          <span>
            <kbd>Esc</kbd> close
          </span>
          <span>
            <kbd>1</kbd>–<kbd>4</kbd> Keep/Update/Delete/Verify
          </span>
          <span>
            <kbd>r</kbd> reviewed
          </span>
          <span>
            <kbd>x</kbd> select
          </span>
        </footer>
        {groupId && (
          <GroupDrawer
            runId={runId}
            groupId={groupId}
            tokens={tokens}
            onClose={closeDrawer}
            groupHref={(id) => paths.group(runId, id, canonical)}
            onOpenGroup={openGroup}
            decisions={decisions}
          />
        )}
      </div>
    </CanonicalNamesContext.Provider>
  );
}
