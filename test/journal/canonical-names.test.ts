import assert from 'node:assert/strict';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { foldCanonicalNames } from '../../src/journal/canonical-names.js';
import { foldDecisions, memberFingerprint } from '../../src/journal/fold.js';
import { JOURNAL_FILE, JournalError, readJournal } from '../../src/journal/journal-file.js';
import { JournalWriter } from '../../src/journal/journal-writer.js';
import { tempDir } from '../support/run-fixture.js';
import { draft } from './support/journal-fixture.js';

test('canonical_name: journaled with its value, folded per group, the latest in effect wins, undo restores', async () => {
  const root = await tempDir('journal-names-');
  const w = await JournalWriter.open(root);
  await w.append(
    draft({ kind: 'canonical_name', account_ids: ['P1', 'A1', 'B1'], value: ' Target ', reason: 'store numbers' }),
  );
  await w.append(draft({ kind: 'canonical_name', account_ids: ['P1', 'A1', 'B1'], value: 'Target Corp', base_seq: 1 }));
  await w.append(draft({ kind: 'canonical_name', account_ids: ['Q1'], value: 'Other', dataset: 'other.csv' }));
  await w.append(draft({ kind: 'canonical_name', account_ids: ['P1', 'A1', 'B1'], undoes: 2, base_seq: 3 }));
  await w.close();

  const { events } = await readJournal(join(root, JOURNAL_FILE));
  const names = foldCanonicalNames(events, 'accounts.csv');
  assert.deepEqual([...names.keys()], ['g-A1'], 'keyed like group_id: g- + the smallest id; other datasets ignored');
  const name = names.get('g-A1');
  assert.equal(name?.value, 'Target', 'the undo of seq 2 restores seq 1 (trimmed)');
  assert.equal(name?.primaryId, 'P1', 'the first id is the primary when the name was typed');
  assert.deepEqual(name?.accountIds, ['A1', 'B1', 'P1']);
  assert.equal(name?.fingerprint, memberFingerprint(['B1', 'P1', 'A1']));
  assert.equal(name?.reason, 'store numbers');
  assert.equal(foldDecisions(events, 'accounts.csv').overrides.size, 0, 'a name is not a disposition override');
});

test('canonical_name: a cleared name folds to null; a blank name and a disposition value are refused', async () => {
  const root = await tempDir('journal-names-');
  const w = await JournalWriter.open(root);
  await w.append(draft({ kind: 'canonical_name', account_ids: ['A1', 'B1'], value: 'Acme' }));
  await w.append(draft({ kind: 'canonical_name', account_ids: ['A1', 'B1'], value: null, base_seq: 1 }));
  await assert.rejects(
    w.append(draft({ kind: 'canonical_name', account_ids: ['A1', 'B1'], value: '   ', base_seq: 2 })),
    (e: unknown) => e instanceof JournalError && /needs a name/.test(e.message),
  );
  await assert.rejects(
    w.append(draft({ kind: 'disposition_override', account_ids: ['A1'], value: 'Acme', base_seq: 2 })),
    (e: unknown) => e instanceof JournalError && /Keep, Update, Delete or Verify/.test(e.message),
  );
  await assert.rejects(
    w.append(draft({ kind: 'canonical_name', account_ids: ['A1', 'B1'], value: 'x', base_seq: 0 })),
    (e: unknown) => e instanceof JournalError && e.code === 'conflict',
    'a second tab naming the same group after the first is refused (SPEC §10 no lost updates)',
  );
  await w.close();
  const { events } = await readJournal(join(root, JOURNAL_FILE));
  assert.equal(foldCanonicalNames(events, 'accounts.csv').get('g-A1')?.value, null);
});

test('a journal line with a disposition_override value that is not a disposition is damage, not an override', async () => {
  const root = await tempDir('journal-names-');
  const line = {
    seq: 1,
    ts: '2026-01-01T00:00:00.000Z',
    reviewer: 'ana',
    dataset: 'accounts.csv',
    kind: 'disposition_override',
    account_ids: ['A1'],
    term: null,
    value: 'Acme',
    reason: null,
    prev: null,
    base_seq: 0,
    undoes: null,
    run_id: null,
  };
  await appendFile(join(root, JOURNAL_FILE), `${JSON.stringify(line)}\n${JSON.stringify({ ...line, seq: 2 })}\n`);
  await assert.rejects(readJournal(join(root, JOURNAL_FILE)), /line 1 .* not a valid decision event/);
});
