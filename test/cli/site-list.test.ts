/**
 * Site lists (issue 10, src/core/site.ts) through the whole pipeline: a guide that lists restaurants by address
 * keeps `The Palm` in Atlanta apart from `The Palm` in Los Angeles, while the same rows exported from Salesforce
 * (a CRM's accounts) put every `The Palm` in one group; in the guide, two names at one address are compared.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { quoteField } from '../../src/input/csv-write.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

const PLACES = [
  'Golden Dragon',
  'Blue Ridge Diner',
  'Harbor Grill',
  'Northside Tavern',
  'Sunrise Cafe',
  'Valley Bistro',
  'Oakwood Bakery',
  'Riverside Smokehouse',
  'Lopez Taqueria',
  'Evergreen Noodle Bar',
  'Coastal Oyster House',
  'Silver Star Diner',
  'Pioneer Pizza',
  'Summit Steakhouse',
  'Mesa Verde Cantina',
  'Kim Korean Barbecue',
  'Metro Deli',
  'Bright Spot Juice',
  'Garcia Kitchen',
  'Precision Coffee Roasters',
  'Union Square Cafe',
  'Lakeside Crab Shack',
];

/** Each place listed twice at its own address (two guides), and `the palm` at two sites, each listed twice. */
function siteRows(): { name: string; address: string }[] {
  const rows = PLACES.flatMap((name, i) => [
    { name, address: `${100 + i} Main St.` },
    { name: name.toLowerCase(), address: `${100 + i} main street` },
  ]);
  rows.push(
    // One site under two names (the school, and the school as its district lists it), and two businesses in one
    // building. The district names several schools, so its words in front are an owner, not another company.
    { name: 'Beidler', address: '3151 W. Walnut' },
    { name: 'Chicago Public Schools Beidler, Jacob', address: '3151 W Walnut Street' },
    { name: 'Chicago Public Schools Thorp, James', address: '8914 S Buffalo Ave.' },
    { name: 'Chicago Public Schools Hay, John', address: '1018 N. Laramie' },
    { name: 'Circus Circus', address: '2880 Las Vegas Blvd. S' },
    { name: 'Steak House', address: '2880 Las Vegas Blvd. S' },
    { name: 'The Palm', address: '9001 Santa Monica Blvd.' },
    { name: 'Palm, The', address: '9001 santa monica blvd' },
    { name: 'The Palm', address: '1833 Peachtree St.' },
    { name: 'Palm (Atlanta)', address: '1833 peachtree st' },
  );
  return rows;
}

async function groupsOf(ids: (i: number) => string): Promise<(pattern: RegExp) => Set<string>> {
  const dir = await tempDir();
  const body = siteRows()
    .map((r, i) => `${ids(i)},${quoteField(r.name)},${quoteField(r.address)}`)
    .join('\n');
  const path = await writeInput(dir, 'sites.csv', `Id,Name,Address\n${body}\n`);
  const { dir: runDir } = await runOn(path, {});
  const rows = await readParquet(join(runDir, 'records.parquet'), 'row_index');
  return (pattern) =>
    new Set(rows.filter((r) => pattern.test(r.account_name as string)).map((r) => r.group_id as string));
}

const siteList = groupsOf((i) => String(i + 1));

test('a site list keeps one name at two house numbers in two groups', async () => {
  assert.equal((await siteList)(/palm/i).size, 2);
});

test('a site list joins two names of one site', async () => {
  assert.equal((await siteList)(/beidler/i).size, 1);
});

test('a site list keeps two unrelated names in one building apart', async () => {
  assert.equal((await siteList)(/^(circus circus|steak house)$/i).size, 2);
});

test('a Salesforce export of the same rows is a CRM: one company at two addresses is one group', async () => {
  // 18-character Salesforce ids: accounts, so the addresses are where a company's accounts are, not who it is.
  const groups = await groupsOf((i) => `001Hs00000${String(i).padStart(5, '0')}AAA`);
  assert.equal(groups(/palm/i).size, 1);
});
