/**
 * Mentions (issue 11, CRM-INTAKE "several companies in one field"): a multi-name record belongs to no single group,
 * so it stays alone and Verify. This section lists, for each name the record holds, the groups that name matches,
 * with one click to assign the record to one of them: a must-link to that group's primary plus Update, journaled
 * like every decision and applied by the next run.
 */
import { type ReactElement, useState } from 'react';
import type { GroupDetails } from '../../../src/shared/api.js';
import { api } from '../api/client.js';
import { Icon } from '../components/icons.js';
import { idKey } from '../decisions/decision-model.js';
import type { Decisions } from '../decisions/use-decisions.js';
import { fmtScore } from '../format.js';
import { assignRequests, type MentionTarget, mentionsOf } from './mentions-model.js';

export function Mentions(props: {
  runId: string;
  details: GroupDetails;
  decisions: Decisions;
  nameOf: (accountId: string) => string | null;
  groupHref: (groupId: string) => string;
  onOpenGroup: (groupId: string) => void;
}): ReactElement | null {
  const { runId, details, decisions, nameOf, groupHref, onOpenGroup } = props;
  const [assigned, setAssigned] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const records = mentionsOf(details);
  if (records.length === 0) return null;

  const assign = async (accountId: string, name: string, target: MentionTarget): Promise<void> => {
    setError(null);
    try {
      const group = await api.group(runId, target.groupId, { offset: 0, limit: 1 });
      const primary = group.group.primary_account_id ?? target.matchedAccountId;
      for (const request of assignRequests(accountId, primary, target.groupId, name)) {
        const text =
          request.kind === 'must_link'
            ? `${accountId} will join ${target.groupId}`
            : `${accountId} assigned to ${target.groupId}: Update on the next run`;
        if (!(await decisions.decide(request, text))) return;
      }
      setAssigned((a) => ({ ...a, [accountId]: target.groupId }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="drawer-section mentions" aria-labelledby="mentions">
      <h3 id="mentions">Mentions</h3>
      <p className="muted small">
        This record names several companies, so it joins no group. Assign it to the group it belongs to: the next run
        links it to that group's primary and marks it Update.
      </p>
      {error && <p className="error">{error}</p>}
      {records.map((r) => {
        const pending = assigned[r.accountId] ?? null;
        const linked = decisions.index?.must.has(idKey(r.accountId)) ?? false;
        return (
          <div key={r.accountId} className="table-wrap">
            {records.length > 1 && <p className="small">{nameOf(r.accountId) ?? r.accountId}</p>}
            {(pending !== null || linked) && (
              <p className="small" role="status">
                <Icon name="check" /> {pending === null ? 'A merge for this record' : `Assigned to ${pending}`}: applies
                on the next run.
              </p>
            )}
            <table className="tbl aliases">
              <thead>
                <tr>
                  <th scope="col">Name in the record</th>
                  <th scope="col">Matching group</th>
                  <th scope="col" className="al-end">
                    Score
                  </th>
                  <th scope="col">
                    <span className="sr-only">Assign</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.names.flatMap((n) =>
                  n.targets.map((t, k) => (
                    <tr key={`${n.name}|${t.groupId}`}>
                      <td>{k === 0 ? n.name : ''}</td>
                      <td>
                        <a
                          href={groupHref(t.groupId)}
                          className="mono"
                          onClick={(e) => {
                            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                            e.preventDefault();
                            onOpenGroup(t.groupId);
                          }}
                        >
                          {t.groupId}
                        </a>
                        <span className="muted small"> matches {t.matchedAccountId}</span>
                      </td>
                      <td className="al-end score">{fmtScore(t.score)}</td>
                      <td>
                        <button
                          type="button"
                          className="small-button"
                          disabled={!decisions.enabled || decisions.busy}
                          data-assign-group={t.groupId}
                          onClick={() => void assign(r.accountId, n.name, t)}
                        >
                          <Icon name="merge" /> Assign to {t.groupId}
                        </button>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
