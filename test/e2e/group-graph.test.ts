/**
 * The group graph in Chromium (issue 13): keys as nodes, the joins and the unused scored pairs as edges, an
 * edge's waterfall on click, and a split on a joined edge written as one cannot-link across it.
 * Screenshot: test-output/screenshots/34-group-graph.png.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { decisionStateSchema, groupPageSchema } from '../../src/shared/api.js';
import { type GroupGraph, groupGraphSchema } from '../../src/shared/workbench-api.js';
import { type WorkbenchFixture, workbenchRun } from '../support/workbench-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';
import { assertFitsBothSizes, REVIEW_VIEWPORT } from './support/viewport.js';

const TEST_TIMEOUT = 90_000;
let fx: WorkbenchFixture;
let session: ReviewSession;
let graph: GroupGraph;

/** A join by a medium edge that is not a weak bridge (a weak bridge's edge is drawn under its neighbours'). */
function mediumJoin(g: GroupGraph): GroupGraph['edges'][number] | undefined {
  return g.edges.find((e) => e.accepted && e.join_reason === 'edge>=medium+shared_token' && !e.weak_bridge);
}

async function openGraph(): Promise<Page> {
  const page = await session.open(`/runs/${fx.runId}/groups/${encodeURIComponent(graph.group_id)}?view=all`);
  await page.setViewportSize(REVIEW_VIEWPORT);
  const section = page.getByTestId('group-graph');
  await section.waitFor();
  await section.scrollIntoViewIfNeeded();
  return page;
}

describe('group graph in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      fx = await workbenchRun(1500, 23, 'junction-e2e-graph-');
      session = await ReviewSession.start(fx.workspace);
      const page = await session.getJson(
        `/api/runs/${fx.runId}/groups?view=all&joinReason=edge>=medium%2Bshared_token&sort=size&dir=desc&limit=30`,
        (x) => groupPageSchema.parse(x),
      );
      // The group with the most distinct names among those joined by a medium edge that is no weak bridge (a
      // weak bridge is picked when the graph opens, so Enter on it would close its panel): the richest graph.
      let best: GroupGraph | null = null;
      for (const row of page.rows) {
        const g = await session.getJson(`/api/runs/${fx.runId}/groups/${row.group_id}/graph`, (x) =>
          groupGraphSchema.parse(x),
        );
        if (mediumJoin(g) === undefined) continue;
        if (best === null || g.nodes.length > best.nodes.length) best = g;
      }
      assert.ok(best && best.nodes.length >= 3, 'a group with three or more distinct names and a medium join');
      graph = best;
    },
    { timeout: 5 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir: fx?.dir }));

  test('nodes and edges as the API says; picking an edge shows its evidence', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openGraph();
    const section = page.getByTestId('group-graph');
    assert.equal(await section.getByTestId('graph-node').count(), graph.nodes.length);
    const accepted = graph.edges.filter((e) => e.accepted);
    const drawnAccepted =
      (await section.getByTestId('graph-edge-accepted').count()) +
      (await section.getByTestId('graph-edge-weak').count());
    assert.equal(drawnAccepted, accepted.length);
    assert.equal(await section.getByTestId('graph-edge-rejected').count(), graph.edges.length - accepted.length);
    const medium = mediumJoin(graph);
    assert.ok(medium);
    const edge = section
      .locator(
        `[data-testid^="graph-edge-"][aria-label^="${`${medium.name_a} – ${medium.name_b}: `.replaceAll('"', '\\"')}"]`,
      )
      .first();
    await edge.focus();
    await page.keyboard.press('Enter');
    const panel = section.getByTestId('edge-panel');
    await panel.waitFor();
    assert.match((await panel.textContent()) ?? '', /above medium/);
    assert.equal(await panel.getByTestId('waterfall').count(), 1);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, '34-group-graph');
    await assertFitsBothSizes(page, 'the drawer with the group graph', section);
  });

  test('split on a joined edge writes one cannot-link across it', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openGraph();
    const section = page.getByTestId('group-graph');
    const medium = mediumJoin(graph);
    assert.ok(medium);
    await section
      .locator(
        `[data-testid^="graph-edge-"][aria-label^="${`${medium.name_a} – ${medium.name_b}: `.replaceAll('"', '\\"')}"]`,
      )
      .first()
      .click();
    await section.getByTestId('split-edge').click();
    await section.getByTestId('confirm-split').click();
    await eventually('the split message', async () =>
      ((await section.getByTestId('split-message').textContent()) ?? '').includes('applies on the next run'),
    );
    const state = await session.getJson(`/api/runs/${fx.runId}/decisions`, (x) => decisionStateSchema.parse(x));
    const event = state.events.at(-1);
    assert.equal(event?.kind, 'cannot_link');
    assert.ok([medium.account_id_a, medium.account_id_b].includes(event?.account_ids?.[0] ?? ''));
    await eventually('one pending decision', async () =>
      /^1 pending decision$/.test(((await page.getByTestId('pending-count').textContent()) ?? '').trim()),
    );
  });
});
