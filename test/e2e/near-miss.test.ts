/**
 * Near-miss review in Chromium (issue 13): the band just under the medium threshold first, the waterfall of the
 * focused pair, one key to label it (m same, d different), u to undo, labels in the journal as must/cannot-links
 * and in the labelled-pairs file. Screenshot: test-output/screenshots/30-near-misses.png.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type DecisionState, decisionStateSchema } from '../../src/shared/api.js';
import { type NearMissPage, nearMissPageSchema } from '../../src/shared/workbench-api.js';
import { type WorkbenchFixture, workbenchRun } from '../support/workbench-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';
import { assertFitsBothSizes, REVIEW_VIEWPORT } from './support/viewport.js';

const TEST_TIMEOUT = 90_000;
let fx: WorkbenchFixture;
let session: ReviewSession;
let expected: NearMissPage;

const decisions = (): Promise<DecisionState> =>
  session.getJson(`/api/runs/${fx.runId}/decisions`, (x) => decisionStateSchema.parse(x));

async function openScreen(): Promise<Page> {
  const page = await session.open(`/runs/${fx.runId}/near-misses`);
  await page.setViewportSize(REVIEW_VIEWPORT);
  await page.getByTestId('near-miss-pair').waitFor();
  return page;
}

const activeNames = async (page: Page): Promise<string> =>
  ((await page.locator('.nm-row.active').textContent()) ?? '').trim();

describe('near-miss review in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      fx = await workbenchRun(4000, 23, 'junction-e2e-near-miss-');
      session = await ReviewSession.start(fx.workspace);
      expected = await session.getJson(`/api/runs/${fx.runId}/near-misses`, (x) => nearMissPageSchema.parse(x));
      assert.ok(expected.pairs.length >= 3, 'the fixture has near misses');
    },
    { timeout: 5 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir: fx?.dir }));

  test('the band just under medium opens first, with each pair and its waterfall', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await openScreen();
    const chips = page.getByTestId('band-chip');
    assert.equal(await chips.count(), expected.bands.length);
    assert.equal(await chips.first().getAttribute('aria-pressed'), 'true', 'the first band is the one listed');
    assert.match((await chips.first().textContent()) ?? '', new RegExp(`${expected.bands[0]?.label}`));
    assert.equal(await page.getByTestId('near-miss-row').count(), Math.min(50, expected.total));
    const first = expected.pairs[0];
    assert.ok(first);
    const pair = page.getByTestId('near-miss-pair');
    assert.match((await pair.textContent()) ?? '', new RegExp(first.a.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const rows = pair.getByTestId('waterfall').locator('.wf-row');
    assert.equal(await rows.count(), first.evidence.contributions.length + 1, 'one bar per term, and the total');
    assert.match((await pair.textContent()) ?? '', /match probability \d+%/);
    await screenshot(page, '30-near-misses');
    await assertFitsBothSizes(page, 'near misses', page.getByTestId('near-miss-pair'));
  });

  test('m labels the pair the same company, d different, and each moves on; u undoes', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await openScreen();
    const [first, second] = expected.pairs;
    assert.ok(first && second);
    await page.keyboard.press('m');
    await eventually('the first pair labelled same', async () =>
      ((await page.getByTestId('near-miss-row').nth(0).textContent()) ?? '').includes('same'),
    );
    assert.match(
      await activeNames(page),
      new RegExp(second.a.name.slice(0, 10).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    await page.keyboard.press('d');
    await eventually('the second pair labelled different', async () =>
      ((await page.getByTestId('near-miss-row').nth(1).textContent()) ?? '').includes('different'),
    );
    const state = await decisions();
    const links = (kind: 'mustLinks' | 'cannotLinks') => state[kind].map((l) => [l.a, l.b].sort().join('|'));
    assert.deepEqual(links('mustLinks'), [[first.a.account_id, first.b.account_id].sort().join('|')]);
    assert.deepEqual(links('cannotLinks'), [[second.a.account_id, second.b.account_id].sort().join('|')]);
    assert.ok(state.events.every((e) => e.reason === 'near-miss review' && e.reviewer === 'e2e reviewer'));
    await screenshot(page, '31-near-misses-labelled');

    await page.keyboard.press('u');
    await eventually('the different label undone', async () => (await decisions()).cannotLinks.length === 0);
    await eventually(
      'the row shows no label',
      async () => !((await page.getByTestId('near-miss-row').nth(1).textContent()) ?? '').includes('different'),
    );
    assert.equal((await decisions()).mustLinks.length, 1, 'only the newest label is undone');
  });

  test('labelled pairs leave the list and download as a file', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openScreen();
    assert.match(
      (await page.getByTestId('label-progress').textContent()) ?? '',
      /1 labelled pair in this run \(1 same, 0 different\)/,
    );
    assert.equal(await page.getByTestId('near-miss-row').count(), Math.min(50, expected.total - 1));
    const href = await page.getByTestId('labelled-pairs').getAttribute('href');
    const csv = await (await fetch(`${session.baseUrl}${href}`)).text();
    const [header, row] = csv.trim().split('\n');
    assert.match(header ?? '', /^dataset,account_id_a,account_id_b,label,name_a,name_b,probability/);
    assert.match(row ?? '', /"match"/);
    await page.getByRole('button', { name: 'Labelled', exact: true }).click();
    await eventually('the labelled list', async () => (await page.getByTestId('near-miss-row').count()) === 1);
  });
});
