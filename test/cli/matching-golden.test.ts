import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { quoteField } from '../../src/input/csv-write.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

type Row = Record<string, unknown>;

/** Run the pipeline on a list of names (ids N1, N2 …) and return records keyed by name. */
async function runNames(
  names: readonly string[],
  config?: unknown,
): Promise<{ byName: Map<string, Row>; rows: Row[]; dir: string }> {
  const dir = await tempDir();
  const body = names.map((name, i) => `N${i + 1},${quoteField(name)}`).join('\n');
  const path = await writeInput(dir, 'names.csv', `Account ID,Account Name\n${body}\n`);
  const { dir: runDir, manifest } = await runOn(path, { config });
  assert.equal(manifest.counts.rows_in, names.length);
  const rows = await readParquet(join(runDir, 'records.parquet'), 'row_index');
  return { byName: new Map(rows.map((r) => [r.account_name as string, r])), rows, dir: runDir };
}

function groupOf(byName: Map<string, Row>, name: string): string {
  const row = byName.get(name);
  assert.ok(row !== undefined, `no record for ${name}`);
  return row.group_id as string;
}

const TOGETHER: readonly (readonly string[])[] = [
  ['Acme, Inc.', 'ACME Inc', 'Acme Incorporated'],
  ['Smith & Sons Plumbing LLC', 'Smith and Sons Plumbing, L.L.C.'],
  ['The Home Depot', 'Home Depot Inc'],
  ['Walmart #1234', 'Walmart Store 5678'],
  ['Kaiser Permanente (California)', 'Kaiser Permanente'],
];
const APART: readonly (readonly [string, string])[] = [
  ['Buena Park Honda', 'Buena Park Toyota'],
  ['ABC Staffing', 'ABD Staffing'],
  ['Pacific Bell 2', 'Pacific Bell 3'],
  ['Teamsters Local No. 399', 'Teamsters Local No. 63'],
];

for (const names of TOGETHER) {
  test(`together: ${names.join(' / ')}`, async () => {
    const { byName } = await runNames(names);
    const groups = new Set(names.map((n) => groupOf(byName, n)));
    assert.equal(groups.size, 1, `expected one group, got ${[...groups].join(', ')}`);
  });
}

for (const [a, b] of APART) {
  test(`apart: ${a} / ${b}`, async () => {
    const { byName } = await runNames([a, b]);
    assert.notEqual(groupOf(byName, a), groupOf(byName, b));
  });
}

test('Acme Inc / Acme LLC alone are not joined', async () => {
  const { byName } = await runNames(['Acme Inc', 'Acme LLC']);
  assert.notEqual(groupOf(byName, 'Acme Inc'), groupOf(byName, 'Acme LLC'));
});

test('with Acme, Acme Inc / Acme LLC group together and the minority suffix is Verify suffix_conflict', async () => {
  const { byName } = await runNames(['Acme Inc', 'Acme Inc.', 'Acme LLC', 'Acme']);
  const g = groupOf(byName, 'Acme');
  for (const name of ['Acme Inc', 'Acme Inc.', 'Acme LLC']) assert.equal(groupOf(byName, name), g);
  const llc = byName.get('Acme LLC') as Row;
  assert.equal(llc.disposition, 'Verify');
  assert.equal(llc.disposition_reason, 'suffix_conflict');
});

test('junk is Delete and never grouped, even with each other', async () => {
  const junk = ['Unknown', 'PNC is not sure', '1099, no paystubs', 'Unknown ', 'unknown'];
  const { rows } = await runNames([...junk, 'Acme Inc']);
  const junkRows = rows.filter((r) => r.account_name !== 'Acme Inc');
  assert.equal(new Set(junkRows.map((r) => r.group_id)).size, junkRows.length);
  for (const r of junkRows) {
    assert.equal(r.disposition, 'Delete', `${r.account_name}`);
    assert.equal(r.disposition_reason, 'junk_name');
    assert.equal(r.group_size, 1);
  }
});

test('Kelly Temporary Services and State Employees Credit Union are Keep', async () => {
  const { byName } = await runNames(['Kelly Temporary Services', 'State Employees Credit Union']);
  for (const r of byName.values()) assert.equal(r.disposition, 'Keep', String(r.account_name));
});

test('(1) Acme Corp; (2) Beta LLC is Verify multiple_names', async () => {
  const { byName } = await runNames(['(1) Acme Corp; (2) Beta LLC']);
  const r = byName.get('(1) Acme Corp; (2) Beta LLC') as Row;
  assert.equal(r.disposition, 'Verify');
  assert.equal(r.disposition_reason, 'multiple_names');
});

test('a record with a blacklist term never becomes primary when another member is clean', async () => {
  const { byName } = await runNames(['Acme Plumbing test', 'Acme Plumbing Test', 'ACME PLUMBING']);
  const clean = byName.get('ACME PLUMBING') as Row;
  assert.equal(clean.is_primary, true);
  assert.equal(clean.disposition, 'Keep');
});

test('a run with no candidate pairs at all completes', async () => {
  const { rows, dir } = await runNames(['Alpha', 'Bravo', 'Charlie']);
  assert.equal(rows.length, 3);
  assert.equal(new Set(rows.map((r) => r.group_id)).size, 3);
  const pairs = await readParquet(join(dir, 'pairs.parquet'));
  assert.equal(pairs.length, 0);
});

test('group_id is g- plus the smallest account id of the group', async () => {
  const { byName } = await runNames(['Zeta Corp', 'Zeta Corporation']);
  assert.equal(groupOf(byName, 'Zeta Corp'), 'g-N1');
  assert.equal(groupOf(byName, 'Zeta Corporation'), 'g-N1');
});

test('groups.parquet has one row per group with sizes and disposition counts that add up', async () => {
  const { rows, dir } = await runNames(['Acme Inc', 'ACME Inc.', 'Acme', 'Unknown', 'Beta LLC']);
  const groups = await readParquet(join(dir, 'groups.parquet'), 'group_id');
  assert.equal(groups.length, new Set(rows.map((r) => r.group_id)).size);
  let total = 0;
  for (const g of groups) {
    const size = g.size as number;
    total += size;
    assert.equal(
      size,
      (g.keep_count as number) + (g.update_count as number) + (g.delete_count as number) + (g.verify_count as number),
    );
  }
  assert.equal(total, rows.length);
});

test('names made only of suspicious terms are junk: two `xxx` records never group', async () => {
  const { rows } = await runNames(['xxx', 'XXX', 'asdf', 'Example Staffing']);
  const junk = rows.filter((r) => r.account_name !== 'Example Staffing');
  for (const r of junk) {
    assert.equal(r.group_size, 1, String(r.account_name));
    assert.equal(r.disposition, 'Delete');
  }
  const example = rows.find((r) => r.account_name === 'Example Staffing') as Row;
  assert.equal(example.disposition, 'Verify');
  assert.equal(example.disposition_reason, 'suspicious_singleton');
});
