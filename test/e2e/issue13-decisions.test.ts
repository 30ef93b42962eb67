/**
 * Issue 13 defects 1, 2 and 6 end to end in Chromium: decisions made in the drawer, a re-run, and the new run's
 * drawer shows the override as applied (not pending, not undoable), with the steward's name and typed reason (also
 * in the records export); a reviewed group whose only change is the steward's own split stays reviewed and says
 * why; the export dialog drops a stale message when the scope changes; bulk accept says how many groups and
 * Escape cancels; merge-preview conflicts ignore spelling. Screenshots: test-output/screenshots/51-*.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { generateDataset } from '../../src/generate/index.js';
import { parseCsvText } from '../../src/input/csv-parse.js';
import {
  bulkAcceptResponseSchema,
  type GroupDetails,
  type GroupRow,
  groupDetailsSchema,
  groupPageSchema,
  type Member,
} from '../../src/shared/api.js';
import { runOn, tempDir } from '../support/run-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';

/** The left and right edges of every element a locator matches. */
async function rects(locator: Locator): Promise<{ left: number; right: number }[]> {
  const out: { left: number; right: number }[] = [];
  for (const el of await locator.all()) {
    const box = await el.boundingBox();
    assert.ok(box, 'a visible element');
    out.push({ left: box.x, right: box.x + box.width });
  }
  return out;
}

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;
const TEST_TIMEOUT = 3 * 60_000;
const NOTE = 'renewed contract 2026, confirmed by finance';
const REASON = `Active customer: keep: ${NOTE}`;
const LIST = 'view=all&sort=size&dir=desc';

let dir: string;
let input: string;
let workspace: string;
let session: ReviewSession;
let runId: string;
let nextRunId: string;
let group: GroupDetails;
let overridden: Member;
let split: Member;
/** Merged by the steward through the dialog: B's primary must-linked to C's. */
let groupB: GroupRow;
let groupC: GroupRow;

const details = (run: string, groupId: string): Promise<GroupDetails> =>
  session.getJson(`/api/runs/${run}/groups/${encodeURIComponent(groupId)}`, (x) => groupDetailsSchema.parse(x));

async function groupOf(run: string, accountId: string): Promise<string> {
  const page = await session.getJson(`/api/runs/${run}/groups?view=all&q=${encodeURIComponent(accountId)}`, (x) =>
    groupPageSchema.parse(x),
  );
  const id = page.rows[0]?.group_id;
  assert.ok(id, `a group holds ${accountId}`);
  return id;
}

async function openDrawer(run: string, groupId: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await session.open(`/runs/${run}/groups/${encodeURIComponent(groupId)}?${LIST}`, { viewport });
  await page.getByTestId('group-drawer').locator('tr.member-row').first().waitFor();
  await page.getByTestId('pending-count').waitFor();
  return page;
}

const memberRow = (page: Page, accountId: string) =>
  page.getByTestId('group-drawer').locator(`tr.member-row[data-account-id="${accountId}"]`);
const pendingText = async (page: Page): Promise<string> =>
  ((await page.getByTestId('pending-count').textContent()) ?? '').trim();

describe('issue 13 decisions in Chromium', { timeout: 15 * 60_000 }, () => {
  before(
    async () => {
      dir = await tempDir('junction-e2e-issue13d-');
      workspace = join(dir, 'ws');
      input = join(dir, 'accounts.csv');
      await generateDataset({ rows: 1500, seed: 23, out: input });
      runId = (await runOn(input, { workspace })).runId;
      session = await ReviewSession.start(workspace);
      const list = await session.getJson(`/api/runs/${runId}/groups?${LIST}&limit=100`, (x) =>
        groupPageSchema.parse(x),
      );
      const row = list.rows.find((r) => r.size >= 4 && r.size <= 20 && r.verify_count === 0);
      assert.ok(row, 'a multi-record group without Verify records');
      group = await details(runId, row.group_id);
      const others = group.members.filter((m) => !m.is_primary && m.disposition === 'Update');
      [overridden, split] = others as [Member, Member];
      assert.ok(overridden && split, 'two duplicates');
      const small = list.rows.filter((r) => r.group_id !== row.group_id && r.size >= 2 && r.size <= 10);
      [groupB, groupC] = small as [GroupRow, GroupRow];
      assert.ok(groupB?.primary_account_id && groupC?.primary_account_id, 'two more groups to merge');
    },
    { timeout: 5 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir }));

  test('decide in the drawer: reviewed, an override with a reason, a split; two pending decisions', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await openDrawer(runId, group.group.group_id, SIZES[0]);
    assert.equal(await pendingText(page), '0 pending decisions');
    await page.getByTestId('mark-reviewed').click();
    await eventually('Reviewed', async () =>
      ((await page.getByTestId('mark-reviewed').textContent()) ?? '').includes('Reviewed'),
    );
    await memberRow(page, overridden.account_id).getByRole('button', { name: 'Disposition…' }).click();
    const editor = page.locator('.disposition-editor');
    await editor.getByLabel('Keep', { exact: true }).check();
    await editor.getByRole('combobox').selectOption('Active customer: keep');
    await editor.getByRole('textbox').fill(NOTE);
    await editor.getByRole('button', { name: 'Save' }).click();
    const note = await eventually('the pending note', async () => {
      const notes = await memberRow(page, overridden.account_id).getByTestId('pending-note').allTextContents();
      return notes[0] ?? null;
    });
    assert.equal(note, 'pipeline: Update → you: Keep, applies on next run');
    await memberRow(page, split.account_id).getByRole('button', { name: 'Split out' }).click();
    await eventually('2 pending decisions', async () => (await pendingText(page)) === '2 pending decisions');
    assert.match((await page.getByRole('button', { name: 'Undo' }).getAttribute('title')) ?? '', /^Undo: split /);
    await screenshot(page, '51-decided-1280x800');
  });

  test('merge two groups through the dialog: a third pending decision', { timeout: TEST_TIMEOUT }, async () => {
    const page = await openDrawer(runId, groupB.group_id, SIZES[0]);
    await page.getByRole('button', { name: 'Merge with…' }).click();
    const dialog = page.getByRole('dialog', { name: `Merge ${groupB.group_id} with another group` });
    await dialog.getByTestId('merge-search').fill(groupC.group_id);
    await dialog.locator(`button[data-group-id="${groupC.group_id}"]`).click();
    await eventually('3 pending decisions', async () => (await pendingText(page)) === '3 pending decisions');
  });

  test('defect 6: the export dialog drops a refusal when the scope changes', { timeout: TEST_TIMEOUT }, async () => {
    const page = await session.open(`/runs/${runId}/groups?${LIST}`, { viewport: SIZES[0] });
    await page.locator('tr[data-index="0"]').waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Merge plan/).check();
    await dialog.getByRole('button', { name: 'Download' }).click();
    const refusal = await eventually('the refusal', async () => {
      const r = dialog.getByTestId('export-refusal');
      return (await r.count()) > 0 ? r.textContent() : null;
    });
    assert.match(refusal ?? '', /wait for a re-run/);
    await dialog.getByLabel(/^Records/).check();
    await eventually('the refusal is gone', async () => (await dialog.getByTestId('export-refusal').count()) === 0);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('defect 6: bulk accept says how many groups, and Escape cancels it', { timeout: TEST_TIMEOUT }, async () => {
    const page = await session.open(`/runs/${runId}/groups?${LIST}`, { viewport: SIZES[0] });
    await page.locator('tr[data-index="0"]').waitFor();
    const csrf = await session.getJson('/api/session', (x) => x as { csrfToken: string });
    const dry = await fetch(`${session.baseUrl}/api/runs/${runId}/groups/accept-bulk?${LIST}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-junction-csrf': csrf.csrfToken },
      body: JSON.stringify({ dry_run: true }),
    });
    const expected = bulkAcceptResponseSchema.parse(await dry.json()).accepted;
    assert.ok(expected > 0, 'some exact/high groups');
    await page.getByRole('button', { name: 'Accept all exact/high groups in this view' }).click();
    const confirm = page.getByTestId('bulk-confirm');
    await eventually('the count', async () =>
      ((await confirm.textContent()) ?? '').includes(`Accept ${expected.toLocaleString('en-US')} groups`),
    );
    await screenshot(page, '51-bulk-confirm');
    await page.keyboard.press('Escape');
    await eventually('cancelled', async () => (await confirm.count()) === 0);
    await page.getByRole('button', { name: 'Accept all exact/high groups in this view' }).waitFor();
    assert.equal(await page.getByTestId('bulk-result').count(), 0, 'nothing was accepted');
  });

  test('the re-run applies the decisions', { timeout: TEST_TIMEOUT }, async () => {
    nextRunId = (await runOn(input, { workspace })).runId;
    assert.notEqual(nextRunId, runId);
  });

  for (const viewport of SIZES) {
    test(`defects 1, 2, 6 at ${viewport.width}x${viewport.height}: applied, by whom and why; still reviewed`, {
      timeout: TEST_TIMEOUT,
    }, async () => {
      const groupId = await groupOf(nextRunId, overridden.account_id);
      const page = await openDrawer(nextRunId, groupId, viewport);
      assert.equal(await pendingText(page), '0 pending decisions', 'the re-run applied every decision');
      assert.ok(await page.getByRole('button', { name: 'Undo' }).isDisabled(), 'no applied decision to undo');
      const row = memberRow(page, overridden.account_id);
      assert.equal(await row.getByTestId('pending-note').count(), 0, 'not pending any more');
      const override = ((await row.getByTestId('override-cell').textContent()) ?? '').replace(/\s+/g, ' ').trim();
      assert.equal(override, 'Keep applied · e2e reviewer');
      await row.getByRole('button', { name: /^Details of / }).click();
      const facts = page.getByTestId('override-facts');
      await facts.waitFor();
      const text = (await facts.textContent()) ?? '';
      assert.match(text, /Keep \(applied by this run\), set by e2e reviewer on .*: “Active customer: keep: renewed/);
      assert.equal(
        ((await page.getByTestId('disposition-reason').textContent()) ?? '').trim(),
        `Keep — set to Keep by e2e reviewer: ${REASON}`,
      );
      // The split took the record out; the steward's reviewed mark holds and says why.
      assert.equal(await memberRow(page, split.account_id).count(), 0, 'the split record left the group');
      assert.match((await page.getByTestId('mark-reviewed').textContent()) ?? '', /Reviewed/);
      assert.match(
        (await page.getByTestId('review-note').textContent()) ?? '',
        /kept: the record gone since was split/,
      );
      // With "Clear override" the row has four actions, all inside their cell.
      const cell = await row.locator('td.member-actions').boundingBox();
      const buttons = await rects(row.locator('td.member-actions button'));
      assert.equal(buttons.length, 4);
      for (const b of buttons) assert.ok(cell && b.right <= cell.x + cell.width + 0.5, 'action inside its cell');
      await screenshot(page, `51-applied-${viewport.width}x${viewport.height}`);
    });
  }

  test('defect 2: the records export names the reviewer and the reason', { timeout: TEST_TIMEOUT }, async () => {
    const response = await fetch(
      `${session.baseUrl}/api/runs/${nextRunId}/export?scope=records&format=loader-csv&view=all`,
    );
    assert.equal(response.status, 200);
    const rows = parseCsvText(await response.text(), ',').filter((r) => r.raw.length > 0);
    const header = rows[0]?.fields ?? [];
    const at = (name: string): number => header.indexOf(name);
    const row = rows.find((r) => r.fields[at('account_id')] === overridden.account_id);
    assert.equal(row?.fields[at('disposition_reason_text')], `set to Keep by e2e reviewer: ${REASON}`);
  });

  test('defect 3: the merge plan credits the steward merge to the steward, not the rules', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const response = await fetch(
      `${session.baseUrl}/api/runs/${nextRunId}/export?scope=merge-plan&format=loader-csv&view=all`,
    );
    assert.equal(response.status, 200, 'nothing pending after the re-run: the plan is not refused');
    const rows = parseCsvText(await response.text(), ',').filter((r) => r.raw.length > 0);
    const header = rows[0]?.fields ?? [];
    const at = (name: string): string[] => rows.map((r) => r.fields[header.indexOf(name)] ?? '');
    const linked = [groupB.primary_account_id, groupC.primary_account_id];
    const index = at('duplicate_id').findIndex((id, i) => linked.includes(id) && at('reason')[i] === 'must_link');
    assert.ok(index > 0, 'a must_link row for the merged primaries');
    assert.equal(at('decided_by')[index], 'e2e reviewer');
    const score = at('score')[index] ?? '';
    assert.ok(score === '' || Number(score) < 100, `the pair's real score or none, not the nominal 100 (${score})`);
  });

  test('defect 6: merge-preview conflicts ignore spelling; created_date is never a conflict alone', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const list = await session.getJson(`/api/runs/${nextRunId}/groups?${LIST}&limit=40`, (x) =>
      groupPageSchema.parse(x),
    );
    let chosen: GroupDetails | null = null;
    for (const r of list.rows) {
      const d = await details(nextRunId, r.group_id);
      const country = d.mergePreview.find((f) => f.field === 'country');
      const spelt = new Set([country?.primary_value, ...(country?.others ?? []).map((o) => o.value)]);
      if (country && !country.conflict && spelt.size > 1) {
        chosen = d;
        break;
      }
    }
    assert.ok(chosen, 'a group whose countries are spelt differently but agree');
    const page = await openDrawer(nextRunId, chosen.group.group_id, SIZES[0]);
    const preview = page.locator('table.merge');
    await preview.scrollIntoViewIfNeeded();
    const rowOf = (field: string) => preview.locator('tbody tr', { has: page.locator(`th:text-is("${field}")`) });
    assert.equal(await rowOf('country').getAttribute('class'), null, 'country agrees');
    assert.equal(await rowOf('created_date').locator('.conflict-tag').count(), 0, 'created_date is no conflict');
    for (const f of chosen.mergePreview) {
      assert.equal((await rowOf(f.field).getAttribute('class')) === 'conflict', f.conflict, f.field);
    }
    await screenshot(page, '51-merge-preview');
  });
});
