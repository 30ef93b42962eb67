/**
 * "Why together" with a probability in Chromium (issue 13; issue 10's "done when": a steward sees a group with a
 * probability and its reasons): each join weakest first with its probability against the run's thresholds, and
 * its waterfall on demand. Screenshot: test-output/screenshots/35-why-probability.png.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { groupPageSchema } from '../../src/shared/api.js';
import { type GroupWhy, groupWhySchema } from '../../src/shared/workbench-api.js';
import { fmtProbability } from '../../web/src/workbench/evidence-words.js';
import { type WorkbenchFixture, workbenchRun } from '../support/workbench-fixture.js';
import { screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';
import { assertFitsBothSizes, REVIEW_VIEWPORT } from './support/viewport.js';

const TEST_TIMEOUT = 90_000;
let fx: WorkbenchFixture;
let session: ReviewSession;
let why: GroupWhy;

describe('why together with a probability in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      fx = await workbenchRun(1500, 23, 'junction-e2e-why-');
      session = await ReviewSession.start(fx.workspace);
      const page = await session.getJson(
        `/api/runs/${fx.runId}/groups?view=all&joinReason=edge>=high,edge>=medium%2Bshared_token&sort=size&dir=desc&limit=1`,
        (x) => groupPageSchema.parse(x),
      );
      const row = page.rows[0];
      assert.ok(row);
      why = await session.getJson(`/api/runs/${fx.runId}/groups/${row.group_id}/why`, (x) => groupWhySchema.parse(x));
      assert.ok(
        why.edges.some((e) => e.evidence !== null),
        'a scored join',
      );
    },
    { timeout: 5 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir: fx?.dir }));

  test('each join with its probability and the run thresholds; a join opens its waterfall', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await session.open(`/runs/${fx.runId}/groups/${encodeURIComponent(why.group_id)}?view=all`);
    await page.setViewportSize(REVIEW_VIEWPORT);
    const section = page.getByTestId('why-probability');
    await section.waitFor();
    const rows = section.getByTestId('why-edge');
    assert.equal(await rows.count(), why.edges.length);
    assert.match(
      (await section.textContent()) ?? '',
      new RegExp(`high ${why.thresholds.high}%, medium ${why.thresholds.medium}%`),
    );
    const scored = why.edges.findIndex((e) => e.evidence !== null);
    const edge = why.edges[scored];
    assert.ok(edge?.evidence);
    const row = rows.nth(scored);
    // As the drawer writes it (`97%`, `99.2%`).
    const shown = fmtProbability(edge.evidence.probability).replace('.', '\\.');
    assert.match((await row.textContent()) ?? '', new RegExp(`${shown}, above`));
    await row.click();
    const waterfall = section.getByTestId('waterfall');
    await waterfall.waitFor();
    assert.equal(await waterfall.locator('.wf-row').count(), edge.evidence.contributions.length + 1);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, '35-why-probability');
    await assertFitsBothSizes(page, 'the drawer with why together', section);
  });
});
