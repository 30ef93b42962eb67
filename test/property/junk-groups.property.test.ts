/**
 * Issue 11, as a property through the whole pipeline (seeded; the seed is printed): on a generated export mixed with
 * junk and multi-name records of every CRM-INTAKE shape, no junk or multi-name record ever shares a group — not with
 * a company, not with identical junk — every such record is found (junk → Delete or Verify, multi → Verify), and no
 * company record is marked Delete.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { generateDataset } from '../../src/generate/index.js';
import { quoteField } from '../../src/input/csv-write.js';
import { readCsvObjects, readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

const SEED = 20261204;
const RUNS = 3;
const GENERATED_ROWS = 700;
const INJECTED_JUNK = 90;
const INJECTED_MULTI = 30;

const digits = (n: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${n - 1}}$`));
const cased = (text: string) =>
  fc.constantFrom(
    text,
    text.toUpperCase(),
    text.toLowerCase(),
    text.replace(/\b\w/g, (c) => c.toUpperCase()),
  );

const placeholder = fc
  .constantFrom(
    'Unknown',
    'N/A',
    '#N/A',
    'NULL',
    'TBD',
    'none',
    'idk',
    'xx',
    'test',
    'do not use',
    'client not sure',
    "client doesn't remember",
    'employer name needed',
    'see case notes',
    'wrong account',
    'same',
    'LLC',
    'Inc.',
    'company',
    'employer',
    'self-employed',
    'cash job',
    'paid cash, no stubs',
    '1099, no paystubs',
    '1099 PNC',
    'staffing agency',
    'private household',
    'PNC is not sure',
  )
  .chain(cased)
  .chain((text) => fc.constantFrom(text, `1. ${text}`, `${text} - per client`, `(${text})`));

const phone = fc
  .tuple(digits(3), digits(3), fc.stringMatching(/^[0-9]{4}$/))
  .chain(([a, b, c]) =>
    fc.constantFrom(
      `(${a}) ${b}-${c}`,
      `${a}-${b}-${c}`,
      `${a}.${b}.${c}`,
      `${a}${b}${c}`,
      `+1 ${a} ${b} ${c}`,
      `1-${a}-${b}-${c}`,
      `${b}-${c}`,
      `Tel: ${a}-${b}-${c}`,
      `${a}-${b}-${c} ext 12`,
    ),
  );
const email = fc
  .tuple(fc.stringMatching(/^[a-z]{2,8}$/), fc.stringMatching(/^[a-z]{2,8}$/), fc.constantFrom('com', 'net', 'org'))
  .map(([user, host, tld]) => `${user}.x@${host}.${tld}`);
const web = fc
  .stringMatching(/^[a-z]{3,10}$/)
  .chain((host) => fc.constantFrom(`www.${host}.com`, `https://${host}.com/jobs`));
const money = fc
  .tuple(
    fc.integer({ min: 9, max: 1500 }),
    fc.constantFrom('/hr', ' per week', ' per', ' an hour', '/month', ' hourly'),
  )
  .chain(([amount, period]) => fc.constantFrom(`$${amount}${period}`, `${amount}${period}`, `$${amount}`));
const headcount = fc
  .tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 501, max: 5000 }))
  .chain(([a, b]) => fc.constantFrom(`${a}-${b} employees`, `${a} employees`, `${b}+ staff`));
const address = fc
  .tuple(
    fc.integer({ min: 1, max: 99999 }),
    fc.constantFrom('Euclid', 'Main', 'Harbor', 'Oak', 'Martin Luther King', '5th'),
    fc.constantFrom('Way', 'St', 'Street', 'Ave', 'Blvd', 'Rd', 'Dr', 'Lane'),
    fc.constantFrom('', ', Upland, CA 94025', ' Suite 200', ', Boston MA', ' 91786'),
  )
  .map(([n, street, suffix, tail]) => `${n} ${street} ${suffix}${tail}`);
const hint = fc
  .tuple(fc.constantFrom('not sure', 'unknown', 'idk'), fc.constantFrom('warehouse', 'daycare', 'restaurant', 'farm'))
  .chain(([note, place]) => fc.constantFrom(`${note} - ${place}`, `${note} (${place})`));
const junkName = fc.oneof(placeholder, phone, email, web, money, headcount, address, hint);

/** A multi-name shape around company names (names that start with a letter, so tight marks stay marks). */
function multiName(names: readonly string[]) {
  return fc
    .tuple(fc.constantFrom(...names), fc.constantFrom(...names), fc.constantFrom(...names))
    .filter(([a, b]) => a.toLowerCase() !== b.toLowerCase())
    .chain(([a, b, c]) =>
      fc.constantFrom(
        `(1) ${a}; (2) ${b}`,
        `(1) ${a} (2) ${b}`,
        `1. ${a} 2. ${b}`,
        `1.${a} 2.${b}`,
        `1: ${a} 2: ${b}`,
        `1) ${a} 2) ${b} 3) ${c}`,
        `(1st issue: ${a}) (2nd issue: ${b})`,
        `${a} / ${b}`,
        `(previous issue) ${a} / ${b} (new issue)`,
        `${a}; ${b}`,
      ),
    );
}

test(`no junk or multi-name record ever shares a group (seed ${SEED})`, async () => {
  console.log(`junk-groups property: seed ${SEED}, ${RUNS} runs`);
  for (let run = 0; run < RUNS; run++) {
    const seed = SEED + run;
    const dir = await tempDir('junction-junk-prop-');
    const generated = join(dir, 'generated.csv');
    const truthFile = join(dir, 'truth.csv');
    await generateDataset({ rows: GENERATED_ROWS, seed, out: generated, truth: truthFile });
    const truthRows = await readCsvObjects(truthFile);
    const truth = new Map(truthRows.map((t) => [t.account_id as string, t.kind as string]));
    const entityOf = new Map(truthRows.map((t) => [t.account_id as string, t.entity_id as string]));
    const rows = await readCsvObjects(generated);
    // One name per company: two spellings of one company (`ACME INC / Acme`) are not several employers.
    const seenEntities = new Set<string>();
    const firstOfEntity = (id: string): boolean => {
      const entity = entityOf.get(id) ?? id;
      if (seenEntities.has(entity)) return false;
      seenEntities.add(entity);
      return true;
    };
    const companies = rows
      .filter((r) => truth.get(r['Account ID'] as string) === 'company' && firstOfEntity(r['Account ID'] as string))
      .map((r) => (r['Account Name'] as string).trim())
      .filter((name) => /^[A-Za-z][A-Za-z'&., -]{2,40}$/.test(name) && !/\b(?:dba|aka)\b/i.test(name));
    const injectedJunk = fc.sample(junkName, { seed, numRuns: INJECTED_JUNK });
    const injectedMulti = fc.sample(multiName(companies), { seed, numRuns: INJECTED_MULTI });
    const header = (await readFile(generated, 'utf8')).split(/\r?\n/, 1)[0] as string;
    const columns = header.split(',');
    const extra = [...injectedJunk.map((name) => ['junk', name]), ...injectedMulti.map((name) => ['multi', name])];
    const lines = extra.map(([, name], k) =>
      columns
        .map((c) =>
          c === 'Account ID'
            ? `X${seed}${String(k).padStart(5, '0')}`
            : c === 'Account Name'
              ? quoteField(name as string)
              : '',
        )
        .join(','),
    );
    const text = `${(await readFile(generated, 'utf8')).trimEnd()}\r\n${lines.join('\r\n')}\r\n`;
    const input = await writeInput(dir, 'mixed.csv', text);
    const { dir: runDir } = await runOn(input);
    const records = await readParquet(join(runDir, 'records.parquet'), 'row_index');
    const injected = new Map(extra.map(([kind], k) => [`X${seed}${String(k).padStart(5, '0')}`, kind as string]));
    const where = (r: Record<string, unknown>) => `seed ${seed}: ${JSON.stringify(r.account_name)}`;
    for (const r of records) {
      const id = r.account_id as string;
      if (r.name_class === 'junk' || r.name_class === 'multi') assert.equal(r.group_size, 1, `grouped ${where(r)}`);
      const kind = injected.get(id) ?? truth.get(id);
      if (kind === 'junk') {
        // The generator's junk includes bare punctuation (`?`, `-`): unusable, which is Verify.
        const expected = injected.has(id) ? ['junk'] : ['junk', 'unusable'];
        assert.ok(expected.includes(r.name_class as string), `${r.name_class}, not junk: ${where(r)}`);
        assert.ok(r.disposition === 'Delete' || r.disposition === 'Verify', `${r.disposition} ${where(r)}`);
        assert.equal(r.group_size, 1, `junk grouped ${where(r)}`);
      } else if (kind === 'multi') {
        assert.equal(r.disposition, 'Verify', `${r.disposition} ${where(r)}`);
        assert.equal(r.group_size, 1, `multi grouped ${where(r)}`);
      } else {
        assert.notEqual(r.disposition, 'Delete', `company marked Delete ${where(r)}`);
      }
    }
  }
});
