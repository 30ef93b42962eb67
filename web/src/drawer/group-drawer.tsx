/**
 * Group details (REVIEW §2.3): fetched only when opened, members paged (never truncated). Focus moves into the
 * drawer when it opens and back to the grid row when it closes (REVIEW §3).
 */
import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import { DISPOSITIONS, GROUP_FLAGS, type GroupDetails } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { DispositionBadge } from '../components/disposition-badge.js';
import { Icon } from '../components/icons.js';
import { FLAG_LABELS } from '../components/labels.js';
import { GroupToolbar } from '../decisions/group-toolbar.js';
import type { Decisions } from '../decisions/use-decisions.js';
import { fmtInt } from '../format.js';
import { CanonicalNameTag } from '../workbench/canonical-names.js';
import { ClusterView } from '../workbench/cluster-view.js';
import { GroupGraph } from '../workbench/group-graph.js';
import { WhyProbability } from '../workbench/why-probability.js';
import { AliasMatches } from './alias-matches.js';
import { MembersTable } from './members-table.js';
import { Mentions } from './mentions.js';
import { isOwnMention } from './mentions-model.js';
import { MergePreview } from './merge-preview.js';
import { WhyTogether } from './why-together.js';

/** Members per drawer page; larger groups page (never truncated, REVIEW §2.3). */
const MEMBERS_PAGE = 200;

export interface GroupDrawerProps {
  runId: string;
  groupId: string;
  tokens: readonly string[];
  onClose: () => void;
  /** Link to another group (alias matches). */
  groupHref: (groupId: string) => string;
  onOpenGroup: (groupId: string) => void;
  decisions: Decisions;
}

export function GroupDrawer({
  decisions,
  runId,
  groupId,
  tokens,
  onClose,
  groupHref,
  onOpenGroup,
}: GroupDrawerProps): ReactElement {
  const [membersOffset, setMembersOffset] = useState(0);
  const titleRef = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new group starts at its first member page
  useEffect(() => setMembersOffset(0), [groupId]);
  const details = useResource(`${runId}/${groupId}/${membersOffset}`, (signal) =>
    api.group(runId, groupId, { offset: membersOffset, limit: MEMBERS_PAGE }, signal),
  );
  const data = details.data && details.data.group.group_id === groupId ? details.data : undefined;

  // Focus moves into the drawer when it opens on a group (and when j/k switch groups while it is open).
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus once per opened group
  useEffect(() => {
    titleRef.current?.focus({ preventScroll: true });
  }, [groupId]);

  return (
    <aside
      className="drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby="drawer-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="drawer-head">
        <div className="drawer-title-row">
          <h2 id="drawer-title" ref={titleRef} tabIndex={-1}>
            <span className="mono muted">{groupId}</span>
            <span className="drawer-name">{data?.group.primary_name ?? (details.error ? '' : 'Loading…')}</span>
            <CanonicalNameTag groupId={groupId} />
          </h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close group details (Escape)">
            <Icon name="close" />
          </button>
        </div>
        {data && <GroupSummaryLine details={data} />}
        {data && <GroupToolbar runId={runId} details={data} decisions={decisions} />}
      </header>
      <div className="drawer-body">
        {details.error && <p className="error">Could not load this group: {details.error.message}</p>}
        {data && (
          <DrawerSections
            runId={runId}
            decisions={decisions}
            details={data}
            tokens={tokens}
            loading={details.loading}
            onPage={setMembersOffset}
            groupHref={groupHref}
            onOpenGroup={onOpenGroup}
          />
        )}
      </div>
    </aside>
  );
}

function GroupSummaryLine({ details }: { details: GroupDetails }): ReactElement {
  const g = details.group;
  const counts = { Keep: g.keep_count, Update: g.update_count, Delete: g.delete_count, Verify: g.verify_count };
  return (
    <div className="drawer-summary">
      <span>{fmtInt(g.size)} members</span>
      {DISPOSITIONS.filter((d) => counts[d] > 0).map((d) => (
        <DispositionBadge key={d} value={d} count={counts[d]} />
      ))}
      {GROUP_FLAGS.filter((f) => g[f]).map((f) => (
        <span key={f} className={`flag flag-${f}`} title={FLAG_LABELS[f].hint}>
          <Icon name={FLAG_LABELS[f].icon} />
          {FLAG_LABELS[f].text}
        </span>
      ))}
    </div>
  );
}

function DrawerSections(props: {
  runId: string;
  decisions: Decisions;
  details: GroupDetails;
  tokens: readonly string[];
  loading: boolean;
  onPage: (offset: number) => void;
  groupHref: (groupId: string) => string;
  onOpenGroup: (groupId: string) => void;
}): ReactElement {
  const { runId, decisions, details, tokens, loading, onPage, groupHref, onOpenGroup } = props;
  const names = useMemo(() => new Map(details.members.map((m) => [m.account_id, m.account_name])), [details.members]);
  const nameOf = (id: string): string | null => names.get(id) ?? null;
  const primary = details.members.find((m) => m.is_primary);
  return (
    <>
      <section className="drawer-section" aria-labelledby="why-primary">
        <h3 id="why-primary">Why this primary</h3>
        <p className="why-primary">
          <Icon name="primary" className="primary-star" />
          <strong>{details.group.primary_name ?? primary?.account_name ?? '—'}</strong>
          {details.group.primary_account_id && <span className="mono muted"> {details.group.primary_account_id}</span>}
          <span className="because"> — {details.group.survivorship_reason ?? 'single record'}</span>
        </p>
      </section>
      <ClusterView runId={runId} groupId={details.group.group_id} decisions={decisions} />
      <MembersTable
        details={details}
        tokens={tokens}
        loading={loading}
        onPage={onPage}
        runId={runId}
        decisions={decisions}
      />
      <WhyTogether details={details} nameOf={nameOf}>
        <WhyProbability runId={runId} groupId={details.group.group_id} />
      </WhyTogether>
      <GroupGraph runId={runId} groupId={details.group.group_id} decisions={decisions} />
      <MergePreview fields={details.mergePreview} />
      <Mentions {...{ runId, details, decisions, nameOf, groupHref, onOpenGroup }} />
      <AliasMatches
        groupId={details.group.group_id}
        matches={details.aliasMatches.filter((m) => !isOwnMention(m, details.group.group_id))}
        nameOf={nameOf}
        groupHref={groupHref}
        onOpenGroup={onOpenGroup}
      />
    </>
  );
}
