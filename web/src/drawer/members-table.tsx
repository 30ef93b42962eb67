/**
 * Members of a group (REVIEW §2.3), paged by the server for large groups. One line per member — primary marker,
 * name, account id, edge, disposition, override state, actions — with the rest (created, relationship + rank,
 * suffix, join in words, shared tokens, the reason in words, who overrode it and why) on demand in a details row
 * (issue 13: ~7 members fitted on screen before; the Actions column was clipped).
 */
import { Fragment, type ReactElement, useMemo, useRef, useState } from 'react';
import type { GroupDetails, Member } from '../../../src/shared/api.js';
import { decisionIdKey } from '../../../src/shared/decision-keys.js';
import { DispositionBadge } from '../components/disposition-badge.js';
import { Highlight } from '../components/highlight.js';
import { Icon } from '../components/icons.js';
import { clearOverride, setDisposition, setPrimary, splitOut } from '../decisions/decision-actions.js';
import { hasOverride, notesOf } from '../decisions/decision-model.js';
import { DispositionEditor } from '../decisions/disposition-editor.js';
import type { Decisions } from '../decisions/use-decisions.js';
import { fmtDateTime, fmtInt, fmtScore } from '../format.js';

/** Columns of the members table (for the details and editor rows' colSpan). */
const COLUMNS = 7;

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
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const openers = useRef(new Map<string, HTMLButtonElement>());
  const groupKeys = useMemo(() => new Set(details.members.map((m) => decisionIdKey(m.account_id))), [details.members]);
  const groupId = details.group.group_id;
  const disabled = !decisions.enabled || decisions.busy;
  const closeEditor = (id: string): void => {
    setEditing(null);
    openers.current.get(id)?.focus();
  };
  const toggle = (id: string): void =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const { members, membersTotal, membersOffset, membersLimit } = details;
  const from = membersTotal === 0 ? 0 : membersOffset + 1;
  const to = membersOffset + members.length;
  const allOpen = members.length > 0 && members.every((m) => open.has(m.account_id));
  return (
    <section className="drawer-section" aria-labelledby="members-title">
      <div className="section-head">
        <h3 id="members-title">Members</h3>
        <span className="muted">
          {fmtInt(from)}–{fmtInt(to)} of {fmtInt(membersTotal)}
        </span>
        <button
          type="button"
          className="link-button"
          onClick={() => setOpen(allOpen ? new Set() : new Set(members.map((m) => m.account_id)))}
        >
          {allOpen ? 'Hide all details' : 'Show all details'}
        </button>
        {membersTotal > members.length && (
          <span className="pager">
            <button
              type="button"
              disabled={loading || membersOffset === 0}
              onClick={() => onPage(Math.max(0, membersOffset - membersLimit))}
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
      <table className="tbl members">
        <colgroup>
          <col className="c-toggle" />
          <col className="c-name" />
          <col className="c-id" />
          <col className="c-edge" />
          <col className="c-disp" />
          <col className="c-override" />
          <col className="c-actions" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Details</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Account id</th>
            <th scope="col" className="al-end">
              Edge
            </th>
            <th scope="col">Disposition</th>
            <th scope="col">Override</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const notes = decisions.index ? notesOf(decisions.index, m, groupKeys) : [];
            const expanded = open.has(m.account_id);
            return (
              <Fragment key={m.account_id}>
                <tr
                  className={m.is_primary ? 'is-primary member-row' : 'member-row'}
                  data-account-id={m.account_id}
                  tabIndex={0}
                  aria-label={`${m.account_name}, ${m.account_id}: keys 1–4 set Keep, Update, Delete, Verify`}
                >
                  <td className="toggle-cell">
                    <button
                      type="button"
                      className="row-toggle"
                      aria-expanded={expanded}
                      aria-label={`Details of ${m.account_name}`}
                      title="Details"
                      onClick={() => toggle(m.account_id)}
                    >
                      <Icon name="next" />
                    </button>
                  </td>
                  <td className="member-name" title={m.account_name}>
                    {m.is_primary && (
                      <span className="primary-marker" title="Primary (survivor)">
                        <Icon name="primary" />
                        <span className="sr-only">Primary: </span>
                      </span>
                    )}
                    <span className="name-text">
                      <Highlight text={m.account_name} tokens={tokens} />
                    </span>
                    {m.blacklist_terms.map((t) => (
                      <span key={t} className="flag flag-blacklist_hits" title="Blacklist term in the name">
                        <Icon name="blacklist" />
                        {t}
                      </span>
                    ))}
                  </td>
                  <td className="mono small member-id" title={m.account_id}>
                    {m.account_id}
                  </td>
                  <td className="al-end score" title={m.join_text}>
                    {m.is_primary ? '—' : fmtScore(m.edge_to_primary)}
                  </td>
                  <td className="disposition-cell" title={m.disposition_reason_text}>
                    <DispositionBadge value={m.disposition} />
                  </td>
                  <td className="override-cell" data-testid="override-cell">
                    {m.override === null ? (
                      notes.length === 0 && <span className="muted">none</span>
                    ) : (
                      <span className="applied-override" title={m.disposition_reason_text}>
                        <DispositionBadge value={m.override} />
                        <span className="muted small"> applied{m.override_by ? ` · ${m.override_by}` : ''}</span>
                      </span>
                    )}
                    {notes.map((note) => (
                      <span key={note} className="pending-note" data-testid="pending-note" title={note}>
                        <Icon name="edit" />
                        <span className="note-text">{note}</span>
                      </span>
                    ))}
                  </td>
                  <td className="member-actions">
                    <button
                      type="button"
                      className="icon-button small"
                      disabled={disabled}
                      ref={(el) => {
                        if (el) openers.current.set(m.account_id, el);
                        else openers.current.delete(m.account_id);
                      }}
                      aria-expanded={editing === m.account_id}
                      aria-label="Disposition…"
                      title="Set disposition…"
                      onClick={() => setEditing(editing === m.account_id ? null : m.account_id)}
                    >
                      <Icon name="edit" />
                    </button>
                    {!m.is_primary && (
                      <button
                        type="button"
                        className="icon-button small"
                        disabled={disabled}
                        aria-label="Make primary"
                        title="Make primary (applies on the next run)"
                        onClick={() => void setPrimary(decisions, runId, groupId, m.account_id)}
                      >
                        <Icon name="primary" />
                      </button>
                    )}
                    {membersTotal > 1 && (
                      <button
                        type="button"
                        className="icon-button small"
                        disabled={disabled}
                        aria-label="Split out"
                        title="Split out of this group (applies on the next run)"
                        onClick={() => void splitOut(decisions, runId, groupId, m.account_id)}
                      >
                        <Icon name="split" />
                      </button>
                    )}
                    {decisions.index && hasOverride(decisions.index, m.account_id) && (
                      <button
                        type="button"
                        className="icon-button small"
                        disabled={disabled}
                        aria-label="Clear override"
                        title="Clear the override (the pipeline decides again on the next run)"
                        onClick={() => void clearOverride(decisions, m.account_id)}
                      >
                        <Icon name="close" />
                      </button>
                    )}
                  </td>
                </tr>
                {expanded && (
                  <tr className="member-details">
                    <td colSpan={COLUMNS}>
                      <MemberDetails member={m} notes={notes} />
                    </td>
                  </tr>
                )}
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
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Everything REVIEW §2.3 lists for a member beyond the one line, in words. */
function MemberDetails({ member: m, notes }: { member: Member; notes: readonly string[] }): ReactElement {
  return (
    <dl className="member-facts" data-testid="member-details">
      <dt>Joined because</dt>
      <dd>{m.join_text}</dd>
      <dt>Disposition</dt>
      <dd data-testid="disposition-reason">
        {m.disposition} — {m.disposition_reason_text}
      </dd>
      {m.override !== null && (
        <>
          <dt>Override</dt>
          <dd data-testid="override-facts">
            {m.override} (applied by this run){m.override_by ? `, set by ${m.override_by}` : ''}
            {m.override_at ? ` on ${fmtDateTime(m.override_at)}` : ''}
            {m.override_reason ? `: “${m.override_reason}”` : ''}
          </dd>
        </>
      )}
      {notes.length > 0 && (
        <>
          <dt>Pending</dt>
          <dd>{notes.join('; ')}</dd>
        </>
      )}
      <dt>Created</dt>
      <dd>{m.created_date?.slice(0, 10) ?? '—'}</dd>
      <dt>Relationship</dt>
      <dd>
        {m.relationship ?? '—'} <span className="muted">(rank {m.relationship_rank})</span>
      </dd>
      <dt>Legal form</dt>
      <dd className="mono">{m.suffix_class === 'NONE' ? '—' : m.suffix_class}</dd>
      <dt>Shared tokens</dt>
      <dd>
        {m.shared_tokens.length === 0
          ? m.shared_tokens_count === null
            ? '—'
            : fmtInt(m.shared_tokens_count)
          : m.shared_tokens.map((t) => (
              <span key={t} className="token">
                {t}
              </span>
            ))}
      </dd>
    </dl>
  );
}
