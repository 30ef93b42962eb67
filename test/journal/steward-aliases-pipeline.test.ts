/**
 * Issue 10: a steward's must-link is remembered as an alias for later runs and other datasets of the workspace.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { test } from 'node:test';
import type { DecisionsSection } from '../../src/journal/applied.js';
import { JournalWriter } from '../../src/journal/journal-writer.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';
import { draft } from './support/journal-fixture.js';

const BACKGROUND = ['Garcia Landscaping', 'Blue Ridge Dental Group', 'Lopez Trucking', 'Summit Roofing Inc'];

function file(prefix: string, names: readonly string[]): string {
  const rows = [...names, ...BACKGROUND].map((name, i) => `${prefix}${i + 1},${name}`);
  return ['Account ID,Account Name', ...rows, ''].join('\n');
}

async function groupOf(dir: string): Promise<Map<string, string>> {
  const rows = await readParquet(`${dir}/records.parquet`);
  return new Map(rows.map((r) => [r.account_id as string, r.group_id as string]));
}

test('a merge in one export joins the same two names in the next export, until it is undone', async () => {
  const dir = await tempDir('steward-aliases-');
  const march = await writeInput(
    dir,
    'march.csv',
    file('M', ['Kaiser Permanente', 'Kaiser Permanente', 'Kaiser Permanente', 'Kaiser Hospital', 'Kaiser Hospital']),
  );
  const april = await writeInput(
    dir,
    'april.csv',
    file('A', ['Kaiser Permanente', 'Kaiser Permanente', 'Kaiser Hospital']),
  );

  const first = await runOn(march, { runId: 'march-1' });
  const ws = first.workspace.root;
  const before = await groupOf(first.dir);
  assert.notEqual(before.get('M4'), before.get('M1'), 'fixture: the two names are apart without a steward');

  const writer = await JournalWriter.open(ws);
  const merge = await writer.append(
    draft({ dataset: 'march.csv', kind: 'must_link', account_ids: ['M4', 'M1'], run_id: 'march-1' }),
  );
  await writer.close();

  const next = await runOn(april, { workspace: ws, runId: 'april-1' });
  const groups = await groupOf(next.dir);
  assert.equal(groups.get('A3'), groups.get('A1'), 'the steward merged these names in another export');
  assert.notEqual(groups.get('A4'), groups.get('A1'), 'only those names');
  assert.deepEqual((next.manifest.decisions as DecisionsSection).steward_aliases, { links: 1, unresolved: 0 });

  const off = await runOn(april, {
    workspace: ws,
    runId: 'april-off',
    config: { matching: { steward_aliases: false } },
  });
  const apart = await groupOf(off.dir);
  assert.notEqual(apart.get('A3'), apart.get('A1'), 'matching.steward_aliases: false leaves them apart');

  const undo = await JournalWriter.open(ws);
  await undo.append(
    draft({
      dataset: 'march.csv',
      kind: 'must_link',
      account_ids: ['M4', 'M1'],
      undoes: merge.seq,
      base_seq: merge.seq,
    }),
  );
  await undo.close();
  const after = await runOn(april, { workspace: ws, runId: 'april-2' });
  const undone = await groupOf(after.dir);
  assert.notEqual(undone.get('A3'), undone.get('A1'), 'an undone merge is no alias');
  assert.equal((after.manifest.decisions as DecisionsSection).steward_aliases, undefined);
});

test('a merge whose dataset has no complete run is counted, not guessed', async () => {
  const dir = await tempDir('steward-aliases-');
  const april = await writeInput(dir, 'april.csv', file('A', ['Kaiser Permanente', 'Kaiser Hospital']));
  const ws = `${dir}/ws`;
  await mkdir(ws, { recursive: true });
  const writer = await JournalWriter.open(ws);
  await writer.append(draft({ dataset: 'gone.csv', kind: 'must_link', account_ids: ['G1', 'G2'] }));
  await writer.close();
  const run = await runOn(april, { workspace: ws });
  assert.deepEqual((run.manifest.decisions as DecisionsSection).steward_aliases, { links: 0, unresolved: 1 });
});

test('a record of several names assigned to a group by a merge is no alias of its employer', async () => {
  const dir = await tempDir('steward-aliases-');
  const march = await writeInput(
    dir,
    'march.csv',
    file('M', ['Kaiser Permanente', 'Kaiser Permanente', '1) Kaiser Permanente 2) Walmart']),
  );
  const first = await runOn(march, { runId: 'march-1' });
  const records = await readParquet(`${first.dir}/records.parquet`);
  assert.equal(records.find((r) => r.account_id === 'M3')?.name_class, 'multi', 'fixture: a record of two names');
  const writer = await JournalWriter.open(first.workspace.root);
  await writer.append(draft({ dataset: 'march.csv', kind: 'must_link', account_ids: ['M3', 'M1'], run_id: 'march-1' }));
  await writer.close();
  const next = await runOn(march, { workspace: first.workspace.root, runId: 'march-2' });
  // Nothing learned, nothing unresolved: the manifest has no steward_aliases section.
  assert.equal((next.manifest.decisions as DecisionsSection).steward_aliases, undefined);
});
