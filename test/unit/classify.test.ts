import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normaliseOptionsFromConfig } from '../../src/config/core-options.js';
import { configSchema } from '../../src/config/schema.js';
import { createNameClassifier, type NameClassification } from '../../src/core/classify.js';
import { blacklistScope } from '../../src/core/junk/blacklist-scope.js';
import type { JunkKind } from '../../src/core/junk/junk-kind.js';
import { createNormaliser } from '../../src/core/normalise/index.js';
import { junkReasonText } from '../../src/core/reason-text.js';
import { compileTermMatcher } from '../../src/core/term-matcher.js';
import type { NameClass } from '../../src/core/types.js';
import { classifierRules } from '../../src/pipeline/classify.js';

const config = configSchema.parse({});
const normalise = createNormaliser(normaliseOptionsFromConfig(config));
const rules = classifierRules(config);
const classify = createNameClassifier(rules);
const blacklist = compileTermMatcher(config.blacklist.terms, rules.baseOf);

function classOf(name: string): NameClassification & { hits: string[] } {
  const n = normalise(name);
  const whole = blacklistScope(n.name_raw, rules.baseOf);
  return { ...classify(n, whole), hits: blacklist.matches(whole) };
}

/** CRM-INTAKE "Entries that are not a company", every kind, with the reason a reviewer reads. */
const JUNK: [name: string, kind: JunkKind, reason: string][] = [
  // Placeholders and notes.
  ['Unknown', 'placeholder', 'a placeholder or intake note: "unknown"'],
  ['N/A', 'placeholder', 'a placeholder or intake note: "n a"'],
  ['#N/A', 'placeholder', 'a placeholder or intake note: "n a"'],
  ['N / A', 'placeholder', 'a placeholder or intake note: "n a"'],
  ['NULL', 'placeholder', 'a placeholder or intake note: "null"'],
  ['TBD', 'placeholder', 'a placeholder or intake note: "tbd"'],
  ['none', 'placeholder', 'a placeholder or intake note: "none"'],
  ['idk', 'placeholder', 'a placeholder or intake note: "idk"'],
  ['xx', 'placeholder', 'a placeholder or intake note: "xx"'],
  ['test', 'placeholder', 'a placeholder or intake note: "test"'],
  ['do not use', 'placeholder', 'a placeholder or intake note: "do not use"'],
  ['client not sure', 'placeholder', 'a placeholder or intake note: "client not sure"'],
  ["client doesn't remember", 'placeholder', 'a placeholder or intake note: "client", "doesnt remember"'],
  ['employer name needed', 'placeholder', 'a placeholder or intake note: "employer name needed"'],
  ['See case notes', 'placeholder', 'a placeholder or intake note: "see case notes"'],
  ['wrong account', 'placeholder', 'a placeholder or intake note: "wrong account"'],
  ['1. same', 'placeholder', 'a placeholder or intake note: "same"'],
  ['PNC is not sure', 'placeholder', 'a placeholder or intake note: "pnc is not sure"'],
  ['Unknown Company', 'placeholder', 'a placeholder or intake note: "unknown company"'],
  ['The Unknown', 'placeholder', 'a placeholder or intake note: "unknown"'],
  ['Unknown LLC', 'placeholder', 'a placeholder or intake note: "unknown", "llc"'],
  ['Unknown (paystubs)', 'job_fact', 'a fact about the job, not the employer: "paystubs", "unknown"'],
  ['xxx', 'placeholder', 'a placeholder or intake note: "xxx"'],
  ['Phone', 'placeholder', 'a placeholder or intake note: "phone"'],
  // A bare legal form or generic word.
  ['LLC', 'legal_form_only', 'only a legal form: "llc"'],
  ['Inc.', 'legal_form_only', 'only a legal form: "inc"'],
  ['company', 'generic_word', 'only a generic word: "company"'],
  ['Employer', 'generic_word', 'only a generic word: "employer"'],
  ['The Company', 'generic_word', 'only a generic word: "company"'],
  // Facts about the job.
  ['self-employed', 'job_fact', 'a fact about the job, not the employer: "self employed"'],
  ['cash job', 'job_fact', 'a fact about the job, not the employer: "cash job"'],
  ['paid cash, no stubs', 'job_fact', 'a fact about the job, not the employer: "paid cash", "no stubs"'],
  ['1099, no paystubs', 'job_fact', 'a fact about the job, not the employer: "1099", "no paystubs"'],
  ['1099 PNC', 'job_fact', 'a fact about the job, not the employer: "1099", "pnc"'],
  ['staffing agency', 'job_fact', 'a fact about the job, not the employer: "staffing agency"'],
  ['private household', 'job_fact', 'a fact about the job, not the employer: "private household"'],
  ['$18/hr', 'money', 'a pay or money amount: "$18/hr"'],
  ['700 per week', 'money', 'a pay or money amount: "700 per week"'],
  ['1,200 per', 'money', 'a pay or money amount: "1,200 per"'],
  ['$15-18/hr', 'money', 'a pay or money amount: "$15-18/hr"'],
  ['15 an hour', 'money', 'a pay or money amount: "15 an hour"'],
  ['$50k a year', 'money', 'a pay or money amount: "$50k a year"'],
  ['cash job - $700 per week', 'money', 'a pay or money amount: "$700 per week", "cash job"'],
  ['51-200 employees', 'employee_count', 'a number of employees: "51-200 employees"'],
  ['500+ staff', 'employee_count', 'a number of employees: "500+ staff"'],
  // Contact details.
  ['(555) 123-4567', 'phone', 'a phone number: "(555) 123-4567"'],
  ['555-123-4567', 'phone', 'a phone number: "555-123-4567"'],
  ['555.123.4567', 'phone', 'a phone number: "555.123.4567"'],
  ['5551234567', 'phone', 'a phone number: "5551234567"'],
  ['+1 555 123 4567', 'phone', 'a phone number: "+1 555 123 4567"'],
  ['+44 20 7946 0958', 'phone', 'a phone number: "+44 20 7946 0958"'],
  ['1-800-356-9377', 'phone', 'a phone number: "1-800-356-9377"'],
  ['555-1234', 'phone', 'a phone number: "555-1234"'],
  ['+1 555.123.4567 ext 12', 'phone', 'a phone number: "+1 555.123.4567 ext 12"'],
  ['Tel: 555-123-4567', 'phone', 'a phone number: "555-123-4567", "tel"'],
  ['a@b.com', 'email', 'an e-mail address: "a@b.com"'],
  ['john.smith@gmail.com', 'email', 'an e-mail address: "john.smith@gmail.com"'],
  ['www.acme.com', 'web_address', 'a web address: "www.acme.com"'],
  ['https://acme.com/jobs', 'web_address', 'a web address: "https://acme.com/jobs"'],
  ['17707 Euclid Way, Upland, CA 94025', 'street_address', 'a street address: "17707 Euclid Way, Upland, CA 94025"'],
  ['123 Main St', 'street_address', 'a street address: "123 Main St"'],
  ['123 N Main Street Suite 200', 'street_address', 'a street address: "123 N Main Street Suite 200"'],
  ['123 Main St #5', 'street_address', 'a street address: "123 Main St #5"'],
  ['100 Park Plaza, Boston MA', 'street_address', 'a street address: "100 Park Plaza, Boston MA"'],
  ['4500 W Station Sq 02118', 'street_address', 'a street address: "4500 W Station Sq 02118"'],
  ['PO Box 1234', 'street_address', 'a street address: "PO Box 1234"'],
  ['Address: 123 Main St, Upland CA', 'street_address', 'a street address: "Address: 123 Main St, Upland CA"'],
  // A hint with no name: Verify, never Delete.
  ['not sure - warehouse', 'hint', 'a kind of workplace with no name: "warehouse"'],
  ['unknown - daycare', 'hint', 'a kind of workplace with no name: "daycare"'],
  ['Unknown (daycare)', 'hint', 'a kind of workplace with no name: "daycare"'],
  ['Warehouse', 'hint', 'a kind of workplace with no name: "warehouse"'],
];

describe('every kind of entry that is not a company is junk, with its reason (CRM-INTAKE)', () => {
  for (const [name, kind, reason] of JUNK) {
    test(`${JSON.stringify(name)} is ${kind}`, () => {
      const c = classOf(name);
      assert.equal(c.nameClass, 'junk');
      assert.equal(c.junkKind, kind);
      assert.equal(junkReasonText(c.junkKind as JunkKind, c.evidence), reason);
    });
  }
});

/** Names that look like notes, amounts or addresses but are companies (CRM-INTAKE traps). */
const COMPANIES: string[] = [
  '12050 Harbor Blvd LLC',
  '12050 Harbor Blvd, LLC',
  'Kelly Temporary Services',
  'Manpower Temps',
  'Temps Plus',
  'Test Kitchen',
  'Not Sure Tavern',
  'Acme Plumbing - not sure',
  'not sure - Garcia Plumbing',
  'Garcia Plumbing (client not sure of spelling)',
  'Staffing Unlimited',
  'Unlimited',
  'State Employees Credit Union',
  'Wells Fargo Bank, NA',
  'Techno Company',
  'State Farm',
  'Security Bank',
  'Store 24',
  '1-800 Plumber',
  '1-800-Flowers',
  'A-1 Towing',
  '24/7 Staffing',
  '24 Hour Fitness',
  '99 Cents Only',
  '76 Gas Station',
  '1 Hotel Central Park',
  '7-Eleven',
  'Forever 21',
  'Amazon.com',
  '20/20 Plumbing & Heating, Inc.',
  'Acme (555) 123-4567',
  'Cash America',
  'Family Dollar',
  'SAS',
  'ABC LLC dba Quick Staffing',
  'Acme Inc',
  'In & Out',
  'Only',
  'AT&T',
  '$5 Pizza',
  'Route 66 Diner',
  '21st Century Insurance',
  '5th Avenue Salon',
  'Globex Corp (DO NOT USE)',
];

describe('traps stay companies (CRM-INTAKE)', () => {
  for (const name of COMPANIES) {
    test(JSON.stringify(name), () => {
      const c = classOf(name);
      assert.equal(c.nameClass, 'usable', `${c.nameClass} ${c.junkKind}: ${c.evidence.join(', ')}`);
      assert.equal(c.junkKind, null);
    });
  }
});

describe('unusable and multi-name entries (SPEC §4)', () => {
  const cases: [string, NameClass][] = [
    ['', 'unusable'],
    ['   ', 'unusable'],
    ['12345', 'unusable'],
    ['X', 'unusable'],
    ['#5', 'unusable'],
    ['?', 'unusable'],
    ['(1) Acme Corp; (2) Beta LLC', 'multi'],
    ['Acme / Beta Corp', 'multi'],
    ['Unknown / Acme Staffing', 'multi'],
    ['1.ABM Janitorial 2.Hemet Valley Medical Center', 'multi'],
    ['1:Nissani Bros 2: Russell Westbrook CDJR', 'multi'],
    ['(1st issue: Acme Corp) (2nd issue: Beta Foods)', 'multi'],
    ['(previous issue) Acme Foods / Beta Corp (new issue)', 'multi'],
  ];
  for (const [name, expected] of cases) {
    test(`${JSON.stringify(name)} is ${expected}`, () => assert.equal(classOf(name).nameClass, expected));
  }
});

describe('the blacklist reads the whole raw name (issue 11)', () => {
  test('Globex Corp (DO NOT USE) is a blacklist hit, and stays a company', () => {
    const c = classOf('Globex Corp (DO NOT USE)');
    assert.deepEqual(c.hits, ['do not use']);
    assert.equal(c.nameClass, 'usable');
  });
  test('a blacklist term inside a usable name is reported but does not make it junk (SPEC §9.1 rule 4)', () => {
    const c = classOf('Test Kitchen');
    assert.equal(c.nameClass, 'usable');
    assert.deepEqual(c.hits, ['test']);
  });
  for (const name of [
    'Kelly Temporary Services',
    'State Employees Credit Union',
    'Wells Fargo Bank, NA',
    'Techno Company',
  ]) {
    test(`${name} has no blacklist hit`, () => assert.deepEqual(classOf(name).hits, []));
  }
});

test('1099 notes are one kind whatever else they hold (issue 11)', () => {
  for (const name of ['1099', '1099 PNC', '1099, no paystubs', '1099 - per client']) {
    const c = classOf(name);
    assert.equal(c.nameClass, 'junk', name);
    assert.equal(c.junkKind, 'job_fact', name);
  }
});

test('the word lists come from config: a new placeholder makes a name junk', () => {
  const custom = configSchema.parse({ junk: { placeholders: ['nope'] } });
  const classifyCustom = createNameClassifier(classifierRules(custom));
  const n = normalise('Nope');
  assert.equal(classifyCustom(n, blacklistScope(n.name_raw, rules.baseOf)).junkKind, 'placeholder');
  assert.equal(classOf('Nope').nameClass, 'usable');
});

test('reviewer blacklist terms count as placeholders', () => {
  const classifyManual = createNameClassifier(classifierRules(config, ['globex']));
  const n = normalise('Globex');
  assert.equal(classifyManual(n, blacklistScope(n.name_raw, rules.baseOf)).nameClass, 'junk');
});
