import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_BLACKLIST_TERMS, DEFAULT_LEGAL_FORMS } from '../../src/config/default-lists.js';
import { createBaseNormaliser } from '../../src/core/normalise/index.js';
import { compileTermMatcher } from '../../src/core/term-matcher.js';

const base = createBaseNormaliser({ legalForms: DEFAULT_LEGAL_FORMS });
const blacklist = compileTermMatcher(DEFAULT_BLACKLIST_TERMS, base);

describe('SPEC §9.2: terms match whole words or whole phrases of name_base', () => {
  const cases: [string, string[]][] = [
    ['No Company Listed', ['no company']],
    ['Techno Company', []],
    ['Unknown', ['unknown']],
    ['Unknown Company', ['unknown', 'unknown company']],
    ['PNC is not sure', ['not sure', 'pnc is not sure']],
    ['1099, no paystubs', ['1099', 'paystubs', 'no paystubs']],
    ['N/A', ['n a']],
    ['TBD', ['tbd']],
    ['Kelly Temporary Services', []],
    ['State Employees Credit Union', []],
    ['Wells Fargo Bank, NA', []],
    ['Testing Labs', []],
    ['Test Kitchen', ['test']],
    ['Nonesuch Farms', []],
    ['', []],
  ];
  for (const [name, expected] of cases) {
    test(`${JSON.stringify(name)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(blacklist.matches(base(name)), expected);
      assert.equal(blacklist.test(base(name)), expected.length > 0);
    });
  }
});

describe('compileTermMatcher', () => {
  test('terms are normalised like names and returned as written, in list order, once', () => {
    const m = compileTermMatcher(['No Company', 'N/A', 'no  company', 'n a'], base);
    assert.deepEqual(m.normalisedTerms, ['no company', 'n a']);
    assert.deepEqual(m.matches('n a no company n a'), ['No Company', 'N/A']);
  });
  test('empty terms are ignored', () => {
    const m = compileTermMatcher(['', '  ', '!!'], base);
    assert.deepEqual(m.normalisedTerms, []);
    assert.deepEqual(m.matches('anything'), []);
    assert.equal(m.test('anything'), false);
  });
  test('a phrase at the very end of the name', () => {
    const m = compileTermMatcher(['do not use'], base);
    assert.deepEqual(m.matches('acme do not use'), ['do not use']);
    assert.deepEqual(m.matches('acme do not'), []);
  });
  test('coverage marks every token inside a match, overlapping phrases included', () => {
    const m = compileTermMatcher(['not sure', 'pnc is not'], base);
    assert.deepEqual([...m.coverage(['pnc', 'is', 'not', 'sure', 'acme'])], [1, 1, 1, 1, 0]);
    assert.deepEqual([...m.coverage([])], []);
  });
});
