/**
 * Multi-name entries (issue 11, CRM-INTAKE "Several companies in one field"): every list shape intake staff type is
 * recognised, the names are kept in order (`name_parts`, looked up as mentions), and single names with a list mark
 * or a number stay single.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createNormaliser } from '../../src/core/normalise/index.js';
import { sameListedCompany, splitNameList, startsWithListMark } from '../../src/core/normalise/name-lists.js';
import { issueListedName } from '../../src/core/normalise/parentheses.js';
import { DEFAULT_NORMALISE_OPTIONS } from './normalise-options.js';

const normalise = createNormaliser(DEFAULT_NORMALISE_OPTIONS);

describe('every multi-name shape is several names, first name first', () => {
  const cases: [string, string[]][] = [
    ['(1) Acme Corp; (2) Beta LLC', ['Acme Corp', 'Beta LLC']],
    ['(1)Don Roberto Jewelers; (2) BYD Auto', ['Don Roberto Jewelers', 'BYD Auto']],
    ['1. Acme 2. Beta', ['Acme', 'Beta']],
    ['1.ABM Janitorial 2.Hemet Valley Medical Center', ['ABM Janitorial', 'Hemet Valley Medical Center']],
    ['1:Nissani Bros 2: Russell Westbrook CDJR', ['Nissani Bros', 'Russell Westbrook CDJR']],
    ['1) Express Farms LLC 2) InMotion', ['Express Farms LLC', 'InMotion']],
    ['1 - Express Farms LLC 2 - InMotion', ['Express Farms LLC', 'InMotion']],
    ['1. Utica Roofing 2. Chino Hills Nursing 3. Vans, Co.', ['Utica Roofing', 'Chino Hills Nursing', 'Vans, Co.']],
    ['(1st issue: Acme Corp) (2nd issue: Beta Foods)', ['Acme Corp', 'Beta Foods']],
    ['Acme Foods (2nd issue: Beta Corp)', ['Acme Foods', 'Beta Corp']],
    ['Acme / Beta Corp', ['Acme', 'Beta Corp']],
    ['(previous issue) Acme Foods / Beta Corp (new issue)', ['Acme Foods', 'Beta Corp']],
    ['Turcotte Plumbing; EJD Painting Corp.', ['Turcotte Plumbing', 'EJD Painting Corp.']],
  ];
  for (const [input, parts] of cases) {
    test(input, () => {
      const n = normalise(input);
      assert.equal(n.has_multiple_names, true);
      assert.deepEqual(n.name_parts, parts);
    });
  }
});

describe('one name stays one name', () => {
  const cases: [string, string][] = [
    ['1.Amazon', 'amazon'],
    ['1. Acme', 'acme'],
    ['1 - AUTOZONE STORE 97', 'autozone'],
    ['1-800 Flowers', '1 800 flowers'],
    ['1. Acme 24. Foo', 'acme 24 foo'],
    ['24.Hour Fitness', '24 hour fitness'],
    ['Acme 2.0 Solutions', 'acme 2 0 solutions'],
    ['20/20 Plumbing', '20 20 plumbing'],
    ['N / A', 'na'],
    ['(1st issue: Acme Corp)', 'acme'],
    ['ABC LLC dba Quick Staffing', 'abc'],
    // One company written twice is one name (SPEC §7.1 "distinct"): site and parent, name and initials.
    ['Salvation Army - Temple / Salvation Army', 'salvation army temple'],
    ['Chicago Youth Centers - Roseland / CYC', 'chicago youth centers roseland'],
    // The site after a dash is a location tail (issue 10 class 2), not identity.
    ['Lutheran Social Services of Illinois - North Austin / LSSI', 'lutheran social services of illinois'],
    ['1. ABM Janitorial 2. ABM', 'abm janitorial'],
  ];
  for (const [input, core] of cases) {
    test(input, () => {
      const n = normalise(input);
      assert.equal(n.has_multiple_names, false);
      assert.equal(n.name_core, core);
      assert.equal(n.name_parts, undefined);
    });
  }
});

test('list marks: tight first marks and colons start a list; an out-of-sequence number does not split', () => {
  assert.equal(startsWithListMark('1.ABM Janitorial'), true);
  assert.equal(startsWithListMark('1:Nissani Bros'), true);
  assert.equal(startsWithListMark('24.Hour Fitness'), false);
  assert.equal(startsWithListMark('2.Beta'), false);
  assert.deepEqual(
    splitNameList('1. Acme 24. Foo 2. Beta').map((i) => i.text.trim()),
    ['Acme 24. Foo', 'Beta'],
  );
});

test('issue labels in parentheses name an entry', () => {
  assert.equal(issueListedName('1st issue: Acme Corp'), 'Acme Corp');
  assert.equal(issueListedName('previous issue - Acme'), 'Acme');
  assert.equal(issueListedName('Issue 2: Beta'), 'Beta');
  assert.equal(issueListedName('new issue'), null);
  assert.equal(issueListedName('Sonic Automotive'), null);
});

test('listed names are one company when one holds the other or abbreviates it', () => {
  assert.equal(sameListedCompany('kaiser permanente', 'kaiser'), true);
  assert.equal(sameListedCompany('cyc', 'chicago youth centers roseland'), true);
  assert.equal(sameListedCompany('edgewater community council a b c center', 'cyc'), false);
  assert.equal(sameListedCompany('acme', 'beta'), false);
  assert.equal(sameListedCompany('acme', 'ab'), false);
});
