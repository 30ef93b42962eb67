/**
 * The compact cluster view in the group drawer (issue 13, as OpenRefine's Cluster & edit): one row per distinct
 * name with its count, expandable to its records, and the steward's canonical name for the group — journaled as
 * `canonical_name` for exactly these members, shown in the drawer and the grid, exported in the merge plan.
 */
import { type FormEvent, type ReactElement, useEffect, useState } from 'react';
import type { ClusterName, ClusterNames } from '../../../src/shared/workbench-api.js';
import { useResource } from '../api/use-resource.js';
import { DispositionBadge } from '../components/disposition-badge.js';
import { Icon } from '../components/icons.js';
import type { Decisions } from '../decisions/use-decisions.js';
import { fmtDateTime, fmtInt } from '../format.js';
import { useCanonicalNames } from './canonical-names.js';
import { useJournalWrite } from './use-journal-write.js';
import { workbenchApi } from './workbench-api.js';
import './workbench.css';

const NAMES_PAGE = 200;
const MEMBERS_PAGE = 50;
const DISPOSITION_KEYS = [
  ['Keep', 'keep'],
  ['Update', 'update'],
  ['Delete', 'delete'],
  ['Verify', 'verify'],
] as const;

export function ClusterView(props: { runId: string; groupId: string; decisions: Decisions }): ReactElement {
  const { runId, groupId, decisions } = props;
  const [offset, setOffset] = useState(0);
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new group starts at its first page
  useEffect(() => setOffset(0), [groupId]);
  const names = useResource(`names:${runId}:${groupId}:${offset}:${generation}`, (signal) =>
    workbenchApi.names(runId, groupId, { offset, limit: NAMES_PAGE }, signal),
  );
  const data = names.data?.group_id === groupId ? names.data : undefined;
  return (
    <section className="drawer-section cluster-view" aria-labelledby="cluster-names" data-testid="cluster-view">
      <div className="section-head">
        <h3 id="cluster-names">Names in this group</h3>
        {data && (
          <span className="muted">
            {fmtInt(data.namesTotal)} distinct {data.namesTotal === 1 ? 'name' : 'names'} in {fmtInt(data.size)}{' '}
            {data.size === 1 ? 'record' : 'records'}
          </span>
        )}
        {data && data.namesTotal > NAMES_PAGE && (
          <span className="pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - NAMES_PAGE))}>
              <Icon name="back" /> Previous
            </button>
            <button
              type="button"
              disabled={offset + NAMES_PAGE >= data.namesTotal}
              onClick={() => setOffset(offset + NAMES_PAGE)}
            >
              Next <Icon name="next" />
            </button>
          </span>
        )}
      </div>
      {names.error && <p className="error">Could not load the names: {names.error.message}</p>}
      {data && (
        <CanonicalNameForm
          runId={runId}
          details={data}
          decisions={decisions}
          onSaved={() => setGeneration((g) => g + 1)}
        />
      )}
      {data && (
        <table className="tbl cluster-names">
          <thead>
            <tr>
              <th scope="col">Name as typed</th>
              <th scope="col" className="al-end">
                Records
              </th>
              <th scope="col">Dispositions</th>
            </tr>
          </thead>
          <tbody>
            {data.names.map((n) => (
              <NameRow key={n.name} runId={runId} groupId={groupId} name={n} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NameRow({ runId, groupId, name }: { runId: string; groupId: string; name: ClusterName }): ReactElement {
  const [open, setOpen] = useState(false);
  const [limit, setLimit] = useState(MEMBERS_PAGE);
  const members = useResource(open ? `name-members:${runId}:${groupId}:${name.name}:${limit}` : null, (signal) =>
    workbenchApi.nameMembers(runId, groupId, { name: name.name, offset: 0, limit }, signal),
  );
  return (
    <>
      <tr className={name.primary ? 'is-primary' : undefined} data-testid="cluster-name-row">
        <td>
          <button
            type="button"
            className="expand-button"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            title={open ? 'Hide the records' : 'Show the records'}
          >
            <Icon name={open ? 'sort-desc' : 'next'} />
            <span className="cluster-name">{name.name || '(empty name)'}</span>
          </button>
          {name.primary && (
            <span className="primary-marker" title="The primary has this name">
              <Icon name="primary" />
            </span>
          )}
        </td>
        <td className="al-end strong">{fmtInt(name.count)}</td>
        <td className="dispositions">
          {DISPOSITION_KEYS.filter(([, key]) => name[key] > 0).map(([d, key]) => (
            <DispositionBadge key={d} value={d} count={name[key]} />
          ))}
        </td>
      </tr>
      {open && (
        <tr className="cluster-members-row">
          <td colSpan={3}>
            {members.error && <span className="error">{members.error.message}</span>}
            {members.data && (
              <ul className="cluster-members" data-testid="cluster-members">
                {members.data.members.map((m) => (
                  <li key={m.account_id}>
                    <span className="mono">{m.account_id}</span>
                    <span>{m.account_name}</span>
                    <span className="muted small">
                      {m.created_date ? fmtDateTime(m.created_date).slice(0, 10) : ''}
                    </span>
                    <span className="muted small">{m.relationship ?? ''}</span>
                    <span className="small">{m.disposition}</span>
                  </li>
                ))}
                {members.data.total > members.data.members.length && (
                  <li>
                    <button type="button" className="link-button" onClick={() => setLimit(limit + MEMBERS_PAGE * 4)}>
                      show more ({fmtInt(members.data.total - members.data.members.length)} not shown)
                    </button>
                  </li>
                )}
              </ul>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function CanonicalNameForm(props: {
  runId: string;
  details: ClusterNames;
  decisions: Decisions;
  onSaved: () => void;
}): ReactElement {
  const { runId, details, decisions, onSaved } = props;
  const shared = useCanonicalNames();
  const current = details.canonical;
  const [text, setText] = useState(current?.value ?? '');
  const write = useJournalWrite(decisions);
  const { busy, message } = write;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the field follows the group and its saved name
  useEffect(() => setText(current?.value ?? ''), [details.group_id, current?.seq]);

  const save = async (value: string | null): Promise<void> => {
    const saved = await write.run(
      (baseSeq) => workbenchApi.setCanonicalName(runId, details.group_id, { value, base_seq: baseSeq }),
      () => (value === null ? 'Canonical name cleared.' : `Named “${value.trim()}”.`),
    );
    if (!saved) return;
    onSaved();
    shared?.reload();
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (text.trim().length > 0) void save(text);
  };
  const disabled = busy || !decisions.enabled;
  return (
    <form className="canonical-form" onSubmit={submit} data-testid="canonical-form">
      <label htmlFor="canonical-name">Canonical name</label>
      <input
        id="canonical-name"
        type="text"
        value={text}
        maxLength={200}
        placeholder="A clean name for this group (exported with the merge plan)"
        onChange={(e) => setText(e.target.value)}
        disabled={!decisions.enabled}
      />
      <button type="submit" className="small-button primary" disabled={disabled || text.trim().length === 0}>
        <Icon name="edit" /> Save name
      </button>
      {current?.value != null && (
        <button type="button" className="small-button" disabled={disabled} onClick={() => void save(null)}>
          Clear
        </button>
      )}
      {current?.value != null && (
        <span
          className={current.state === 'stale' ? 'canonical-state stale' : 'canonical-state'}
          data-testid="canonical-state"
        >
          {current.state === 'current' ? (
            <>
              <Icon name="check" /> named “{current.value}” by {current.reviewer}
            </>
          ) : (
            <>
              <Icon name="verify" /> stale: “{current.value}” was {current.stale_reason}. Not exported until saved again
              for these members.
            </>
          )}
        </span>
      )}
      {message && (
        <span className="muted small" role="status">
          {message}
        </span>
      )}
    </form>
  );
}
