/**
 * The chain guard's shared-word rule (issue 10, `grouping.centre_shared_token_df`): two groups' centres agree
 * through a shared word only when it is rare. In a file of 2,600 names where `bank` ends 113 of them, `Ameris Bank`
 * reached through the typo `Bank of Americs` stays out of `Bank of America`'s group.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { quoteField } from '../../src/input/csv-write.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

const FIRST =
  'Acorn Birch Cedar Dune Ember Fern Grove Harbor Iris Juniper Kestrel Lumen Maple Nova Onyx Pine Quartz Raven Sable Thorn Umber Vale Willow Yarrow Zephyr'.split(
    ' ',
  );
const SECOND =
  'Apex Beacon Crest Delta Echo Forge Glade Haven Ion Jet Keel Lark Mesa Nimbus Orbit Prism Quill Ridge Summit Tide Union Vertex Wren Xenon Yonder Zenith'.split(
    ' ',
  );
const TRADES = ['Plumbing', 'Roofing', 'Bakery', 'Dental'];

test('a common word shared by two centres does not let a typo chain join them', async () => {
  const names: string[] = [];
  for (const a of FIRST) for (const b of SECOND) for (const trade of TRADES) names.push(`${a} ${b} ${trade}`);
  // 113 banks: `bank` is in about 4% of the names, under the 5% distinctive cap, over the centre rule's floor of 100.
  for (let i = 0; i < 113; i++) names.push(`${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length)]} Bank`);
  for (let i = 0; i < 30; i++) names.push('Bank of America');
  names.push('Bank of Americs', 'Bank of Americs');
  for (let i = 0; i < 10; i++) names.push('Ameris Bank');
  const dir = await tempDir();
  const body = names.map((name, i) => `N${i + 1},${quoteField(name)}`).join('\n');
  const { dir: runDir } = await runOn(await writeInput(dir, 'banks.csv', `Account ID,Account Name\n${body}\n`), {});
  const rows = await readParquet(join(runDir, 'records.parquet'), 'row_index');
  const groupOf = (name: string): string => rows.find((r) => r.account_name === name)?.group_id as string;
  assert.equal(groupOf('Bank of Americs'), groupOf('Bank of America'));
  assert.notEqual(groupOf('Ameris Bank'), groupOf('Bank of America'));
});
