/** Merge preview (REVIEW §2.3): field | primary value | other values (counts); conflicts marked in words + icon. */
import type { ReactElement } from 'react';
import type { GroupDetails } from '../../../src/shared/api.js';
import { Icon } from '../components/icons.js';
import { fmtInt, plural } from '../format.js';

export function MergePreview({ fields }: { fields: GroupDetails['mergePreview'] }): ReactElement | null {
  if (fields.length === 0) return null;
  const conflicts = fields.filter((f) => f.conflict).length;
  return (
    <section className="drawer-section" aria-labelledby="merge-preview">
      <div className="section-head">
        <h3 id="merge-preview">Merge preview</h3>
        <span className="muted">{conflicts === 0 ? 'no conflicts' : plural(conflicts, 'conflicting field')}</span>
      </div>
      <div className="table-wrap">
        <table className="tbl merge">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Primary value</th>
              <th scope="col">Other values</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.field} className={f.conflict ? 'conflict' : undefined}>
                <th scope="row" className="row-head mono small">
                  {f.field}
                  {f.conflict && (
                    <span className="conflict-tag">
                      <Icon name="conflict" />
                      conflict
                    </span>
                  )}
                </th>
                <td>{f.primary_value ?? <span className="muted">(empty)</span>}</td>
                <td>
                  {f.others.length === 0 ? (
                    <span className="muted">same</span>
                  ) : (
                    <ul
                      className="others"
                      title={
                        f.conflict
                          ? undefined
                          : 'Not a conflict: the same value spelt differently, or a date every record has'
                      }
                    >
                      {f.others.map((o) => (
                        <li key={o.value}>
                          {o.value} <span className="count-pill">×{fmtInt(o.count)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
