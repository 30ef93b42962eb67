/** Members of a group with every column of REVIEW §2.3, paged by the server for large groups. */
import { Fragment, type ReactElement, useMemo, useRef, useState } from 'react';
import type { GroupDetails, Member } from '../../../src/shared/api.js';
import { DispositionBadge } from '../components/disposition-badge.js';
import { Highlight } from '../components/highlight.js';
import { Icon } from '../components/icons.js';
import { clearOverride, setDisposition, setPrimary, splitOut } from '../decisions/decision-actions.js';
import { idKey, pendingNotes } from '../decisions/decision-model.js';
import { DispositionEditor } from '../decisions/disposition-editor.js';
import type { Decisions } from '../decisions/use-decisions.js';
import { fmtInt, fmtScore } from '../format.js';

/** Columns of the members table (for the editor row's colSpan). */
const COLUMNS = 11;

export function MembersTable(props: {
  details: GroupDetails;
  tokens: readonly string[];
  loading: boolean;
  onPage: (offset: number) => void;
  runId: string;
  decisions: Decisions;
}): ReactElement {
  const { details, tokens, loading, onPage, runId, decisions } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const openers = useRef(new Map<string, HTMLButtonElement>());
  const groupIds = useMemo(() => new Set(details.members.map((m) => idKey(m.account_id))), [details.members]);
  const groupId = details.group.group_id;
  const disabled = !decisions.enabled || decisions.busy;
  const closeEditor = (id: string): void => {
    setEditing(null);
    openers.current.get(id)?.focus();
  };
  const notesOf = (m: Member): string[] => (decisions.index ? pendingNotes(m, decisions.index, groupIds) : []);
  const { members, membersTotal, membersOffset, membersLimit } = details;
  const pageSize = membersLimit;
  const from = membersTotal === 0 ? 0 : membersOffset + 1;
  const to = membersOffset + members.length;
  return (
    <section className="drawer-section" aria-labelledby="members-title">
      <div className="section-head">
        <h3 id="members-title">Members</h3>
        <span className="muted">
          {fmtInt(from)}–{fmtInt(to)} of {fmtInt(membersTotal)}
        </span>
        {membersTotal > members.length && (
          <span className="pager">
            <button
              type="button"
              disabled={loading || membersOffset === 0}
              onClick={() => onPage(Math.max(0, membersOffset - pageSize))}
            >
              <Icon name="back" /> Previous
            </button>
            <button type="button" disabled={loading || to >= membersTotal} onClick={() => onPage(to)}>
              Next <Icon name="next" />
            </button>
          </span>
        )}
      </div>
      {decisions.state && !decisions.enabled && (
        <p className="muted small">Record decisions are disabled: this run has synthetic row:N ids.</p>
      )}
      <div className="table-wrap">
        <table className="tbl members">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Primary</span>
              </th>
              <th scope="col">Name / account id</th>
              <th scope="col">Created</th>
              <th scope="col">Relationship</th>
              <th scope="col">Suffix</th>
              <th scope="col" className="al-end">
                Edge
              </th>
              <th scope="col">Joined because</th>
              <th scope="col">Shared tokens</th>
              <th scope="col">Disposition</th>
              <th scope="col">Override</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <Fragment key={m.account_id}>
                <tr
                  className={m.is_primary ? 'is-primary member-row' : 'member-row'}
                  data-account-id={m.account_id}
                  tabIndex={0}
                  aria-label={`${m.account_name}, ${m.account_id}: keys 1–4 set Keep, Update, Delete, Verify`}
                >
                  <td>
                    {m.is_primary && (
                      <span className="primary-marker" title="Primary (survivor)">
                        <Icon name="primary" />
                        <span className="sr-only">Primary</span>
                      </span>
                    )}
                  </td>
                  <td className="member-name">
                    <span className="name-line">
                      <Highlight text={m.account_name} tokens={tokens} />
                      {m.blacklist_terms.map((t) => (
                        <span key={t} className="flag flag-blacklist_hits" title="Blacklist term in the name">
                          <Icon name="blacklist" />
                          {t}
                        </span>
                      ))}
                    </span>
                    <span className="mono muted small">{m.account_id}</span>
                  </td>
                  <td className="nowrap">{m.created_date?.slice(0, 10) ?? '—'}</td>
                  <td>
                    {m.relationship ?? '—'}
                    <span className="muted small"> rank {m.relationship_rank}</span>
                  </td>
                  <td className="mono small">{m.suffix_class === 'NONE' ? '—' : m.suffix_class}</td>
                  <td className="al-end score">{m.is_primary ? '—' : fmtScore(m.edge_to_primary)}</td>
                  <td className="join">{m.join_text}</td>
                  <td className="shared" title={m.shared_tokens.join(', ')}>
                    {m.shared_tokens.length === 0 ? (
                      <span className="muted">
                        {m.shared_tokens_count === null ? '—' : fmtInt(m.shared_tokens_count)}
                      </span>
                    ) : (
                      m.shared_tokens.map((t) => (
                        <span key={t} className="token">
                          {t}
                        </span>
                      ))
                    )}
                  </td>
                  <td className="disposition-cell">
                    <DispositionBadge value={m.disposition} />
                    <span className="reason" title={m.disposition_reason}>
                      {m.disposition_reason_text}
                    </span>
                  </td>
                  <td className="override-cell">
                    {m.override === null ? (
                      <span className="muted">none</span>
                    ) : (
                      <DispositionBadge value={m.override} />
                    )}
                    {notesOf(m).map((note) => (
                      <span key={note} className="pending-note" data-testid="pending-note">
                        <Icon name="edit" />
                        {note}
                      </span>
                    ))}
                  </td>
                  <td className="member-actions">
                    <button
                      type="button"
                      className="small-button"
                      disabled={disabled}
                      ref={(el) => {
                        if (el) openers.current.set(m.account_id, el);
                        else openers.current.delete(m.account_id);
                      }}
                      aria-expanded={editing === m.account_id}
                      onClick={() => setEditing(editing === m.account_id ? null : m.account_id)}
                    >
                      <Icon name="edit" /> Disposition…
                    </button>
                    {decisions.index?.overrides.has(idKey(m.account_id)) && (
                      <button
                        type="button"
                        className="small-button"
                        disabled={disabled}
                        onClick={() => void clearOverride(decisions, m.account_id)}
                      >
                        <Icon name="close" /> Clear override
                      </button>
                    )}
                    {!m.is_primary && (
                      <button
                        type="button"
                        className="small-button"
                        disabled={disabled}
                        onClick={() => void setPrimary(decisions, runId, groupId, m.account_id)}
                      >
                        <Icon name="primary" /> Make primary
                      </button>
                    )}
                    {membersTotal > 1 && (
                      <button
                        type="button"
                        className="small-button"
                        disabled={disabled}
                        onClick={() => void splitOut(decisions, runId, groupId, m.account_id)}
                      >
                        <Icon name="split" /> Split out
                      </button>
                    )}
                  </td>
                </tr>
                {editing === m.account_id && (
                  <tr className="editor-row">
                    <td colSpan={COLUMNS}>
                      <DispositionEditor
                        accountName={m.account_name}
                        initial={m.override ?? m.disposition}
                        busy={decisions.busy}
                        onCancel={() => closeEditor(m.account_id)}
                        onSave={(value, reason) => {
                          void setDisposition(decisions, m.account_id, value, reason).then((ok) => {
                            if (ok) closeEditor(m.account_id);
                          });
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
