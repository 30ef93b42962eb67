/**
 * The web app's decision overlay on the shared model (issue 13 defect 1): a member row shows a pending note only
 * for what differs from what the run on screen applied, and "Clear override" follows the journal.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DecisionEventView, DecisionState, Member } from '../../src/shared/api.js';
import { hasOverride, notesOf, runDecisions } from '../../web/src/decisions/decision-model.js';

function event(seq: number, fields: Partial<DecisionEventView> & Pick<DecisionEventView, 'kind'>): DecisionEventView {
  return {
    seq,
    ts: '2026-12-03T10:00:00.000Z',
    reviewer: 'ana',
    dataset: 'accounts.csv',
    account_ids: null,
    term: null,
    value: null,
    reason: null,
    prev: null,
    base_seq: seq - 1,
    undoes: null,
    run_id: 'r1',
    ...fields,
  };
}

function state(events: DecisionEventView[], appliedSeq: number): DecisionState {
  return {
    dataset: 'accounts.csv',
    lastSeq: events.at(-1)?.seq ?? 0,
    appliedSeq,
    recordDecisionsEnabled: true,
    overrides: [],
    mustLinks: [],
    cannotLinks: [],
    primaries: [],
    manualTerms: [],
    reviewed: [],
    events,
    problem: null,
  };
}

function member(accountId: string, fields: Partial<Member> = {}): Member {
  return {
    row_index: 0,
    account_id: accountId,
    account_name: accountId,
    is_primary: false,
    created_date: null,
    relationship: null,
    suffix_class: 'NONE',
    name_core: '',
    edge_to_primary: 100,
    join_edge_score: 100,
    join_reason: 'exact_name',
    parent_in_group: null,
    shared_tokens_count: null,
    disposition: 'Update',
    disposition_reason: 'duplicate_of_primary',
    disposition_reason_text: 'duplicate: merge into the master record',
    blacklist_terms: [],
    account_id_src: null,
    name_unit: null,
    relationship_rank: 60,
    parent_name: null,
    shared_tokens: [],
    join_text: 'same name',
    override: null,
    override_by: null,
    override_reason: null,
    override_at: null,
    ...fields,
  };
}

const events = [
  event(1, { kind: 'disposition_override', account_ids: ['A2'], value: 'Keep', reason: 'client' }),
  event(2, { kind: 'cannot_link', account_ids: ['A3', 'A1', 'A2'] }),
];
const group = new Set(['A1', 'A2', 'A3']);

test('before the re-run: the override and the split are pending notes', () => {
  const d = runDecisions(state(events, 0));
  assert.deepEqual(notesOf(d, member('A2'), group), ['pipeline: Update → you: Keep, applies on next run']);
  assert.deepEqual(notesOf(d, member('A3'), group), ['split out of this group, applies on next run']);
  assert.deepEqual(notesOf(d, member('A1'), group), [], 'the others are not split out');
  assert.equal(d.model.pendingCount, 2);
  assert.equal(d.model.undoable?.seq, 2);
});

test('after the re-run applied them: no note, no undo, and the override can still be cleared', () => {
  const d = runDecisions(state(events, 2));
  const applied = member('A2', {
    disposition: 'Keep',
    disposition_reason: 'manual_override',
    override: 'Keep',
    override_by: 'ana',
  });
  assert.deepEqual(notesOf(d, applied, new Set(['A1', 'A2'])), []);
  assert.equal(d.model.pendingCount, 0);
  assert.equal(d.model.undoable, null);
  assert.equal(hasOverride(d, 'A2'), true);
  assert.equal(hasOverride(d, 'A1'), false);
});

test('changing an applied override shows "this run: Keep → you: Delete"', () => {
  const later = [...events, event(3, { kind: 'disposition_override', account_ids: ['A2'], value: 'Delete' })];
  const d = runDecisions(state(later, 2));
  const applied = member('A2', { disposition: 'Keep', disposition_reason: 'manual_override', override: 'Keep' });
  assert.deepEqual(notesOf(d, applied, group), ['this run: Keep → you: Delete, applies on next run']);
  assert.equal(d.model.undoable?.seq, 3);
});
