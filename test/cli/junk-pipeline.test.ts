/**
 * Issue 11 end to end through the pipeline: junk and multi-name records never reach a merge plan, the cases of the
 * original project's public 200-row intake sample, hints and activity, and mentions of a multi-name record's names.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { quoteField } from '../../src/input/csv-write.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

/** [account name, copies, Last Activity Date]. */
const ROWS: [string, number, string?][] = [
  ['ABM Janitorial', 3],
  ['Hemet Valley Medical Center', 2],
  ['Nissani Bros', 2],
  ['Russell Westbrook CDJR', 2],
  ['1.ABM Janitorial 2.Hemet Valley Medical Center', 1],
  ['1:Nissani Bros 2: Russell Westbrook CDJR', 1],
  ['1. ABM Janitorial 2. Nissani Bros', 2],
  ['Globex Corp', 2],
  ['Globex Corp (DO NOT USE)', 1],
  ['1099 PNC', 1],
  ['1099, no paystubs', 1],
  ['Unknown', 3],
  ['self-employed', 2],
  ['$18/hr', 2],
  ['51-200 employees', 1],
  ['See case notes', 2],
  ['17707 Euclid Way, Upland, CA 94025', 1],
  ['not sure - warehouse', 2],
  ['555-123-4567', 1, '2024-05-01'],
  ['555-987-6543', 1],
  ['Test Kitchen', 2],
  ['12050 Harbor Blvd LLC', 2],
  ['Kelly Temporary Services', 2],
  ['Not Sure Tavern', 1],
];

let records: Map<string, Record<string, unknown>[]>;
let aliasMatches: Record<string, unknown>[];

before(async () => {
  const dir = await tempDir('junction-junk-');
  const lines = ['Account ID,Account Name,Last Activity Date'];
  let id = 0;
  for (const [name, copies, activity] of ROWS) {
    for (let k = 0; k < copies; k++)
      lines.push(`A${String(++id).padStart(4, '0')},${quoteField(name)},${activity ?? ''}`);
  }
  const input = await writeInput(dir, 'intake.csv', `${lines.join('\n')}\n`);
  const { dir: runDir } = await runOn(input);
  records = new Map();
  for (const r of await readParquet(join(runDir, 'records.parquet'), 'row_index')) {
    const list = records.get(r.account_name as string) ?? [];
    list.push(r);
    records.set(r.account_name as string, list);
  }
  aliasMatches = await readParquet(join(runDir, 'alias_matches.parquet'));
});

const of = (name: string): Record<string, unknown>[] => {
  const list = records.get(name);
  assert.ok(list !== undefined, `no record named ${name}`);
  return list;
};
const outcome = (name: string): string[] =>
  of(name).map((r) => `${r.disposition} ${r.disposition_reason} size ${r.group_size}`);

describe('the public 200-row intake sample (issue 11)', () => {
  for (const name of ['1.ABM Janitorial 2.Hemet Valley Medical Center', '1:Nissani Bros 2: Russell Westbrook CDJR']) {
    test(`${name} is Verify and grouped with nothing`, () => {
      assert.deepEqual(outcome(name), ['Verify multiple_names size 1']);
      assert.equal(of(name)[0]?.name_class, 'multi');
    });
  }
  test('Globex Corp (DO NOT USE) is a blacklist hit', () => {
    const [r] = of('Globex Corp (DO NOT USE)');
    assert.deepEqual(r?.blacklist_terms, ['do not use']);
    assert.equal(r?.disposition, 'Verify');
    assert.equal(r?.disposition_reason, 'blacklist_term_in_name');
  });
  test('1099 PNC and 1099, no paystubs get the same outcome', () => {
    assert.deepEqual(outcome('1099 PNC'), ['Delete junk_name size 1']);
    assert.deepEqual(outcome('1099, no paystubs'), ['Delete junk_name size 1']);
    assert.match(of('1099 PNC')[0]?.disposition_reason_text as string, /a fact about the job/);
  });
});

describe('junk never shares a group, not even with identical junk', () => {
  for (const name of ['Unknown', 'self-employed', '$18/hr', 'See case notes']) {
    test(name, () => {
      const rows = of(name);
      assert.ok(rows.length >= 2);
      for (const r of rows) {
        assert.equal(r.name_class, 'junk');
        assert.equal(r.group_size, 1);
        assert.equal(r.disposition, 'Delete');
      }
    });
  }
  test('the reason names the kind and what showed it', () => {
    assert.equal(of('$18/hr')[0]?.disposition_reason_text, 'not a company name: a pay or money amount: "$18/hr"');
    assert.equal(
      of('17707 Euclid Way, Upland, CA 94025')[0]?.disposition_reason_text,
      'not a company name: a street address: "17707 Euclid Way, Upland, CA 94025"',
    );
  });
  test('a hint with no name is Verify, never Delete, and not grouped', () => {
    assert.deepEqual(outcome('not sure - warehouse'), ['Verify name_hint size 1', 'Verify name_hint size 1']);
  });
  test('a contact detail is Delete, or Verify when the record has activity', () => {
    assert.deepEqual(outcome('555-987-6543'), ['Delete junk_name size 1']);
    assert.deepEqual(outcome('555-123-4567'), ['Verify junk_with_activity size 1']);
    assert.match(of('555-123-4567')[0]?.disposition_reason_text as string, /"Last Activity Date"/);
  });
});

describe('traps stay companies and group as companies', () => {
  for (const name of ['12050 Harbor Blvd LLC', 'Kelly Temporary Services', 'Test Kitchen']) {
    test(name, () => {
      for (const r of of(name)) {
        assert.equal(r.name_class, 'usable');
        assert.equal(r.group_size, 2);
        assert.notEqual(r.disposition, 'Delete');
      }
    });
  }
  test('Not Sure Tavern is a company (Verify for its blacklist term, never Delete)', () => {
    assert.deepEqual(outcome('Not Sure Tavern'), ['Verify blacklist_term_in_name size 1']);
  });
});

describe('mentions: the groups each name of a multi-name record matches', () => {
  test('every name part is looked up, and two identical multi-name records stay apart', () => {
    const [multi] = of('1.ABM Janitorial 2.Hemet Valley Medical Center');
    const mentions = aliasMatches.filter((m) => m.account_id === multi?.account_id);
    const abm = of('ABM Janitorial')[0]?.group_id;
    const hemet = of('Hemet Valley Medical Center')[0]?.group_id;
    assert.deepEqual(
      mentions.map((m) => [m.alias, m.alias_source, m.matched_group_id, m.score]),
      [
        ['ABM Janitorial', 'mention', abm, 100],
        ['Hemet Valley Medical Center', 'mention', hemet, 100],
      ],
    );
    assert.deepEqual(outcome('1. ABM Janitorial 2. Nissani Bros'), [
      'Verify multiple_names size 1',
      'Verify multiple_names size 1',
    ]);
  });
  test('mentions do not mark a record as matching another group by alias', () => {
    assert.equal(of('1:Nissani Bros 2: Russell Westbrook CDJR')[0]?.alias_matches_other_group, false);
  });
});
