import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TOKEN_REWRITES } from '../../src/config/default-lists.js';
import { abbreviatedJoin, abbreviationsOf } from '../../src/core/key-tokens.js';

const abbreviations = abbreviationsOf(DEFAULT_TOKEN_REWRITES);
const words = [
  'republic',
  'service',
  'brothers',
  'restaurant',
  'shore',
  'property',
  'management',
  'trucking',
  'acme',
  'ace',
];
const wordId = (text: string): number | undefined => {
  const i = words.indexOf(text);
  return i < 0 ? undefined : i;
};
const abbreviationId = (text: string): number | undefined => {
  const word = abbreviations.get(text);
  return word === undefined ? undefined : wordId(word);
};
const spelt = (word: string): string | null => {
  const found = abbreviatedJoin(word, wordId, abbreviationId);
  return found === null ? null : found.map((id) => words[id]).join(' ');
};

test('abbreviations of the rewrites: shorter than their word, three letters or more, no plurals or ^ forms', () => {
  assert.equal(abbreviations.get('svcs'), 'service');
  assert.equal(abbreviations.get('bros'), 'brothers');
  assert.equal(abbreviations.get('mfg'), 'manufacturing');
  for (const not of ['co', 'stores', 'services', 'centre', '^n', '5']) assert.ok(!abbreviations.has(not), not);
});

test('a word run into an abbreviation spells both words, either side short', () => {
  assert.equal(spelt('republicsvcs'), 'republic service');
  assert.equal(spelt('truckingsvcs'), 'trucking service');
  assert.equal(spelt('shoresvcs'), 'shore service');
  assert.equal(spelt('propertymgmt'), 'property management');
  assert.equal(spelt('brosrestaurant'), 'brothers restaurant');
});

test('two plain words, an unknown part, or a part too short are not an abbreviated join', () => {
  assert.equal(spelt('republicservice'), null, 'the plain joined rule’s');
  assert.equal(spelt('republicsvx'), null);
  assert.equal(spelt('acesvcs'), null, 'a plain word of three letters');
  assert.equal(spelt('acmesvcs'), 'acme service');
  assert.equal(spelt('svcs'), null);
});
