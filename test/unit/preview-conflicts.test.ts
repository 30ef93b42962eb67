/** Issue 13 defect 6: merge-preview conflicts are judged on normalised values; created_date is never one alone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgePreviewConflicts, previewValueKey } from '../../src/server/preview-conflicts.js';

const field = (name: string, primary: string | null, ...others: string[]) => ({
  field: name,
  primary_value: primary,
  others: others.map((value) => ({ value, count: 1 })),
  conflict: true,
});

test('phones, countries and websites spelt differently are not conflicts', () => {
  const judged = judgePreviewConflicts([
    field('phone', '+1 500-811-3924', '500.811.3924', '(500) 811-3924', '500-811-3924 x12'),
    field('country', 'USA', 'United States', 'US', 'United States of America', 'U.S.A.'),
    field('website', null, 'http://chipotle.com', 'chipotle.com', 'www.chipotle.com/', 'HTTPS://WWW.Chipotle.com'),
    field('owner', 'Ana Silva', ' ana  silva '),
  ]);
  assert.deepEqual(
    judged.map((f) => [f.field, f.conflict]),
    [
      ['phone', false],
      ['country', false],
      ['website', false],
      ['owner', false],
    ],
  );
});

test('real differences stay conflicts; created_date alone is not one; a missing value is not one', () => {
  const judged = judgePreviewConflicts([
    field('phone', '500-811-3924', '500-811-3925'),
    field('country', 'UK', 'Canada'),
    field('website', 'acme.com', 'acme.co.uk'),
    field('created_date', '2019-02-23 02:47:00', '2014-01-09 23:45:00'),
    field('address', null, '4920 Loy Way'),
  ]);
  assert.deepEqual(
    judged.map((f) => [f.field, f.conflict]),
    [
      ['phone', true],
      ['country', true],
      ['website', true],
      ['created_date', false],
      ['address', false],
    ],
  );
  assert.equal(previewValueKey('country', 'United Kingdom'), previewValueKey('country', 'UK'));
});
