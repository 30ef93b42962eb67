import { readFileSync } from 'node:fs';
import { faker } from '@faker-js/faker';
import { createNormaliser } from './src/core/normalise/index.js';
import { DEFAULT_NORMALISE_OPTIONS } from './test/unit/normalise-options.js';

faker.seed(7);
const suffixes = ['', '', '', ' Inc', ', Inc.', ' LLC', ' L.L.C.', ' Corp', ' Co.', ' Ltd', ' Company', ' Corporation'];
const extras = [
  () => '',
  () => '',
  () => '',
  () => '',
  () => '',
  () => '',
  () => ` #${faker.number.int({ min: 1, max: 9999 })}`,
  () => ` Store ${faker.number.int({ min: 1, max: 9999 })}`,
  () => ' (California)',
  () => ` dba ${faker.company.name()}`,
  () => ` (${faker.company.name()})`,
  () => `; ${faker.company.name()}`,
];
const names: string[] = [];
for (let i = 0; i < 200_000; i++) {
  const base = i % 7 === 0 ? faker.person.lastName() + ' ' + faker.commerce.department() : faker.company.name();
  const extra = i % 20 === 0 ? (faker.helpers.arrayElement(extras) as () => string)() : '';
  names.push(base + faker.helpers.arrayElement(suffixes) + extra);
}
const pat = readFileSync('/work/shared/data/patstat_reference.csv', 'utf8').split('\n').slice(1).map((l) => l.split(',').slice(2).join(','));
const rest = readFileSync('/work/shared/data/restaurants.csv', 'utf8').split('\n').slice(1).map((l) => l.split('"')[1] ?? '');
const real = [...pat, ...rest].filter((s) => s.length > 0);

const normalise = createNormaliser(DEFAULT_NORMALISE_OPTIONS);
function run(label: string, list: string[], reps: number) {
  let sink = 0;
  for (let r = 0; r < 2; r++) for (const n of list) sink += normalise(n).name_core.length; // warm-up
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) for (const n of list) sink += normalise(n).name_core.length;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${label}: ${list.length * reps} names in ${ms.toFixed(0)} ms → ${Math.round((list.length * reps) / (ms / 1000)).toLocaleString()} names/s (sink ${sink})`);
}
console.log(names.slice(0, 8));
const slow = names.filter((n) => /[(;/]| dba /.test(n)).length;
console.log(`structured (slow-path) share: ${((100 * slow) / names.length).toFixed(1)}%`);
run('synthetic CRM-like', names, 5);
run('patstat+restaurants', real, 100);
