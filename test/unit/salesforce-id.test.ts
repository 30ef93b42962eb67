import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  canonicaliseAccountIds,
  ID_DUPLICATE,
  ID_INVALID,
  ID_MISSING,
  ID_OK,
  ID_REJECT_REASONS,
} from '../../src/core/account-id-batch.js';
import {
  canonicalAccountId,
  idValidity,
  isSalesforceIdShaped,
  looksLikeSalesforceIds,
  repairCaseSafeId,
  syntheticAccountId,
  toCaseSafeId,
} from '../../src/core/salesforce-id.js';

// 15 → 18 pairs. The first is SPEC §2.2's example; the others were computed with an independent Python
// implementation of the SPEC rule (the first two are also Salesforce documentation examples' shape: Account 001,
// Contact 003, custom object a0B, Lead 00Q).
const CASE_SAFE: readonly [string, string][] = [
  ['001Hs000054S8kI', '001Hs000054S8kIIAS'],
  ['0015000000VALDt', '0015000000VALDtAAP'],
  ['003D000000QoRtE', '003D000000QoRtEIAV'],
  ['a0B1t00000FbXyZ', 'a0B1t00000FbXyZEAV'],
  ['00Q8c00001Abcde', '00Q8c00001AbcdeEAB'],
  ['0011U00000ZZZZZ', '0011U00000ZZZZZQA5'],
  ['001000000000001', '001000000000001AAA'],
];

for (const [id15, id18] of CASE_SAFE) {
  test(`toCaseSafeId(${id15}) → ${id18}`, () => {
    assert.equal(toCaseSafeId(id15), id18);
  });
  test(`repairCaseSafeId restores ${id18} from upper, lower and intact case`, () => {
    assert.equal(repairCaseSafeId(id18), id18);
    assert.equal(repairCaseSafeId(id18.toUpperCase()), id18);
    assert.equal(repairCaseSafeId(id18.toLowerCase()), id18);
  });
}

test('toCaseSafeId rejects values that are not 15 letters or digits', () => {
  for (const bad of ['', '001Hs000054S8k', '001Hs000054S8kIIAS', '001Hs000054S8k-', '001Hs000054S8kÉ']) {
    assert.throws(() => toCaseSafeId(bad), RangeError, bad);
  }
});

test('repairCaseSafeId returns null for an invalid or inconsistent suffix', () => {
  assert.equal(repairCaseSafeId('001Hs000054S8kI9AS'), null, 'suffix digit 6-9 is outside the alphabet');
  // `B` marks character 1 of chunk 1 upper case, but that character is the digit `0`.
  assert.equal(repairCaseSafeId('001Hs000054S8kIBAS'), null, 'suffix marks a digit as upper case');
  assert.equal(repairCaseSafeId('001Hs000054S8kI'), null, 'too short');
  assert.equal(repairCaseSafeId('001Hs000054S8k-IAS'), null, 'not alphanumeric');
});

test('property: 15 → 18 → lower-cased 18 → repair gives the same 18 (seed 20240601)', () => {
  const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split(''));
  fc.assert(
    fc.property(fc.array(alnum, { minLength: 15, maxLength: 15 }), (chars) => {
      const id15 = chars.join('');
      const id18 = toCaseSafeId(id15);
      assert.equal(id18.slice(0, 15), id15);
      assert.equal(repairCaseSafeId(id18.toLowerCase()), id18);
      assert.equal(repairCaseSafeId(id18.toUpperCase()), id18);
      assert.equal(canonicalAccountId(id15, true), id18);
      assert.equal(canonicalAccountId(id18.toUpperCase(), true), id18);
    }),
    { seed: 20240601, numRuns: 2000 },
  );
});

test('canonicalAccountId: Salesforce mode suffixes 15-char ids and repairs 18-char ids, trimming', () => {
  assert.equal(canonicalAccountId(' 001Hs000054S8kI ', true), '001Hs000054S8kIIAS');
  assert.equal(canonicalAccountId('001hs000054s8kiias', true), '001Hs000054S8kIIAS');
  assert.equal(canonicalAccountId('001Hs000054S8kI', false), '001Hs000054S8kI');
});

const KEPT_AS_GIVEN: readonly string[] = ['ACC-00017', '00042', '000000123', 'acct_17', '001Hs000054S8kI9AS', '12345'];
for (const id of KEPT_AS_GIVEN) {
  test(`canonicalAccountId keeps non-Salesforce id ${id} as given in both modes`, () => {
    assert.equal(canonicalAccountId(id, true), id);
    assert.equal(canonicalAccountId(id, false), id);
  });
}

test('isSalesforceIdShaped: 15 alphanumerics or 18 with a valid suffix, not all digits', () => {
  assert.equal(isSalesforceIdShaped('001Hs000054S8kI'), true);
  assert.equal(isSalesforceIdShaped('001HS000054S8KIIAS'), true);
  assert.equal(isSalesforceIdShaped('123456789012345'), false, 'all-digit 15');
  assert.equal(isSalesforceIdShaped('123456789012345678'), false, 'all-digit 18');
  assert.equal(isSalesforceIdShaped('001Hs000054S8kI9AS'), false, 'invalid suffix');
  assert.equal(isSalesforceIdShaped('ACC-00017'), false);
});

test('looksLikeSalesforceIds: true at 90% Salesforce-shaped non-empty values, ignoring empties', () => {
  const sf = CASE_SAFE.map(([id15]) => id15).filter((id) => id !== '001000000000001'); // 6 letter-bearing ids
  const nine = [...sf, ...sf.slice(0, 3)];
  assert.equal(looksLikeSalesforceIds([...nine, 'ACC-1', '', '  ']), true, '9 of 10 non-empty');
  assert.equal(looksLikeSalesforceIds([...sf.slice(0, 8), 'ACC-1', 'ACC-2']), false, '8 of 10');
  assert.equal(looksLikeSalesforceIds(['', ' ']), false, 'no non-empty value');
  assert.equal(looksLikeSalesforceIds([]), false, 'empty sample');
  assert.equal(looksLikeSalesforceIds(['ACC-00017', 'ACC-00018']), false);
  assert.equal(looksLikeSalesforceIds(['123456789012345', '123456789012346']), false, 'numeric keys');
});

const VALIDITY: readonly [string, string, 'ok' | 'missing' | 'invalid'][] = [
  ['empty', '', 'missing'],
  ['spaces and tab', ' \t ', 'missing'],
  ['plain id', 'ACC-00017', 'ok'],
  ['trailing newline is trimmed', 'ACC-00017\n', 'ok'],
  ['inner control char', 'ACC\u0007017', 'invalid'],
  ['inner tab', 'ACC\t017', 'invalid'],
  ['DEL', 'ACC\u007f017', 'invalid'],
  ['C1 control', 'ACC\u0085017', 'invalid'],
  ['255 chars', 'x'.repeat(255), 'ok'],
  ['256 chars', 'x'.repeat(256), 'invalid'],
  ['255 emoji (510 UTF-16 units)', '😀'.repeat(255), 'ok'],
  ['256 emoji', '😀'.repeat(256), 'invalid'],
];
for (const [label, value, expected] of VALIDITY) {
  test(`idValidity(${label}) → ${expected}`, () => {
    assert.equal(idValidity(value), expected);
  });
}

test('syntheticAccountId(17) → row:17', () => {
  assert.equal(syntheticAccountId(17), 'row:17');
});

test('canonicaliseAccountIds: 15- and 18-char forms of one record are duplicates naming the first row', () => {
  const raw = ['001Hs000054S8kI', '0015000000VALDtAAP', '001HS000054S8KIIAS', '', 'A\u0001B', '0015000000VALDt'];
  const batch = canonicaliseAccountIds(raw, { salesforceMode: true });
  assert.deepEqual(batch.ids, [
    '001Hs000054S8kIIAS',
    '0015000000VALDtAAP',
    '001Hs000054S8kIIAS',
    '',
    '',
    '0015000000VALDtAAP',
  ]);
  assert.deepEqual([...batch.reject], [ID_OK, ID_OK, ID_DUPLICATE, ID_MISSING, ID_INVALID, ID_DUPLICATE]);
  assert.deepEqual([...batch.firstRow], [0, 0, 1, 0, 0, 2]);
  assert.deepEqual(
    [...batch.reject].map((code) => ID_REJECT_REASONS[code]),
    [null, null, 'duplicate_id', 'missing_id', 'invalid_id', 'duplicate_id'],
  );
});

test('canonicaliseAccountIds: auto mode detects a Salesforce column', () => {
  const batch = canonicaliseAccountIds(['001Hs000054S8kI', '001hs000054s8kiias', ''], { salesforceMode: 'auto' });
  assert.equal(batch.salesforceMode, true);
  assert.deepEqual(batch.ids, ['001Hs000054S8kIIAS', '001Hs000054S8kIIAS', '']);
  assert.deepEqual([...batch.reject], [ID_OK, ID_DUPLICATE, ID_MISSING]);
});

test('canonicaliseAccountIds: ordinary ids are compared as given (case-sensitive, leading zeros kept)', () => {
  const batch = canonicaliseAccountIds(['00017', '17', 'ACC-1', 'acc-1', ' 00017 '], { salesforceMode: 'auto' });
  assert.equal(batch.salesforceMode, false);
  assert.deepEqual(batch.ids, ['00017', '17', 'ACC-1', 'acc-1', '00017']);
  assert.deepEqual([...batch.reject], [ID_OK, ID_OK, ID_OK, ID_OK, ID_DUPLICATE]);
  assert.deepEqual([...batch.firstRow], [0, 0, 0, 0, 1]);
});

test('canonicaliseAccountIds: explicit row numbers name the first row; a forced mode overrides detection', () => {
  const batch = canonicaliseAccountIds(['X1', 'X1'], { salesforceMode: true, rowNumbers: Int32Array.of(4, 9) });
  assert.equal(batch.salesforceMode, true);
  assert.deepEqual([...batch.firstRow], [0, 4]);
  assert.throws(() => canonicaliseAccountIds(['X1'], { salesforceMode: false, rowNumbers: Int32Array.of(1, 2) }));
});

test('property: isSalesforceIdShaped on 18 chars agrees with repairCaseSafeId (seed 99)', () => {
  const chars = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split(''));
  fc.assert(
    fc.property(fc.array(chars, { minLength: 18, maxLength: 18 }), (cs) => {
      const id = cs.join('');
      const allDigits = /^\d+$/.test(id);
      assert.equal(isSalesforceIdShaped(id), !allDigits && repairCaseSafeId(id) !== null, id);
    }),
    { seed: 99, numRuns: 5000 },
  );
});
