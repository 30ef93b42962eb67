import { type DecisionEventLike, type FoldedCanonicalName, foldDecisions } from '../shared/decision-fold.js';

export type { FoldedCanonicalName } from '../shared/decision-fold.js';

/**
 * One dataset's canonical names (issue 13): the shared fold's `names` (src/shared/decision-fold.ts), the latest in
 * effect per group key. A cleared name stays in the map (value null) so a later run can tell "cleared" from
 * "never named".
 * @example foldCanonicalNames([{ kind: 'canonical_name', account_ids: ['b', 'a'], value: 'Acme', … }], ds)
 *   → Map { 'g-a' → { value: 'Acme', accountIds: ['a', 'b'], primaryId: 'b', … } }
 */
export function foldCanonicalNames(
  events: readonly DecisionEventLike[],
  dataset: string,
): Map<string, FoldedCanonicalName> {
  return foldDecisions(events, dataset).names;
}
