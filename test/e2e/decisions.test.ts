/**
 * Reviewer decisions end to end (REVIEW §2.4, §3 "decision round-trip into the next run"): a generated dataset
 * run once in a temp workspace, decisions made in a real Chromium through the drawer, keyboard and merge dialog,
 * a stale write from a second tab, then the pipeline run again on the same input in the same workspace: the new
 * run's records reflect every decision. Screenshots: test-output/screenshots/1x-*.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { generateDataset } from '../../src/generate/index.js';
import {
  type DecisionState,
  DISPOSITIONS,
  type Disposition,
  decisionStateSchema,
  type GroupDetails,
  type GroupRow,
  groupDetailsSchema,
  groupPageSchema,
  type Member,
} from '../../src/shared/api.js';
import { readParquet, runOn, tempDir } from '../support/run-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';

const TEST_TIMEOUT = 90_000;

let dir: string;
let session: ReviewSession;
let workspace: string;
let input: string;
let runId: string;

/** Group A takes the record decisions; B is merged with C. */
let groupA: GroupDetails;
let groupB: GroupRow;
let groupC: GroupRow;
/** Non-primary members of A: overridden, made primary, split out. */
let overridden: Member;
let chosen: Member;
let split: Member;
let overrideValue: Disposition;

const decisionsApi = (): Promise<DecisionState> =>
  session.getJson(`/api/runs/${runId}/decisions`, (x) => decisionStateSchema.parse(x));

async function openGroup(groupId: string): Promise<Page> {
  const page = await session.open(`/runs/${runId}/groups/${encodeURIComponent(groupId)}?view=all`);
  await page.locator(`.drawer tr[data-account-id]`).first().waitFor();
  await page.getByTestId('pending-count').waitFor();
  return page;
}

const row = (page: Page, accountId: string) => page.locator(`.drawer tr[data-account-id="${accountId}"]`);

/** The overlay text on a member row once it contains `text`. */
async function noteOn(page: Page, accountId: string, text: string): Promise<string> {
  return eventually(`the pending note "${text}" on ${accountId}`, async () => {
    const notes = await row(page, accountId).getByTestId('pending-note').allTextContents();
    return notes.find((n) => n.includes(text)) ?? null;
  });
}

describe('reviewer decisions in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      dir = await tempDir('junction-e2e-decisions-');
      workspace = join(dir, 'ws');
      input = join(dir, 'accounts.csv');
      await generateDataset({ rows: 1500, seed: 23, out: input });
      runId = (await runOn(input, { workspace })).runId;
      session = await ReviewSession.start(workspace);

      const page = await session.getJson(`/api/runs/${runId}/groups?view=all&sort=size&dir=desc&limit=50`, (x) =>
        groupPageSchema.parse(x),
      );
      const big = page.rows.find((r) => r.size >= 4 && r.size <= 50);
      assert.ok(big, 'a group of 4+ members');
      groupA = await session.getJson(`/api/runs/${runId}/groups/${big.group_id}`, (x) => groupDetailsSchema.parse(x));
      const others = groupA.members.filter((m) => !m.is_primary);
      [overridden, chosen, split] = others as [Member, Member, Member];
      assert.ok(overridden && chosen && split, 'three non-primary members');
      overrideValue = overridden.disposition === 'Keep' ? 'Verify' : 'Keep';
      const pairs = page.rows.filter((r) => r.group_id !== big.group_id && r.size >= 2 && r.size <= 10);
      [groupB, groupC] = pairs as [GroupRow, GroupRow];
      assert.ok(groupB && groupC, 'two more multi-record groups');
    },
    { timeout: 5 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir }));

  test('an override shows as a pending overlay and in GET decisions; undo removes it', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await openGroup(groupA.group.group_id);
    assert.match((await page.getByTestId('pending-count').textContent()) ?? '', /^0 pending decisions/);
    await row(page, overridden.account_id).getByRole('button', { name: 'Disposition…' }).click();
    const editor = page.locator('.disposition-editor');
    await editor.getByLabel(overrideValue, { exact: true }).check();
    await editor.getByRole('combobox').selectOption('Duplicate of the primary');
    await editor.getByRole('textbox').fill('checked by e2e');
    await editor.getByRole('button', { name: 'Save' }).click();
    const note = await noteOn(page, overridden.account_id, `you: ${overrideValue}`);
    assert.equal(note, `pipeline: ${overridden.disposition} → you: ${overrideValue}, applies on next run`);
    await eventually('pending count 1', async () =>
      /^1 pending decision$/.test(((await page.getByTestId('pending-count').textContent()) ?? '').trim()),
    );
    assert.equal(await editor.count(), 0, 'the editor closed');
    const state = await decisionsApi();
    assert.deepEqual(
      state.overrides.map((o) => [o.account_id, o.value]),
      [[overridden.account_id, overrideValue]],
    );
    assert.equal(state.events.at(-1)?.reason, 'Duplicate of the primary: checked by e2e');
    assert.equal(state.events.at(-1)?.reviewer, 'e2e reviewer');
    await screenshot(page, '10-decision-overlay');

    await page.getByRole('button', { name: 'Undo' }).click();
    await eventually(
      'the overlay is gone',
      async () => (await row(page, overridden.account_id).getByTestId('pending-note').count()) === 0,
    );
    const undone = await decisionsApi();
    assert.deepEqual(undone.overrides, []);
    assert.equal(undone.events.at(-1)?.undoes, state.events.at(-1)?.seq, 'undo is a compensating event');
  });

  test('keys 1–4 set the focused member row; r marks the open group reviewed', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openGroup(groupA.group.group_id);
    await row(page, overridden.account_id).focus();
    await page.keyboard.press(String(DISPOSITIONS.indexOf(overrideValue) + 1));
    await noteOn(page, overridden.account_id, `you: ${overrideValue}`);
    const state = await decisionsApi();
    assert.deepEqual(
      state.overrides.map((o) => [o.account_id, o.value]),
      [[overridden.account_id, overrideValue]],
    );

    await page.locator('#drawer-title').focus();
    await page.keyboard.press('r');
    await eventually('the Reviewed state', async () =>
      ((await page.getByTestId('mark-reviewed').textContent()) ?? '').includes('Reviewed'),
    );
    const reviewed = (await decisionsApi()).reviewed;
    assert.deepEqual(
      reviewed.map((r) => [r.group_key, r.kind]),
      [[groupA.group.group_id, 'group_reviewed']],
    );
    assert.equal(reviewed[0]?.account_ids.length, groupA.group.size, 'reviewed names the whole member set');
  });

  test('set primary and split out show as pending and reach the journal', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openGroup(groupA.group.group_id);
    await row(page, chosen.account_id).getByRole('button', { name: 'Make primary' }).click();
    await noteOn(page, chosen.account_id, 'you: primary, applies on next run');
    await row(page, split.account_id).getByRole('button', { name: 'Split out' }).click();
    await noteOn(page, split.account_id, 'split out of this group');
    const state = await decisionsApi();
    assert.deepEqual(
      state.primaries.map((p) => p.account_id),
      [chosen.account_id],
    );
    assert.equal(
      state.cannotLinks.length,
      groupA.group.size - 1,
      'the split record is kept apart from each other member',
    );
    assert.ok(state.cannotLinks.every((l) => l.a === split.account_id || l.b === split.account_id));
    await screenshot(page, '11-decisions-drawer');
  });

  test('merge with another group through the dialog writes a must-link', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openGroup(groupB.group_id);
    await page.getByRole('button', { name: 'Merge with…' }).click();
    const dialog = page.getByRole('dialog', { name: `Merge ${groupB.group_id} with another group` });
    await dialog.waitFor();
    await dialog.getByTestId('merge-search').fill(groupC.group_id);
    const choice = dialog.locator(`button[data-group-id="${groupC.group_id}"]`);
    await choice.waitFor();
    await screenshot(page, '12-merge-dialog');
    await choice.click();
    await eventually('the dialog closes', async () => (await dialog.count()) === 0);
    assert.ok(groupB.primary_account_id && groupC.primary_account_id);
    await noteOn(page, groupB.primary_account_id, `merge with ${groupC.primary_account_id}`);
    const links = (await decisionsApi()).mustLinks.map((l) => [l.a, l.b].sort());
    assert.deepEqual(links, [[groupB.primary_account_id, groupC.primary_account_id].sort()]);
  });

  test('a stale write from a second tab shows the server message and reloads', { timeout: TEST_TIMEOUT }, async () => {
    const first = await openGroup(groupA.group.group_id);
    const second = await first.context().newPage();
    session.track(second);
    await second.goto(first.url());
    await second.locator(`.drawer tr[data-account-id]`).first().waitFor();
    await second.getByTestId('pending-count').waitFor();
    // Both tabs now saw the same last seq; the first writes, then the second writes the same record.
    await row(first, overridden.account_id).focus();
    await first.keyboard.press('3');
    await noteOn(first, overridden.account_id, 'you: Delete');
    await row(second, overridden.account_id).focus();
    await second.keyboard.press('4');
    const message = await eventually('the stale-write message', async () => {
      const m = second.getByTestId('decision-message');
      return (await m.count()) > 0 ? m.textContent() : null;
    });
    assert.match(message ?? '', /changed|since|stale|conflict/i);
    assert.doesNotMatch(message ?? '', /\n/);
    // The second tab reloaded the state and shows the first tab's decision.
    await noteOn(second, overridden.account_id, 'you: Delete');
    const state = await decisionsApi();
    assert.deepEqual(
      state.overrides.map((o) => [o.account_id, o.value]),
      [[overridden.account_id, 'Delete']],
    );
    // One per target: the override (replaced twice), the primary, the split and the merge.
    await eventually('4 pending decisions', async () =>
      /^4 pending decisions$/.test(((await second.getByTestId('pending-count').textContent()) ?? '').trim()),
    );
    await screenshot(second, '13-stale-write');
  });

  test('the next run on the same input applies every decision', { timeout: 3 * 60_000 }, async () => {
    const state = await decisionsApi();
    const next = await runOn(input, { workspace });
    const records = await readParquet(join(next.dir, 'records.parquet'));
    const byId = new Map(records.map((r) => [String(r.account_id), r]));
    const rec = (id: string): Record<string, unknown> => {
      const r = byId.get(id);
      assert.ok(r, `record ${id} in the new run`);
      return r;
    };
    for (const o of state.overrides) {
      assert.equal(rec(o.account_id).disposition, o.value, `override of ${o.account_id}`);
      assert.equal(rec(o.account_id).disposition_reason, 'manual_override');
    }
    const splitGroup = rec(split.account_id).group_id;
    for (const m of groupA.members) {
      if (m.account_id !== split.account_id) {
        assert.notEqual(rec(m.account_id).group_id, splitGroup, `${m.account_id} is not with the split record`);
      }
    }
    assert.ok(groupB.primary_account_id && groupC.primary_account_id);
    assert.equal(
      rec(groupB.primary_account_id).group_id,
      rec(groupC.primary_account_id).group_id,
      'the merged groups are one group',
    );
    assert.equal(rec(chosen.account_id).is_primary, true, 'the chosen primary is the primary');
  });
});
