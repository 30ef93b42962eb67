/**
 * "What changed since the last run" of the same dataset (REVIEW §2.2), shown in the `changed` view: the run it
 * compares with, and one-click filters for groups with new records, groups that gained and that lost members.
 */
import type { ReactElement } from 'react';
import { CHANGE_KINDS, type ChangeKind, type GroupQuery, type RunChanges } from '../../../src/shared/api.js';
import { Icon } from '../components/icons.js';
import { fmtInt } from '../format.js';
import { linkClick, paths } from '../router.js';

const KIND_TEXT: Record<ChangeKind, string> = {
  new_records: 'Groups with new records',
  gained: 'Gained members',
  lost: 'Lost members',
};

const kindCount = (c: RunChanges, kind: ChangeKind): number =>
  kind === 'new_records' ? c.groupsWithNewRecords : kind === 'gained' ? c.groupsGained : c.groupsLost;

export function ChangeStrip(props: {
  changes: RunChanges | undefined;
  query: GroupQuery;
  onChange: (patch: Partial<GroupQuery>) => void;
}): ReactElement {
  const { changes, query, onChange } = props;
  if (changes && changes.previousRunId === null) {
    return (
      <section className="summary-strip change-strip" aria-label="Changes since the last run">
        <span className="muted">No earlier complete run of this dataset: nothing to compare with.</span>
      </section>
    );
  }
  return (
    <section className="summary-strip change-strip" aria-label="Changes since the last run">
      <span className="strip-label">
        Compared with{' '}
        {changes?.previousRunId ? (
          <a
            href={paths.run(changes.previousRunId)}
            onClick={linkClick(paths.run(changes.previousRunId))}
            className="mono"
          >
            {changes.previousRunId}
          </a>
        ) : (
          '…'
        )}
        {changes && (
          <>
            {' '}
            · {fmtInt(changes.newRecords)} new records, {fmtInt(changes.removedRecords)} gone
          </>
        )}
      </span>
      {CHANGE_KINDS.map((kind) => {
        const on = query.change?.length === 1 && query.change[0] === kind;
        return (
          <button
            key={kind}
            type="button"
            className={`strip-button change-kind${on ? ' on' : ''}`}
            aria-pressed={on}
            data-filter={`change:${kind}`}
            onClick={() => onChange({ change: on ? undefined : [kind] })}
          >
            {on && <Icon name="check" />}
            <span>{KIND_TEXT[kind]}</span>
            <span className="strip-count">{changes ? fmtInt(kindCount(changes, kind)) : '…'}</span>
          </button>
        );
      })}
    </section>
  );
}
