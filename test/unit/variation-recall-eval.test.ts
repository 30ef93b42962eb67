import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { renderReport } from '../../src/cli/eval-command.js';
import { parseConfig } from '../../src/config/load.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { ALL_FAMILIES } from '../../src/eval/variation-recall.js';
import { generateDataset } from '../../src/generate/index.js';
import { tempDir } from '../support/run-fixture.js';

// `junction eval` reads the generator's `variation` and `family` truth columns when present (issue 10, item 4).
let dir: string;
let input: string;
let truth: string;

before(async () => {
  dir = await tempDir('eval-variation-');
  input = join(dir, 'accounts.csv');
  truth = join(dir, 'truth.csv');
  await generateDataset({ rows: 1500, seed: 3, out: input, truth });
});

after(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const request = (truthFile: string) => ({
  dataPath: input,
  truthFile,
  baselines: false,
  config: parseConfig({}, 'test'),
  colOverrides: {},
  workers: 1,
});

test('a generated truth gives recall by variation and look-alike merges, in the report and its text', async () => {
  const report = await evaluate(request(truth));
  assert.ok(report.variationRecall !== null && report.variationRecall.length > 10);
  for (const row of report.variationRecall) {
    assert.ok(row.foundPairs <= row.truePairs && row.recall >= 0 && row.recall <= 1, row.variation);
    assert.ok(!row.variation.startsWith('junk:') && !row.variation.startsWith('multi:'));
  }
  const all = report.familyMerges?.find((f) => f.kind === ALL_FAMILIES);
  assert.ok(all !== undefined && all.families > 0 && all.lookalikePairs > 0);
  const text = renderReport(report);
  assert.match(text, /pair recall by variation/);
  assert.match(text, /look-alike families wrongly merged/);
});

test('a truth with only account_id,entity_id reports neither', async () => {
  const plain = join(dir, 'plain-truth.csv');
  const lines = (await readFile(truth, 'utf8')).split('\r\n').map((l) => l.split(',').slice(0, 2).join(','));
  await writeFile(plain, lines.join('\n'));
  const report = await evaluate(request(plain));
  assert.equal(report.variationRecall, null);
  assert.equal(report.familyMerges, null);
  assert.doesNotMatch(renderReport(report), /pair recall by variation/);
});
