import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_MAPPING_RULES } from '../../src/config/default-mapping.js';
import {
  CANONICAL_FIELDS,
  type CanonicalField,
  type ColumnMapping,
  globMatches,
  headerWords,
  MappingError,
  type MappingInput,
  type MappingTemplate,
  normaliseHeader,
  resolveColumnMapping,
  SYNTHETIC_IDS_WARNING,
} from '../../src/core/column-mapping.js';
import { UsageError } from '../../src/core/errors.js';

const rules = DEFAULT_MAPPING_RULES;

function resolve(headers: readonly string[], extra: Partial<MappingInput> = {}): ColumnMapping {
  return resolveColumnMapping({ headers, fileName: 'accounts.csv', rules, ...extra });
}

/** Assert a MappingError with this code whose one-line message contains every fragment. */
function assertMappingError(run: () => unknown, code: string, fragments: readonly string[]): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof MappingError, 'a MappingError');
    assert.ok(error instanceof UsageError, 'a UsageError (exit code 1)');
    assert.equal(error.code, code);
    assert.ok(!error.message.includes('\n'), `one line: ${error.message}`);
    for (const f of fragments) assert.ok(error.message.includes(f), `message has ${f}: ${error.message}`);
    return true;
  });
}

test('normaliseHeader ignores case, spaces and punctuation (SPEC §2.1)', () => {
  assert.equal(normaliseHeader('Created Date'), 'createddate');
  assert.equal(normaliseHeader('CreatedDate'), 'createddate');
  assert.equal(normaliseHeader(' created_date. '), 'createddate');
  assert.equal(normaliseHeader('Account ID (18)'), 'accountid18');
});

test('headerWords splits labels, API names and snake_case', () => {
  assert.deepEqual(headerWords('CreatedById'), ['created', 'by', 'id']);
  assert.deepEqual(headerWords('person_name'), ['person', 'name']);
  assert.deepEqual(headerWords('IDHS Provider ID'), ['idhs', 'provider', 'id']);
  assert.deepEqual(headerWords('Name_2'), ['name', '2']);
  assert.deepEqual(headerWords('BillingStreet'), ['billing', 'street']);
});

test('Salesforce report export headers map by synonyms', () => {
  const headers = [
    'Account ID',
    'Account Name',
    'Parent Account ID',
    'Account Owner',
    'Created Date',
    'Created By',
    'Last Modified By',
    'Last Modified Date',
    'Billing Street',
    'Billing City',
    'Billing State/Province',
    'Billing Country',
    'Phone',
    'Website',
    'Type',
    'Industry',
    'Relationship',
  ];
  const result = resolve(headers);
  assert.deepEqual(result.mapping, {
    account_id: 'Account ID',
    account_name: 'Account Name',
    parent_account_id: 'Parent Account ID',
    created_date: 'Created Date',
    relationship: 'Relationship',
    owner: 'Account Owner',
    address: 'Billing Street',
    country: 'Billing Country',
    website: 'Website',
    phone: 'Phone',
  });
  for (const field of CANONICAL_FIELDS) assert.equal(result.sources[field], 'synonym', field);
  assert.equal(result.syntheticIds, false);
  assert.equal(result.template, null);
  assert.deepEqual(result.warnings, []);
});

test('Salesforce API-name headers map by synonyms (Id, Name, ParentId, OwnerId, CreatedDate)', () => {
  const headers = [
    'Id',
    'IsDeleted',
    'MasterRecordId',
    'Name',
    'Type',
    'RecordTypeId',
    'ParentId',
    'BillingStreet',
    'BillingCity',
    'BillingCountry',
    'Phone',
    'Website',
    'Industry',
    'OwnerId',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
  ];
  const result = resolve(headers);
  assert.deepEqual(result.mapping, {
    account_id: 'Id',
    account_name: 'Name',
    parent_account_id: 'ParentId',
    created_date: 'CreatedDate',
    owner: 'OwnerId',
    address: 'BillingStreet',
    country: 'BillingCountry',
    website: 'Website',
    phone: 'Phone',
  });
  assert.equal(result.syntheticIds, false);
});

const SYNONYM_CASES: readonly [string, CanonicalField][] = [
  ['Company', 'account_name'],
  ['Company Name', 'account_name'],
  ['Customer', 'account_name'],
  ['Employer', 'account_name'],
  ['EMPLOYER NAME', 'account_name'],
  ['Acct ID', 'account_id'],
  ['External Id', 'account_id'],
  ['external_id', 'account_id'],
  ['Created On', 'created_date'],
  ['created-date', 'created_date'],
  ['Relationship Type', 'relationship'],
  ['Owner', 'owner'],
  ['Address', 'address'],
  ['Country', 'country'],
];
for (const [header, field] of SYNONYM_CASES) {
  test(`synonym ${JSON.stringify(header)} → ${field}`, () => {
    const headers = field === 'account_name' ? [header] : [header, 'Account Name'];
    const result = resolve(headers);
    assert.equal(result.mapping[field], header);
    assert.equal(result.sources[field], 'synonym');
  });
}

test('the earlier synonym wins: Account Name over Name, Account ID over Id', () => {
  const result = resolve(['Name', 'Id', 'Account Name', 'Account ID']);
  assert.equal(result.mapping.account_name, 'Account Name');
  assert.equal(result.mapping.account_id, 'Account ID');
});

test('two headers equal to one synonym: the first is used, with a warning naming the --col flag', () => {
  const result = resolve(['AccountName', 'Account Name', 'Id']);
  assert.equal(result.mapping.account_name, 'AccountName');
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0] as string, /--col account_name="AccountName"/);
});

test('duplicate headers made unique by the input layer map deterministically (Name, not Name_2)', () => {
  const result = resolve(['Name_2', 'Name', 'Id']);
  assert.equal(result.mapping.account_name, 'Name');
});

test('default synonyms of different fields never normalise to the same key', () => {
  const owner = new Map<string, CanonicalField>();
  for (const field of CANONICAL_FIELDS) {
    for (const synonym of rules.synonyms[field]) {
      const key = normaliseHeader(synonym);
      const other = owner.get(key);
      assert.ok(other === undefined || other === field, `${synonym}: ${field} and ${other}`);
      owner.set(key, field);
    }
  }
});

// --- the public data sets: header rows copied from test/fixtures/public/*.csv (SPEC §11), inlined so the unit
// tests do not depend on files outside the repository.

const PUBLIC_HEADERS: Record<string, string[]> = {
  'patstat_reference.csv': ['person_id', 'leuven_id', 'person_name'],
  'chicago_childcare_sites.csv': [
    'True Id',
    'Id',
    'Source',
    'Site name',
    'Address',
    'Zip',
    'Phone',
    'Fax',
    'Program Name',
    'Length of Day',
    'IDHS Provider ID',
    'Agency',
    'Neighborhood',
    'Funded Enrollment',
    'Program Option',
    'Number per Site EHS',
    'Number per Site HS',
    'Director',
    'Head Start Fund',
    'Eearly Head Start Fund',
    'CC fund',
    'Progmod',
    'Website',
    'Executive Director',
    'Center Director',
    'ECE Available Programs',
    'NAEYC Valid Until',
    'NAEYC Program Id',
    'Email Address',
    'Ounce of Prevention Description',
    'Purple binder service type',
    'Column',
    'Column2',
  ],
  'restaurants.csv': ['name', 'address', 'city', 'cuisine', 'unique_id'],
};

function firstLineHeaders(file: string): string[] {
  return PUBLIC_HEADERS[file] as string[];
}

test('patstat headers: person_name by heuristic, person_id by heuristic, leuven_id (truth) excluded', () => {
  const headers = firstLineHeaders('patstat_reference.csv');
  assert.deepEqual(headers, ['person_id', 'leuven_id', 'person_name']);
  const result = resolve(headers, { fileName: 'patstat_reference.csv', excludeHeaders: ['leuven_id'] });
  assert.deepEqual(result.mapping, { account_name: 'person_name', account_id: 'person_id' });
  assert.deepEqual(result.sources, { account_name: 'heuristic', account_id: 'heuristic' });
  assert.equal(result.syntheticIds, false);
});

test('patstat headers without excluding the truth column: two id candidates stop the run', () => {
  assertMappingError(() => resolve(firstLineHeaders('patstat_reference.csv')), 'ambiguous_columns', [
    '"person_id", "leuven_id"',
    '--col account_id="person_id"',
  ]);
});

test('chicago childcare headers: Site name (not Program Name), Id (not True Id), evidence columns', () => {
  const headers = firstLineHeaders('chicago_childcare_sites.csv');
  assert.ok(headers.includes('True Id') && headers.includes('Program Name'));
  const result = resolve(headers, { fileName: 'chicago_childcare_sites.csv', excludeHeaders: ['True Id'] });
  assert.equal(result.mapping.account_name, 'Site name');
  assert.equal(result.mapping.account_id, 'Id');
  assert.equal(result.mapping.address, 'Address');
  assert.equal(result.mapping.phone, 'Phone');
  assert.equal(result.mapping.website, 'Website');
  assert.ok(!Object.values(result.mapping).includes('True Id'));
});

test('restaurants headers: name by synonym; unique_id (truth) excluded leaves synthetic ids', () => {
  const headers = firstLineHeaders('restaurants.csv');
  assert.deepEqual(headers, ['name', 'address', 'city', 'cuisine', 'unique_id']);
  const result = resolve(headers, { fileName: 'restaurants.csv', excludeHeaders: ['unique_id'] });
  assert.deepEqual(result.mapping, { account_name: 'name', address: 'address' });
  assert.equal(result.syntheticIds, true);
  assert.deepEqual(result.warnings, [SYNTHETIC_IDS_WARNING]);
  // Without the exclusion the truth column would become the id: exactly what `junction eval` must avoid.
  assert.equal(resolve(headers).mapping.account_id, 'unique_id');
});

// --- heuristics (SPEC §2.1 step 4) ---

test('heuristic finds the one name-like column and skips person and audit columns', () => {
  const headers = ['Full Name', 'First Name', 'Contact Name', 'Owner Name', 'Created By', 'Employer (as typed)', 'Row'];
  const result = resolve(headers);
  assert.equal(result.mapping.account_name, 'Employer (as typed)');
  assert.equal(result.sources.account_name, 'heuristic');
});

test('heuristic id skips owner, audit and parent ids', () => {
  const headers = ['Legal Name', 'OwnerId', 'CreatedById', 'Parent Record Id', 'Client Key ID'];
  const result = resolve(headers);
  assert.equal(result.mapping.account_id, 'Client Key ID');
  assert.equal(result.sources.account_id, 'heuristic');
});

test('ambiguous name heuristic: error lists the candidates and shows --col', () => {
  assertMappingError(() => resolve(['Firm Label', 'Trading Name', 'Notes']), 'ambiguous_columns', [
    'account_name',
    '"Firm Label", "Trading Name"',
    '--col account_name="Firm Label"',
  ]);
  try {
    resolve(['Firm Label', 'Trading Name', 'Notes']);
  } catch (error) {
    assert.ok(error instanceof MappingError);
    assert.deepEqual(error.candidates, ['Firm Label', 'Trading Name']);
  }
});

test('no account name: one-line error listing the headers and the --col flag', () => {
  assertMappingError(() => resolve(['Id', 'Full Name', 'Phone']), 'missing_account_name', [
    '"Id", "Full Name", "Phone"',
    '--col account_name=',
  ]);
});

test('a header listing in an error is cut after 40 headers', () => {
  const headers = Array.from({ length: 45 }, (_, i) => `Col ${i}`);
  assertMappingError(() => resolve(headers), 'missing_account_name', ['"Col 39" … and 5 more']);
});

test('headers with line breaks stay on one line in errors', () => {
  assertMappingError(() => resolve(['Notes\nline 2', 'Zip']), 'missing_account_name', ['"Notes\\nline 2"']);
});

test('no id column: synthetic ids and the SPEC warning', () => {
  const result = resolve(['Company', 'Phone']);
  assert.equal(result.syntheticIds, true);
  assert.equal(result.mapping.account_id, undefined);
  assert.deepEqual(result.warnings, [
    'no account id column; using synthetic ids row:N — record-level decisions are disabled',
  ]);
});

// --- CLI overrides (SPEC §2.1 step 1) ---

test('CLI override wins over synonyms and frees the synonym header for nobody else', () => {
  const result = resolve(['Account Name', 'Legal Entity', 'Id'], { overrides: { account_name: 'Legal Entity' } });
  assert.equal(result.mapping.account_name, 'Legal Entity');
  assert.equal(result.sources.account_name, 'cli');
  assert.equal(result.mapping.account_id, 'Id');
});

test('CLI override matches a header case- and punctuation-insensitively when unambiguous', () => {
  const result = resolve(['Legal Entity', 'Id'], { overrides: { account_name: 'legal_entity' } });
  assert.equal(result.mapping.account_name, 'Legal Entity');
});

test('CLI override naming a missing header: error lists the headers', () => {
  assertMappingError(() => resolve(['Account Name', 'Id'], { overrides: { account_name: 'Acct' } }), 'missing_header', [
    '--col account_name="Acct"',
    'no such header',
    '"Account Name", "Id"',
  ]);
});

test('CLI override with an unknown field: error lists the fields', () => {
  assertMappingError(
    () => resolve(['Account Name', 'Id'], { overrides: { accountname: 'Account Name' } }),
    'unknown_field',
    ['unknown field accountname', CANONICAL_FIELDS.join(', ')],
  );
});

test('CLI override mapping one header to two fields is an error', () => {
  assertMappingError(
    () => resolve(['Account Name', 'Id'], { overrides: { account_name: 'Account Name', owner: 'Account Name' } }),
    'header_reused',
    ['already mapped to account_name'],
  );
});

test('CLI override naming the excluded truth column is an error', () => {
  assertMappingError(
    () => resolve(['name', 'unique_id'], { overrides: { account_id: 'unique_id' }, excludeHeaders: ['unique_id'] }),
    'excluded_header',
    ['truth column'],
  );
});

// --- templates (SPEC §2.1 step 2) ---

const TEMPLATES: readonly MappingTemplate[] = [
  { match: 'salesforce*.csv', columns: { account_name: 'Acct Label', account_id: 'Key' } },
  { match: '*.csv', columns: { account_name: 'Other Label' } },
];

test('globMatches: * and ? on the base name, case-insensitive, other characters literal', () => {
  assert.equal(globMatches('salesforce*.csv', 'Salesforce_Accounts.CSV'), true);
  assert.equal(globMatches('salesforce*.csv', '/data/exports/salesforce-2024.csv'), true);
  assert.equal(globMatches('salesforce*.csv', 'C:\\exports\\salesforce.csv'), true);
  assert.equal(globMatches('salesforce*.csv', 'old_salesforce.csv'), false);
  assert.equal(globMatches('salesforce*.csv', 'salesforce.csvx'), false);
  assert.equal(globMatches('acc?.csv', 'acc1.csv'), true);
  assert.equal(globMatches('acc?.csv', 'acc12.csv'), false);
  assert.equal(globMatches('a.b(1)+.csv', 'a.b(1)+.csv'), true);
  assert.equal(globMatches('a.b.csv', 'aXb.csv'), false);
});

test('the first matching template applies, before synonyms', () => {
  const headers = ['Account Name', 'Acct Label', 'Other Label', 'Key', 'Id'];
  const result = resolve(headers, { fileName: 'exports/Salesforce_2024.csv', templates: TEMPLATES });
  assert.equal(result.template, 'salesforce*.csv');
  assert.equal(result.mapping.account_name, 'Acct Label');
  assert.equal(result.mapping.account_id, 'Key');
  assert.equal(result.sources.account_name, 'template');
  const other = resolve(headers, { fileName: 'crm.csv', templates: TEMPLATES });
  assert.equal(other.template, '*.csv');
  assert.equal(other.mapping.account_name, 'Other Label');
  assert.equal(other.mapping.account_id, 'Id', 'synonyms fill what the template leaves');
});

test('CLI overrides beat templates', () => {
  const headers = ['Acct Label', 'Key', 'Legal Entity'];
  const result = resolve(headers, {
    fileName: 'salesforce.csv',
    templates: TEMPLATES,
    overrides: { account_name: 'Legal Entity' },
  });
  assert.equal(result.mapping.account_name, 'Legal Entity');
  assert.equal(result.sources.account_name, 'cli');
  assert.equal(result.mapping.account_id, 'Key');
  assert.equal(result.sources.account_id, 'template');
});

test('a template header missing from this file is skipped with a warning; synonyms take over', () => {
  const result = resolve(['Account Name', 'Key'], { fileName: 'salesforce.csv', templates: TEMPLATES });
  assert.equal(result.mapping.account_name, 'Account Name');
  assert.equal(result.sources.account_name, 'synonym');
  assert.ok(result.warnings.some((w) => w.includes('no header "Acct Label" for account_name in salesforce.csv')));
});

test('a template with an unknown field is an error', () => {
  assertMappingError(
    () =>
      resolve(['Account Name'], {
        fileName: 'x.csv',
        templates: [{ match: '*.csv', columns: { acount_name: 'Account Name' } }],
      }),
    'unknown_field',
    ['template "*.csv"', 'unknown field acount_name'],
  );
});

// --- exclusion and reuse ---

test('an excluded header is never mapped by synonyms or heuristics', () => {
  const result = resolve(['Id', 'Company', 'Name'], { excludeHeaders: ['Id', 'Company'] });
  assert.equal(result.mapping.account_name, 'Name');
  assert.equal(result.syntheticIds, true);
});

test('a header used for one field is not reused for another', () => {
  // `Customer ID` is both an id synonym and the only header with an id word, but the CLI gave it to account_name.
  const result = resolve(['Customer ID', 'Customer'], { overrides: { account_name: 'Customer ID' } });
  assert.equal(result.mapping.account_name, 'Customer ID');
  assert.equal(result.mapping.account_id, undefined, 'Customer ID is taken, and Customer has no id word');
  const values = Object.values(result.mapping);
  assert.equal(new Set(values).size, values.length);
});
