/**
 * Issue 10 golden pairs through the whole pipeline: every class of variation the issue lists ends in one group,
 * every look-alike family of CRM-INTAKE.md stays apart. Each case runs beside the same background of unrelated
 * names, and a spelling the case calls frequent is written several times, as a real file would hold it: the
 * match model reads the data's own frequencies.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { quoteField } from '../../src/input/csv-write.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

type Row = Record<string, unknown>;

const BACKGROUND = [
  'Garcia Landscaping',
  'Blue Ridge Dental Group',
  'Harbor Freight Tools',
  'Northside Auto Body',
  'Sunrise Senior Living',
  'Valley Medical Center',
  'Golden Dragon Restaurant',
  'Oakwood Elementary School',
  'Riverside County',
  'Precision Machining LLC',
  'Summit Roofing Inc',
  'Lopez Trucking',
  'Evergreen Property Management',
  'Coastal Staffing Solutions',
  'Bright Horizons Child Care',
  'Mesa Verde Apartments',
  'Kim & Park CPAs',
  'Metro Transit Authority',
  'Silver Star Cleaning',
  'Pioneer Electric Supply',
  // `the` inside a name, as in most files (normalisation cuts a leading one).
  'Bank of the West',
];

/** `name×n` is the name written n times. */
function expand(spec: readonly string[]): string[] {
  return spec.flatMap((s) => {
    const m = /^(.*)×(\d+)$/.exec(s);
    return m === null ? [s] : Array.from({ length: Number(m[2]) }, () => m[1] as string);
  });
}

async function groupsOf(
  names: readonly string[],
  config: Record<string, unknown> = {},
): Promise<Map<string, Set<string>>> {
  const all = [...names, ...BACKGROUND];
  const dir = await tempDir();
  const body = all.map((name, i) => `N${i + 1},${quoteField(name)}`).join('\n');
  const path = await writeInput(dir, 'names.csv', `Account ID,Account Name\n${body}\n`);
  const { dir: runDir } = await runOn(path, { config });
  const rows: Row[] = await readParquet(join(runDir, 'records.parquet'), 'row_index');
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const name = r.account_name as string;
    let set = out.get(name);
    if (set === undefined) {
      set = new Set();
      out.set(name, set);
    }
    set.add(r.group_id as string);
  }
  return out;
}

const TOGETHER: Record<string, readonly string[]> = {
  'typo in a one-word name': ['Target×5', 'Targget', 'Taget'],
  'typo, letters dropped': ['Walmart×5', 'Walmrt'],
  'typo, Starbcks': ['Starbucks×5', 'Starbcks'],
  'typo, letters swapped': ['Microsoft×4', 'Microsfot'],
  'a letter dropped from a three-letter word of a far more frequent name': ['Chick-fil-A×60', 'Chick-fi-A'],
  'Best By': ['Best Buy×60', 'Best By'],
  'two letters of a three-letter name swapped': ['UPS×9', 'USP×2'],
  'a short word misspelt beside a rare word both names share': ['Diamond Bar Kia×13', 'Diamond Br Kia'],
  'typo in the last word of three': ['Hartley, Owens and Pruitt×2', 'Hartley, Owens and Pruit'],
  'location tails': ['Target×3', 'Target - Mesa', 'Target (Fullerton)', 'Target Nashville', 'Target Corp (main)'],
  // The typo weighs once: token_set_ratio sees no shared word, the similarity over the aligned ones does.
  'a typo and a town on one record': ['Walgreens×40', 'Wallgreens Daytona Beach', 'Walggreens of Perris'],
  'a typo and a town on one record, the town in parentheses': ['Marshalls×30', 'Mrashalls (Oshkosh)'],
  'store number': ['Target×3', 'Target 4075'],
  'a store number, then a town and its state': [
    'Walmart×5',
    'Walmart Store 1234 Mesa AZ',
    'Walmart Supercenter #5512 Fresno CA',
  ],
  'a town after a small company written once': ['Torres Builders×2', 'Torres Builders Galveston'],
  // Nine spellings already in the group: the canopy bound refuses a medium edge, so the town must not cost more.
  "a frequent name's town written without a separator": [
    'AutoZone×30',
    'Autozne',
    'Autozon',
    'Auttozone',
    'Autozoen',
    'Auto Zone',
    'AutoZone Stores',
    'AutoZone Services',
    'AutoZone Group',
    'AutoZone Haverhill',
  ],
  'store number after a legal tail': ['Costco Wholesale×2', 'Costco Wholesale #482'],
  // `target 60` / `target stores 86` differ only by their numbers, but each is a one-off: no veto on the two groups.
  'one-off store numbers do not keep two spellings of a chain apart': [
    'Target×12',
    'Target 60',
    'Target Store×6',
    'Target Stores 86',
  ],
  'supercenter number': ['Walmart Supercenter×2', 'Walmart Supercenter #99'],
  Intl: ['International Paper×2', 'Intl Paper'],
  Natl: ['National Van Lines×2', 'Natl Van Lines'],
  Svcs: ['Acme Services×2', 'Acme Svcs'],
  Mfg: ['Acme Manufacturing×2', 'Acme Mfg'],
  Bros: ['Warner Brothers×2', 'Warner Bros'],
  'St for Saint': ['Saint Louis Staffing×3', 'St. Louis Staffing×2', 'ST. LOUIS STAFFING, INC'],
  'number word 5 / Five': ['Five Star Plumbing×2', '5 Star Plumbing'],
  'a direction abbreviated inside a name': ['First North Star Financial×6', 'First N Star Financial×4'],
  'a direction abbreviated after of': ['Dodge of East Hartford×6', 'Dodge of E Hartford×4'],
  'number word 1st / First': ['First Choice Dental×2', '1st Choice Dental'],
  'dotted initials': ['ABC Company×2', 'A.B.C. Company'],
  'dotted acronym alone': ['UPS×2', 'U.P.S.'],
  'initials with a missing dot': ['LXC Aviation×2', 'L.X.C Aviation'],
  'hyphen and space in a word': ['Walmart×3', 'Wal-Mart', 'Wal Mart'],
  'words joined': ['Home Depot×2', 'HomeDepot'],
  'a plural run into the word before it': ['Veum Cleaning Services×4', 'Veum CleaningServices'],
  // A chain of many spellings, so a medium edge cannot join its group (the canopy bound): only a high one does.
  'a misspelt The in front of a frequent name': [
    ...['Publix×40', 'Publix Super Markets×3', 'Pubix', 'Pulbix', 'Publx', 'Publix Stores', 'Publix #12'],
    ...['Pubilx', 'Puublix', 'Publlix', 'Publixx', 'Publix Nashville', 'Publix Tampa'],
    ...['Thw Publix', 'Teh Publix'],
  ],
  // The group's centre is `starbucks`: the joined word must agree with it, not only with `starbucks coffee`.
  'a frequent name run into its generic tail': ['Starbucks×5', 'Starbucks Coffee', 'StarbucksCoffee'],
  // `wlgreen` is one letter from `walgreen`, a spelling intake repeats, and two from the centre `walgreens`.
  'a typo of a repeated second spelling': ['Walgreens×40', 'Walgreen×6', 'Wlgreen'],
  'word split': ['FedEx×2', 'Fed Ex'],
  'a word run into The': ['Home Depot×5', 'TheHome Depot'],
  // Blocking meets the two through `harmon`: a joined word with a typo has no block of its own.
  'words joined with a typo in them': ['Harmon Electric Supply×5', 'Harmon ElectircSupply'],
  'a typo of an abbreviation (Intl)': ['Axio International×5', 'Axio Inlt'],
  'Good Will': ['Goodwill×2', 'Good Will'],
  'short form labs': ['Albuquerque Laboratories×2', 'Albuquerque Labs'],
  'short form equip': ['Sunstate Equipment×3', 'Sunstate Equip'],
  'a legal form written in full with a typo': ['Quill Corporation', 'Quill Corportion', 'Quill Incorperated'],
  'a legal form typed into the last word': ['Clark Bakery LLC×2', 'Clark Bakeryllc'],
  'a word run into an abbreviation': ['Ridgeway Trucking Services×3', 'Ridgeway TruckingSvcs'],
  'an abbreviation run into a word': ['Okafor Brothers Restaurant×2', 'Okafor BrosRestaurant'],
  'underscore inside a word': ['Becker Plumbing×2', 'Bec_ker Plumbing'],
  'generic tail': ['Starbucks×5', 'Starbucks Coffee Company'],
  'a name written as its web site': ['Overstock×3', 'Overstock.com'],
  'a tail written twice on a far more frequent brand': ['Bluebikes×40', 'Bluebikes Rentals×2'],
  'generic tail of two words': ['Allied Universal×4', 'Allied Universal Security Services'],
  'alias UPS': ['UPS×3', 'United Parcel Service'],
  'alias FedEx': ['FedEx×3', 'Federal Express'],
  // The dictionary's real spellings: the bare acronym, the company's former name, its W-2 employer in California.
  'alias CVS': ['CVS Pharmacy×4', 'CVS×2', 'CVS Caremark', 'Garfield Beach CVS LLC'],
  'alias Amazon': ['Amazon×4', 'Amazon Logistics', 'Golden State FC LLC'],
  // Not in the alias dictionary: the file writes both, the acronym no more often than the name.
  'an acronym the data supports': ['Jack in the Box×8', 'JITB×4', 'Jack in teh Box'],
  'legal form in full': ['Siemens AG', 'Siemens Aktiengesellschaft'],
  'undotted legal forms': ['MIKO NV', 'Miko'],
  'SpA dotted': ['Giglio Group SpA', 'Giglio Group S.p.A.'],
  'a bank undotted NA': ['Bank of America×3', 'Bank of America NA'],
  'two Nordic forms': ['Wartsila Oyj Abp', 'Wartsila'],
  'leading legal form': ['AB Volvo', 'Volvo'],
  'HTML entity': ['AT&T×2', 'AT&amp;T'],
  'list mark without a space': ['Amazon×2', '1.Amazon'],
  'truncated at 28 characters': ['Hartley Owens Pruitt Construction Company', 'Hartley Owens Pruitt Constru'],
  'truncated after a word that cannot end a name': [
    'West Virginia Division of Natural Resources×4',
    'West Virginia Division of ',
  ],
  'truncated after the first letter of a word, the words after it lost': [
    'Colorado Springs Medical Center Group×4',
    'Colorado Springs Medical C',
  ],
  'the Walmart family of the sample': ['Walmart×4', 'Wal-Mart Stores, Inc.', 'Walmrt', 'Walmart - Mesa'],
  // A store number on a head: intake may repeat it, but far less often than the head.
  'a repeated store number on a far more frequent name': ['Target×40', 'Target 9×3'],
  // A misspelt `and` is no word added inside the name.
  "a misspelt 'and' inside the name": [
    'Satterfield and Vandervort Law Group×5',
    'Satterfield qnd Vandervort Law Group',
  ],
  'intake notes naming the document, or unsure': ['AutoZone×3', 'Per W-2: AutoZone', 'AutoZone - client not sure'],
  'an intake note before a trailing period': ['Kroger×3', 'Kroger - per client.'],
  // A town right behind a store number; a town intake writes with `St.` where the gazetteer has `Saint`.
  'a store number and a town': ['Costco Wholesale×5', 'Costco Wholesale #482 Fullerton', 'Costco Wholesale #33 Rogers'],
  'a town written St.': ['Kroger×5', 'Kroger - St. Paul', 'Kroger, Ft. Worth'],
};

const APART: Record<string, readonly [readonly string[], readonly string[]]> = {
  'Green / Greene Seafood': [['Green Seafood×3'], ['Greene Seafood×3']],
  'Buena Park Honda / Toyota': [['Buena Park Honda×2'], ['Buena Park Toyota×2']],
  'Honda / Hyundai of Serramonte': [['Honda of Serramonte×2'], ['Hyundai of Serramonte×2']],
  'Pacific Coast Roofing / Plumbing': [['Pacific Coast Roofing×2'], ['Pacific Coast Plumbing×2']],
  'ABC / ABD Staffing': [['ABC Staffing×2'], ['ABD Staffing×2']],
  'AB / ABC Staffing at similar frequency': [['ABC Staffing×3'], ['AB Staffing×2']],
  'First American Title / Financial': [['First American Title×2'], ['First American Financial×2']],
  'Garcia / Garza Plumbing': [['Garcia Plumbing×2'], ['Garza Plumbing×2']],
  'Smith & Sons / Smith Brothers Construction': [['Smith & Sons×2'], ['Smith Brothers Construction×2']],
  'East / West Coast': [['East Coast Roofing×2'], ['West Coast Roofing×2']],
  '1-800 Plumber / Radiator': [['1-800 Plumber×2'], ['1-800 Radiator×2']],
  'City / County of Mesa': [['City of Mesa×2'], ['County of Mesa×2']],
  // A typo of city is no typo of a short form of county (none is in the rewrites: `cnty` would read `cjty` so).
  'City / County of Hancock, typos beside them': [
    ['City of Hancock×16', 'Cjty of Hancock', 'Ciity of Hancock'],
    ['County of Hancock×24', 'Cunty of Hancock'],
  ],
  'Tesla / Tesla Electric': [['Tesla×3'], ['Tesla Electric×3']],
  'Kaiser Permanente / Kaiser Roofing': [['Kaiser Permanente×3'], ['Kaiser Roofing×2']],
  'Tesla (Motors) / Tesla Electric': [['Tesla×3', 'Tesla Motors'], ['Tesla Electric×2']],
  'Fund II / Fund III': [['Sequoia Fund II×2'], ['Sequoia Fund III×2']],
  'Fund I / Fund II': [['Sequoia Fund I×2'], ['Sequoia Fund II×2']],
  'a dealership named by its place / the brand': [['Infiniti×6'], ['Dubuque Infiniti']],
  'South Bay / East Bay College District': [['South Bay College District×2'], ['East Bay College District×2']],
  'a shorter name that ends others is not their hub': [
    ['Peter Luger Steak House', 'Sparks Steak House'],
    ['Steak House×2'],
  ],
  'American Title / First American Title': [['First American Title×2'], ['American Title×2']],
  'an acronym and a rarer name with its initials': [['CVS×6'], ['Castro Valley Staffing×3']],
  // A restaurant named by its town, repeated by intake, is no town tail of the plain name (its `Inc` key ×1 was).
  'a name and its town, each repeated': [
    ['Biergarten×10', 'Biergarten Dothan×2'],
    ['Biergarten Apex×12', 'Biergarten Apex Inc'],
  ],
  // The two score medium on the words they share; the town intake repeats makes the second a dealership of its own.
  'a brand and its dealership named by a town': [
    ['Mercedes Benz×10'],
    ['Mercedes Benz of Elk Grove×8', 'Mercedes Benz of Ellk Grove'],
  ],
  // CRM names vary by their tail: a word inside the name makes another company, even beside a frequent spelling.
  'a word inside the name (& Sons)': [
    ['Garcia Staffing×8'],
    ['Garcia & Sons Staffing×4', 'Garcia and Sons Staffing Inc'],
  ],
  // Numbered siblings that intake repeats about as often are two companies (`Fund II` / `Fund III` in words).
  'numbered siblings of similar counts': [
    ['Los Angeles Bakery×6'],
    ['Los Angeles Bakery 9×5', 'Los Angeles Bakery 9 Inc'],
  ],
  'numbered siblings on both sides': [['Silver Star Staffing 6×5'], ['Silver Star Staffing 7×4']],
  // `smith` starts many names, `smyth` few, but the two names are written about as often: two companies, which a
  // one-off spelling near both (`SmythHeating`) must not chain.
  'rival spellings of similar counts, a one-off between them': [
    ['Smith Heating and Air×6', 'Smith Roofing×5', 'Smith Dental×5', 'Smith Realty×4'],
    ['Smyth Heating and Air×5', 'SmythHeating and Air'],
  ],
  // A small company named after a brand, repeated by intake, is no tail of the brand unless the brand is twenty times
  // its size (`comparison.repeated_tail_ratio`); a one-off tail still is (`Starbucks Coffee`).
  'a brand and a trade named after it, each repeated': [['Bluebikes×40', 'Bluebikes Stores'], ['Bluebikes Welding×4']],
  'siblings named by their towns': [
    ['Biergarten Apex×12'],
    ['Biergarten Rancho Cordova×11', 'Biergarten Rancho Cordova LLC'],
  ],
};

for (const [label, spec] of Object.entries(TOGETHER)) {
  test(`together (${label}): ${[...new Set(expand(spec))].join(' / ')}`, async () => {
    const names = expand(spec);
    const groups = await groupsOf(names);
    const ids = new Set(names.flatMap((n) => [...(groups.get(n) ?? [])]));
    assert.equal(
      ids.size,
      1,
      `expected one group, got ${ids.size}: ${[...new Set(names)].map((n) => `${n} → ${[...(groups.get(n) ?? [])].join('+')}`).join('; ')}`,
    );
  });
}

/** No name of `right` lands in a group of a name of `left`. */
async function assertApart(
  left: readonly string[],
  right: readonly string[],
  config: Record<string, unknown> = {},
): Promise<void> {
  const a = expand(left);
  const b = expand(right);
  const groups = await groupsOf([...a, ...b], config);
  const ga = new Set(a.flatMap((n) => [...(groups.get(n) ?? [])]));
  for (const n of b) for (const g of groups.get(n) ?? []) assert.ok(!ga.has(g), `${n} joined ${a[0]}`);
}

for (const [label, [left, right]] of Object.entries(APART)) {
  test(`apart: ${label}`, () => assertApart(left, right));
}

describe('trade names the file declares (`matching.clause_aliases`, off by default: SPEC §7.2)', () => {
  const on = { matching: { clause_aliases: { enabled: true } } };
  const declared = [
    'Quickfix Drain Services×3',
    'Ridgeline Holdings LLC×2',
    'Ridgeline Holdings LLC dba Quickfix Drain Services',
  ];
  const groupCount = (groups: Map<string, Set<string>>, names: readonly string[]): number =>
    new Set(names.flatMap((n) => [...(groups.get(n) ?? [])])).size;

  test('on: both names, written alone, join the record that says they are one employer', async () => {
    const names = expand(declared);
    assert.equal(groupCount(await groupsOf(names, on), names), 1);
  });

  test('off: the trade name stays in its own group (the alias stage reports the match for a steward)', async () => {
    const names = expand(declared);
    assert.equal(groupCount(await groupsOf(names), names), 2);
  });

  const apart: Record<string, readonly [readonly string[], readonly string[]]> = {
    // A franchisee doing business as a chain works for the franchisee, not for every store of the chain.
    'a franchisee doing business as a chain': [
      ['Taco Palace×160'],
      ['Jrn Restaurant Group LLC×2', 'Jrn Restaurant Group LLC dba Taco Palace'],
    ],
    // A trade name that is one word many companies start with names none of them.
    'a trade name many companies start with': [
      ['Taqueria×4', 'Taqueria Jalisco×2', 'Taqueria Ramirez', 'Taqueria Oaxaca'],
      ['Lotus Holdings LLC×2', 'Lotus Holdings LLC dba Taqueria'],
    ],
  };
  for (const [label, [left, right]] of Object.entries(apart)) {
    test(`on, still apart: ${label}`, () => assertApart(left, right, on));
  }
});

test('an abbreviation the file teaches (Const, seen beside Construction in three names) joins its full form, and only that', async () => {
  const pairs = ['Jones', 'Burke', 'Wright & Sons'].map((head) => [`${head} Construction`, `${head} Const`] as const);
  const groups = await groupsOf(pairs.flatMap(([full, short]) => [full, full, short]));
  const groupOf = (name: string): string => [...(groups.get(name) ?? [])].join('+');
  for (const [full, short] of pairs) assert.equal(groupOf(short), groupOf(full), `${short} joins ${full}`);
  assert.notEqual(groupOf('Jones Construction'), groupOf('Burke Construction'));
});

test('a location tail is kept in records.parquet as name_location, a store number as name_unit', async () => {
  const dir = await tempDir();
  const names = ['Target', 'Target - Mesa', 'Costco Wholesale #482'];
  const body = names.map((name, i) => `N${i + 1},${quoteField(name)}`).join('\n');
  const path = await writeInput(dir, 'names.csv', `Account ID,Account Name\n${body}\n`);
  const { dir: runDir } = await runOn(path, {});
  const rows: Row[] = await readParquet(join(runDir, 'records.parquet'), 'row_index');
  assert.equal(rows[1]?.name_location, 'mesa');
  assert.equal(rows[1]?.name_core, 'target');
  assert.equal(rows[2]?.name_unit, '482');
  assert.equal(rows[0]?.name_location, null);
});
