/** Members of a group with every column of REVIEW §2.3, paged by the server for large groups. */
import type { ReactElement } from 'react';
import type { GroupDetails } from '../../../src/shared/api.js';
import { DispositionBadge } from '../components/disposition-badge.js';
import { Highlight } from '../components/highlight.js';
import { Icon } from '../components/icons.js';
import { fmtInt, fmtScore } from '../format.js';

export function MembersTable(props: {
  details: GroupDetails;
  tokens: readonly string[];
  loading: boolean;
  onPage: (offset: number) => void;
}): ReactElement {
  const { details, tokens, loading, onPage } = props;
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
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.account_id} className={m.is_primary ? 'is-primary' : undefined} data-account-id={m.account_id}>
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
                <td>
                  {m.override === null ? <span className="muted">none</span> : <DispositionBadge value={m.override} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
