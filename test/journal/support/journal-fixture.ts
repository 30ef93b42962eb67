import type { DecisionDraft } from '../../../src/journal/events.js';

/** A decision draft with defaults; tests override what they are about. */
export function draft(fields: Partial<DecisionDraft> & Pick<DecisionDraft, 'kind'>): DecisionDraft {
  return {
    reviewer: 'ana',
    dataset: 'accounts.csv',
    account_ids: null,
    term: null,
    value: null,
    reason: null,
    prev: null,
    base_seq: 0,
    undoes: null,
    run_id: 'r1',
    ...fields,
  };
}
