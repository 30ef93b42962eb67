/**
 * Word pools for one generator run: real brand names (name-suggestion-index extract, see data/NOTICE.md) and
 * faker values drawn once from a seeded faker. Faker costs microseconds per call, so rows sample these pools
 * instead of calling faker (a 1M-row file would otherwise spend most of its time in faker).
 */
import { base, en, en_US, Faker } from '@faker-js/faker';
import brandsFile from './data/brands.json' with { type: 'json' };
import type { Industry } from './vocabulary.js';
import { industryIndex } from './vocabulary.js';

export interface Brand {
  name: string;
  industry: number;
  /** Brands with storefronts (shops, restaurants, banks…) get store numbers when their entity is a chain. */
  storefront: boolean;
}

export interface Place {
  city: string;
  state: string;
  stateCode: string;
  zip: string;
}

export interface Pools {
  brands: readonly Brand[];
  /** Most common US surnames first (for Zipf draws), then faker's list. */
  commonSurnames: readonly string[];
  surnames: readonly string[];
  firstNames: readonly string[];
  cities: readonly string[];
  states: readonly string[];
  counties: readonly string[];
  places: readonly Place[];
  streets: readonly string[];
  fakerCompanies: readonly string[];
  /** Salesforce users: `Account Owner`, `Created By`. */
  users: readonly string[];
  catchPhrases: readonly string[];
  jobTitles: readonly string[];
}

/** The 50 most common US surnames (Census 2010), for realistic token frequencies in `Smith Plumbing`-style names. */
const CENSUS_SURNAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
];

const NON_STOREFRONT =
  /^(power|man_made|landuse|highway|boundary|route|advertising|emergency|telecom|internet_access)\//;

const INDUSTRY_BY_CATEGORY: readonly (readonly [RegExp, Industry])[] = [
  [
    /^amenity\/(fast_food|restaurant|cafe|ice_cream|bar|pub|food_sharing)|^shop\/(bakery|deli|confectionery|beverages|alcohol|wine|coffee|tea|pastry)/,
    'Food & Beverage',
  ],
  [/^amenity\/(bank|atm|money_transfer|payment_terminal)/, 'Banking'],
  [/^office\/(financial|financial_advisor|mortgage|tax_advisor|estate_agent)|^shop\/money_lender/, 'Finance'],
  [/^office\/(insurance|insurance_adjuster)/, 'Insurance'],
  [/^amenity\/(fuel|charging_station)|^power\//, 'Energy'],
  [/^man_made\/(pipeline|works|petroleum_well)/, 'Energy'],
  [
    /^amenity\/(pharmacy|clinic|doctors|dentist|hospital|veterinary)|^healthcare\/|^shop\/(optician|hearing_aids|medical_supply)/,
    'Healthcare',
  ],
  [
    /^amenity\/(school|kindergarten|childcare|college|university|language_school|music_school|prep_school|training)/,
    'Education',
  ],
  [/^amenity\/(post_office|post_depot|parcel_locker|post_box)|^office\/(logistics|moving_company)/, 'Shipping'],
  [/^amenity\/(car_rental|car_sharing|bicycle_rental|motorcycle_rental|parking)/, 'Transportation'],
  [/^tourism\//, 'Hospitality'],
  [/^leisure\/|^amenity\/(cinema|casino)|^club\//, 'Recreation'],
  [/^telecom\/|^office\/telecommunication|^shop\/mobile_phone|^internet_access/, 'Telecommunications'],
  [/^shop\/(clothes|shoes|fashion|bag|boutique)/, 'Apparel'],
  [/^shop\/(electronics|computer)/, 'Electronics'],
  [/^office\/(it|engineer)/, 'Technology'],
  [/^office\/(construction_company)|^craft\//, 'Construction'],
  [/^office\/(consulting|employment_agency|lawyer|company|coworking)/, 'Consulting'],
  [/^advertising\//, 'Media'],
  [/^shop\//, 'Retail'],
  [/^amenity\/(courthouse|police|prison|library)|^office\/government/, 'Government'],
];

function industryForCategory(category: string): number {
  for (const [pattern, industry] of INDUSTRY_BY_CATEGORY) if (pattern.test(category)) return industryIndex(industry);
  return industryIndex('Other');
}

function loadBrands(): Brand[] {
  const { categories, brands } = brandsFile;
  return brands.map(([name, category]) => {
    if (typeof name !== 'string' || typeof category !== 'number') {
      throw new Error('generate: data/brands.json is malformed; rebuild it with tools/extract-brands.ts.');
    }
    const path = categories[category] ?? '';
    return { name, industry: industryForCategory(path), storefront: !NON_STOREFRONT.test(path) };
  });
}

let brandCache: Brand[] | undefined;

function uniqueDraws(draw: () => string, attempts: number): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < attempts; i++) seen.add(draw());
  return [...seen];
}

/** Builds the pools for one run. Deterministic in `seed` (faker is seeded, and is called in a fixed order). */
export function buildPools(seed: number): Pools {
  brandCache ??= loadBrands();
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(seed);
  const location = faker.rawDefinitions.location;
  const states = location?.state ?? [];
  const stateCodes = location?.state_abbr ?? [];
  const cities = location?.city_name ?? [];
  if (states.length === 0 || states.length !== stateCodes.length || cities.length === 0) {
    throw new Error('generate: faker en_US location data is missing states or cities; check the faker version.');
  }
  const surnames = uniqueDraws(() => faker.person.lastName(), 6000);
  const places: Place[] = [];
  for (let i = 0; i < 3000; i++) {
    const s = faker.number.int({ min: 0, max: states.length - 1 });
    const stateCode = stateCodes[s]!;
    places.push({
      city: faker.helpers.arrayElement(cities),
      state: states[s]!,
      stateCode,
      zip: faker.location.zipCode({ state: stateCode }),
    });
  }
  return {
    brands: brandCache,
    commonSurnames: [...CENSUS_SURNAMES, ...surnames.filter((s) => !CENSUS_SURNAMES.includes(s))],
    surnames,
    firstNames: uniqueDraws(() => faker.person.firstName(), 6000),
    cities,
    states,
    counties: (location?.county ?? []).map((c) => c.replace(/ County$/, '')),
    places,
    streets: Array.from({ length: 4000 }, () => faker.location.streetAddress()),
    fakerCompanies: uniqueDraws(() => faker.company.name(), 6000),
    // Salesforce shows users as `First Last`, without the prefixes and suffixes faker's fullName adds.
    users: uniqueDraws(() => `${faker.person.firstName()} ${faker.person.lastName()}`, 36),
    catchPhrases: Array.from({ length: 600 }, () => faker.company.catchPhrase()),
    jobTitles: uniqueDraws(() => faker.person.jobType(), 400),
  };
}
