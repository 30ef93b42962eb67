/**
 * The threshold explorer in Chromium (issue 13): the slider starts at the run's medium threshold (where nothing
 * changes), moving it shows merges or splits with examples, a truth column draws precision and recall, and Apply
 * writes the thresholds to <workspace>/junction.yaml. Screenshot: test-output/screenshots/36-thresholds.png.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type ThresholdSweep, thresholdSweepSchema } from '../../src/shared/workbench-api.js';
import { TRUTH_COLUMN, type WorkbenchFixture, workbenchRun } from '../support/workbench-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';
import { assertFitsBothSizes, REVIEW_VIEWPORT } from './support/viewport.js';

const TEST_TIMEOUT = 90_000;
let fx: WorkbenchFixture;
let session: ReviewSession;
let sweep: ThresholdSweep;

async function openScreen(): Promise<Page> {
  const page = await session.open(`/runs/${fx.runId}/thresholds`);
  await page.setViewportSize(REVIEW_VIEWPORT);
  await page.getByTestId('threshold-numbers').waitFor();
  return page;
}

const text = async (page: Page, id: string): Promise<string> =>
  ((await page.getByTestId(id).textContent()) ?? '').trim();

describe('threshold explorer in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      fx = await workbenchRun(4000, 23, 'junction-e2e-thresholds-');
      session = await ReviewSession.start(fx.workspace);
      sweep = await session.getJson(`/api/runs/${fx.runId}/thresholds/sweep`, (x) => thresholdSweepSchema.parse(x));
    },
    { timeout: 5 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir: fx?.dir }));

  test('the run threshold first; lower merges groups with examples; a truth column draws P/R', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await openScreen();
    const { medium } = sweep.thresholds;
    assert.equal(await text(page, 'threshold-value'), `${medium}%`);
    assert.match(await text(page, 'would-merge'), /^0 groups/);
    assert.match(await text(page, 'would-split'), /^0 of/);

    // Down to the first threshold under medium where the fixture's pairs merge groups (which one depends on the
    // match model's weights, so it is read from the sweep rather than fixed).
    const point = sweep.points
      .filter((p) => p.t < medium && p.merges > 0)
      .reduce<(typeof sweep.points)[number] | undefined>(
        (best, p) => (best === undefined || p.t > best.t ? p : best),
        undefined,
      );
    assert.ok(point, 'some threshold under medium merges groups');
    const t = point.t;
    await page.getByTestId('threshold-slider').focus();
    for (let k = 0; k < medium - t; k++) await page.keyboard.press('ArrowLeft');
    await eventually('the numbers at the new threshold', async () => (await text(page, 'threshold-value')) === `${t}%`);
    assert.match(await text(page, 'would-merge'), new RegExp(`^${point.merges} groups? from ${point.merged_groups} `));
    await eventually('merge examples', async () =>
      (await text(page, 'threshold-examples')).includes(`Would merge at ${t}%`),
    );
    assert.ok((await page.getByTestId('threshold-examples').locator('ul').first().locator('li').count()) > 0);

    await page.getByTestId('truth-column').selectOption(TRUTH_COLUMN);
    await page.getByTestId('chart-quality').waitFor();
    assert.match(await text(page, 'threshold-numbers'), /precision 0\.\d{3} · recall 0\.\d{3}/);
    await screenshot(page, '36-thresholds');
    await assertFitsBothSizes(page, 'thresholds');
  });

  test('Apply writes the thresholds to the workspace config for the next run', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openScreen();
    await page.getByTestId('threshold-slider').focus();
    await page.keyboard.press('ArrowLeft');
    const t = sweep.thresholds.medium - 1;
    await page.getByTestId('apply').click();
    await eventually('the applied message', async () => (await text(page, 'applied')).includes('junction.yaml'));
    const yaml = await readFile(join(fx.workspace, 'junction.yaml'), 'utf8');
    assert.match(yaml, new RegExp(`medium: ${t}`));
    assert.match(yaml, new RegExp(`high: ${sweep.thresholds.high}`));
  });
});
