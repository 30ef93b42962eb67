/**
 * Alias matches (REVIEW §2.3): a member's alias (dba, former name…) that matches a record of another group, with
 * a link to that group, the score and where the alias came from. Matches pointing into this group from another
 * one are listed too. Reported, never merged (SPEC §7.2).
 */
import type { ReactElement } from 'react';
import type { GroupDetails } from '../../../src/shared/api.js';
import { fmtScore } from '../format.js';

export function AliasMatches(props: {
  groupId: string;
  matches: GroupDetails['aliasMatches'];
  nameOf: (accountId: string) => string | null;
  groupHref: (groupId: string) => string;
  onOpenGroup: (groupId: string) => void;
}): ReactElement | null {
  const { groupId, matches, nameOf, groupHref, onOpenGroup } = props;
  if (matches.length === 0) return null;
  return (
    <section className="drawer-section" aria-labelledby="alias-matches">
      <h3 id="alias-matches">Alias matches</h3>
      <div className="table-wrap">
        <table className="tbl aliases">
          <thead>
            <tr>
              <th scope="col">Alias</th>
              <th scope="col">Of record</th>
              <th scope="col">Source</th>
              <th scope="col">Other group</th>
              <th scope="col" className="al-end">
                Score
              </th>
            </tr>
          </thead>
          <tbody>
            {matches.map((a) => {
              const outgoing = a.group_id === groupId;
              const other = outgoing ? a.matched_group_id : a.group_id;
              const href = groupHref(other);
              return (
                <tr key={`${a.account_id}|${a.alias}|${a.matched_account_id}`}>
                  <td>{a.alias}</td>
                  <td>
                    {nameOf(a.account_id) ?? <span className="mono small">{a.account_id}</span>}
                    {!outgoing && <span className="muted small"> (in the other group)</span>}
                  </td>
                  <td className="muted">{a.alias_source}</td>
                  <td>
                    <span className="muted" aria-hidden="true">
                      {outgoing ? '→ ' : '← '}
                    </span>
                    <a
                      href={href}
                      className="mono"
                      onClick={(e) => {
                        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                        e.preventDefault();
                        onOpenGroup(other);
                      }}
                    >
                      {other}
                    </a>
                    <span className="muted small">
                      {outgoing ? ` matches ${a.matched_account_id}` : ` alias matches ${a.matched_account_id} here`}
                    </span>
                  </td>
                  <td className="al-end score">{fmtScore(a.score)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
