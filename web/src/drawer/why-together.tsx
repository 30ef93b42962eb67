/**
 * "Why these are together" (REVIEW §2.3): the run's thresholds, each member's join in words (from the server,
 * e.g. "94 to ACME, above high 92"), and the scored pairs with their components; the accepted ones (the edges
 * members joined through) first and marked, so a steward sees which link holds the group together.
 */
import type { ReactElement, ReactNode } from 'react';
import type { GroupDetails } from '../../../src/shared/api.js';
import { Icon } from '../components/icons.js';
import { fmtInt, fmtScore } from '../format.js';

export function WhyTogether({
  details,
  nameOf,
  children,
}: {
  details: GroupDetails;
  nameOf: (accountId: string) => string | null;
  /** The match probability of each join (issue 13, src/../workbench/why-probability.tsx). */
  children?: ReactNode;
}): ReactElement {
  const { thresholds, edges, edgesTotal, members } = details;
  const joined = members.filter((m) => !m.is_primary);
  const label = (id: string, core: string): string => nameOf(id) ?? core;
  return (
    <section className="drawer-section" aria-labelledby="why-together">
      <div className="section-head">
        <h3 id="why-together">Why these are together</h3>
        <span className="thresholds">
          thresholds: high <strong>{fmtScore(thresholds.high)}</strong> · medium{' '}
          <strong>{fmtScore(thresholds.medium)}</strong>
        </span>
      </div>
      {joined.length === 0 ? (
        <p className="muted">A single record: nothing joined it.</p>
      ) : (
        <ul className="join-list">
          {joined.map((m) => (
            <li key={m.account_id}>
              <span className="join-name">{m.account_name}</span>
              <span className="join-why">{m.join_text}</span>
            </li>
          ))}
        </ul>
      )}
      {children}
      {edges.length > 0 && (
        <div className="table-wrap">
          <table className="tbl edges">
            <caption className="edges-caption">
              Scored pairs{edgesTotal > edges.length ? ` (first ${fmtInt(edges.length)} of ${fmtInt(edgesTotal)})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Record A</th>
                <th scope="col">Record B</th>
                <th scope="col" className="al-end">
                  Score
                </th>
                <th scope="col" className="al-end">
                  token_sort
                </th>
                <th scope="col" className="al-end">
                  token_set
                </th>
                <th scope="col" className="al-end">
                  jaccard
                </th>
                <th scope="col">Penalties</th>
                <th scope="col">Blocking key</th>
              </tr>
            </thead>
            <tbody>
              {edges.map((e) => {
                const band = e.score >= thresholds.high ? 'high' : e.score >= thresholds.medium ? 'medium' : 'low';
                const penalties = [
                  e.penalty_suffix_conflict ? `suffix ${e.suffix_a} ≠ ${e.suffix_b}` : null,
                  e.penalty_num_style ? 'number style' : null,
                ].filter((p) => p !== null);
                return (
                  <tr key={`${e.account_id_a}|${e.account_id_b}`} className={e.accepted ? 'accepted' : undefined}>
                    <td>
                      {e.accepted && (
                        <span className="joined-tag" title="A member joined the group through this pair">
                          <Icon name="check" />
                          joined
                        </span>
                      )}
                      {label(e.account_id_a, e.core_a)}
                    </td>
                    <td>{label(e.account_id_b, e.core_b)}</td>
                    <td className="al-end">
                      <span className={`band band-${band}`} title={`unrounded ${e.base.toFixed(1)} before penalties`}>
                        {fmtScore(e.score)} <span className="band-word">{band}</span>
                      </span>
                    </td>
                    <td className="al-end score">{fmtScore(e.token_sort)}</td>
                    <td className="al-end score">{fmtScore(e.token_set)}</td>
                    <td className="al-end score">{e.jaccard.toFixed(2)}</td>
                    <td>
                      {penalties.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        penalties.map((p) => (
                          <span key={p} className="penalty">
                            <Icon name="conflict" />
                            {p}
                          </span>
                        ))
                      )}
                    </td>
                    <td className="mono small">{e.blocking_key}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
