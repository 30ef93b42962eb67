import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { renderReport } from '../../src/cli/eval-command.js';
import { parseConfig } from '../../src/config/load.js';
import { UsageError } from '../../src/core/errors.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { generateDataset } from '../../src/generate/index.js';
import { JournalWriter } from '../../src/journal/journal-writer.js';
import { draft } from '../journal/support/journal-fixture.js';
import { readParquet, runOn, tempDir } from '../support/run-fixture.js';

let dir: string;
let input: string;
let truth: string;
let labelsWorkspace: string;
/** Two records in one group (a, b) and one in another (c), for each kind of label. */
let a: string;
let b: string;
let c: string;
let dataset: string;

before(async () => {
  dir = await tempDir('eval-labels-');
  input = join(dir, 'accounts.csv');
  truth = join(dir, 'truth.csv');
  await generateDataset({ rows: 600, seed: 5, out: input, truth });
  const run = await runOn(input);
  dataset = run.manifest.dataset;
  const records = await readParquet(join(run.dir, 'records.parquet'), 'row_index');
  const sizes = new Map<string, number>();
  for (const r of records) sizes.set(r.group_id as string, (sizes.get(r.group_id as string) ?? 0) + 1);
  const big = records.filter((r) => (sizes.get(r.group_id as string) ?? 0) >= 2);
  const first = big[0];
  assert.ok(first);
  const mate = big.find((r) => r.group_id === first.group_id && r.account_id !== first.account_id);
  const other = records.find((r) => r.group_id !== first.group_id);
  assert.ok(mate && other);
  [a, b, c] = [first.account_id as string, mate.account_id as string, other.account_id as string];
  labelsWorkspace = join(dir, 'steward-ws');
  await mkdir(labelsWorkspace);
  const w = await JournalWriter.open(labelsWorkspace);
  await w.append(draft({ dataset, kind: 'must_link', account_ids: [a, b], reason: 'near-miss review' }));
  await w.append(draft({ dataset, kind: 'must_link', account_ids: [a, c], base_seq: 1 }));
  await w.append(draft({ dataset, kind: 'cannot_link', account_ids: [b, c], base_seq: 2 }));
  await w.append(draft({ dataset, kind: 'must_link', account_ids: [c, 'not-in-data'], base_seq: 3 }));
  await w.append(draft({ dataset: 'other.csv', kind: 'cannot_link', account_ids: [a, b], base_seq: 4 }));
  await w.close();
});

after(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const request = (labelsFrom: string) => ({
  dataPath: input,
  truthFile: truth,
  baselines: false,
  config: parseConfig({}, 'test'),
  colOverrides: {},
  workers: 1,
  labelsFrom,
});

test("junction eval --labels-from a workspace: the steward's labels as pair precision/recall, apart from the truth", async () => {
  const report = await evaluate(request(labelsWorkspace));
  const s = report.stewardLabels;
  assert.ok(s);
  assert.deepEqual(
    { pairs: s.pairs, matched: s.matched, must: s.must, cannot: s.cannot, tp: s.tp, fn: s.fn, fp: s.fp, tn: s.tn },
    { pairs: 4, matched: 3, must: 2, cannot: 1, tp: 1, fn: 1, fp: 0, tn: 1 },
    'other datasets are ignored; a label naming a record the data lacks is not matched',
  );
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 0.5);
  assert.match(renderReport(report), /steward labels .*: 3 of 4 labelled pairs in this data \(2 same, 1 different\)/);
  assert.match(renderReport(report), /pair precision 1\.000 {2}pair recall 0\.500/);
});

test('junction eval --labels-from a labelled-pairs CSV reads the same labels; a bad label is a usage error', async () => {
  const file = join(dir, 'labels.csv');
  await writeFile(
    file,
    `dataset,account_id_a,account_id_b,label,name_a\n${dataset},${a},${b},match,x\n${dataset},${a},${c},match,\n${dataset},${b},${c},non_match,\n`,
  );
  const s = (await evaluate(request(file))).stewardLabels;
  assert.deepEqual([s?.tp, s?.fn, s?.tn, s?.fp], [1, 1, 1, 0]);
  await writeFile(file, `account_id_a,account_id_b,label\n${a},${b},yes\n`);
  await assert.rejects(
    evaluate(request(file)),
    (e: unknown) => e instanceof UsageError && /row 2: label must be/.test(e.message),
  );
  await assert.rejects(evaluate(request(join(dir, 'missing.csv'))), UsageError);
});
