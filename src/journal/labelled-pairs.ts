import type { DecisionEvent } from './events.js';
import { foldDecisions } from './fold.js';

/**
 * A steward's label on a pair of records (issue 13): a must-link says "the same company", a cannot-link "two
 * companies". Near-miss review, splits and merges all write them; `junction eval --labels-from` scores a run
 * against them and a later fitting step can learn from them (the labelled-pairs file).
 */
export interface LabelledPair {
  /** decisionIdKey of the two records, a < b. */
  a: string;
  b: string;
  match: boolean;
  seq: number;
  reviewer: string;
  ts: string;
  reason: string | null;
  run_id: string | null;
}

/**
 * The labelled pairs in effect for one dataset: the latest must/cannot decision per pair (SPEC §10 fold), in
 * journal order.
 * @example labelledPairs([{ kind: 'cannot_link', account_ids: ['B', 'A'], … }], ds) → [{ a: 'A', b: 'B', match: false, … }]
 */
export function labelledPairs(events: readonly DecisionEvent[], dataset: string): LabelledPair[] {
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  return [...foldDecisions(events, dataset).links.values()]
    .sort((x, y) => x.seq - y.seq || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1))
    .map((link) => {
      const e = bySeq.get(link.seq);
      return {
        a: link.a,
        b: link.b,
        match: link.kind === 'must_link',
        seq: link.seq,
        reviewer: e?.reviewer ?? '',
        ts: e?.ts ?? '',
        reason: e?.reason ?? null,
        run_id: e?.run_id ?? null,
      };
    });
}
