import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_BLACKLIST_TERMS, DEFAULT_LEGAL_FORMS, DEFAULT_WEAK_TOKENS } from '../../src/config/default-lists.js';
import { classifyName } from '../../src/core/classify.js';
import { createBaseNormaliser, createNormaliser } from '../../src/core/normalise/index.js';
import { compileTermMatcher } from '../../src/core/term-matcher.js';
import type { NameClass } from '../../src/core/types.js';
import { DEFAULT_NORMALISE_OPTIONS } from './normalise-options.js';

const normalise = createNormaliser(DEFAULT_NORMALISE_OPTIONS);
const blacklist = compileTermMatcher(
  DEFAULT_BLACKLIST_TERMS,
  createBaseNormaliser({ legalForms: DEFAULT_LEGAL_FORMS }),
);
const opts = { weakTokens: DEFAULT_WEAK_TOKENS };

function classOf(name: string): { cls: NameClass; hits: string[] } {
  const n = normalise(name);
  const hits = blacklist.matches(n.name_base);
  return { cls: classifyName(n, hits, blacklist, opts), hits };
}

describe('SPEC §4 classes', () => {
  const cases: [string, NameClass][] = [
    ['Unknown', 'junk'],
    ['PNC is not sure', 'junk'],
    ['1099, no paystubs', 'junk'],
    ['N/A', 'junk'],
    ['TBD', 'junk'],
    ['Unknown LLC', 'junk'],
    ['No Company', 'junk'],
    ['The Unknown', 'junk'],
    ['Unknown (paystubs)', 'junk'],
    ['', 'unusable'],
    ['   ', 'unusable'],
    ['12345', 'unusable'],
    ['X', 'unusable'],
    ['(555) 123-4567', 'unusable'],
    ['+1 555.123.4567 ext 12', 'unusable'],
    ['a@b.com', 'unusable'],
    ['#5', 'unusable'],
    ['(1) Acme Corp; (2) Beta LLC', 'multi'],
    ['Acme / Beta Corp', 'multi'],
    ['Unknown / Acme Staffing', 'multi'],
    ['Kelly Temporary Services', 'usable'],
    ['State Employees Credit Union', 'usable'],
    ['Wells Fargo Bank, NA', 'usable'],
    ['Acme Inc', 'usable'],
    ['ABC LLC dba Quick Staffing', 'usable'],
    ['Test Kitchen', 'usable'],
    ['Only', 'usable'],
    ['In & Out', 'usable'],
    ['1-800-Flowers', 'usable'],
    ['AT&T', 'usable'],
  ];
  for (const [name, expected] of cases) {
    test(`${JSON.stringify(name)} is ${expected}`, () => assert.equal(classOf(name).cls, expected));
  }
});

describe('companies that contain words people use as notes have no blacklist hits (SPEC §9.2)', () => {
  for (const name of [
    'Kelly Temporary Services',
    'State Employees Credit Union',
    'Wells Fargo Bank, NA',
    'Techno Company',
  ]) {
    test(name, () => assert.deepEqual(classOf(name).hits, []));
  }
});

test('a blacklist term inside a usable name is reported but does not make it junk (SPEC §9.1 rule 4)', () => {
  const { cls, hits } = classOf('Test Kitchen');
  assert.equal(cls, 'usable');
  assert.deepEqual(hits, ['test']);
});
