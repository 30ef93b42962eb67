import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { PUBLIC_SUITE } from '../../bench/accuracy-suite.js';
import { parseConfig } from '../../src/config/load.js';
import { evaluate } from '../../src/eval/evaluate.js';

/** SPEC §11 / issue 5: precision or recall on the public suite may not drop more than 0.5 points below the recorded values. */
const TOLERANCE = 0.005;
const recorded = JSON.parse(await readFile(new URL('./recorded.json', import.meta.url), 'utf8')) as Record<
  string,
  { precision: number; recall: number }
>;

for (const entry of PUBLIC_SUITE) {
  test(`accuracy on ${entry.name} has not regressed`, async () => {
    const expected = recorded[entry.name];
    assert.ok(expected !== undefined, `no recorded values for ${entry.name}: run npm run accuracy -- --record`);
    const report = await evaluate({
      dataPath: entry.data,
      truthCol: entry.truthCol,
      baselines: false,
      config: parseConfig({}, 'defaults'),
      colOverrides: {},
      workers: 1,
    });
    const m = report.results[0]?.metrics;
    assert.ok(m !== undefined);
    assert.ok(
      m.precision >= expected.precision - TOLERANCE,
      `precision ${m.precision.toFixed(4)} < recorded ${expected.precision.toFixed(4)}`,
    );
    assert.ok(
      m.recall >= expected.recall - TOLERANCE,
      `recall ${m.recall.toFixed(4)} < recorded ${expected.recall.toFixed(4)}`,
    );
  });
}
