import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLinkedSpellings } from '../../src/core/steward-aliases.js';

const core = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim();

test('a link between two new names is a new entry after the dictionary', () => {
  assert.deepEqual(
    withLinkedSpellings([['UPS', 'United Parcel Service']], [['Kaiser Hospital', 'Kaiser Permanente']], core),
    [
      ['UPS', 'United Parcel Service'],
      ['Kaiser Hospital', 'Kaiser Permanente'],
    ],
  );
});

test('a link naming a spelling of an entry joins that entry, by core, not by text', () => {
  assert.deepEqual(withLinkedSpellings([['UPS', 'United Parcel Service']], [['U.P.S.', 'Brown Trucks']], core), [
    ['UPS', 'United Parcel Service', 'Brown Trucks'],
  ]);
});

test('a link between two entries makes them one, at the place of the first', () => {
  assert.deepEqual(
    withLinkedSpellings(
      [
        ['Alpha', 'Alpha Corp'],
        ['Beta', 'Beta Ltd'],
        ['Gamma', 'Gamma Co'],
      ],
      [['Gamma', 'Alpha Corp']],
      core,
    ),
    [
      ['Alpha', 'Alpha Corp', 'Gamma', 'Gamma Co'],
      ['Beta', 'Beta Ltd'],
    ],
  );
});

test('links chain into one entry; a link within one core or to an empty core adds nothing', () => {
  assert.deepEqual(
    withLinkedSpellings(
      [],
      [
        ['Acme', 'ACME!'],
        ['Acme', '???'],
        ['Kaiser Hospital', 'Kaiser Permanente'],
        ['Kaiser Foundation', 'kaiser hospital'],
      ],
      core,
    ),
    [['Kaiser Hospital', 'Kaiser Permanente', 'Kaiser Foundation']],
  );
});

test('without links the dictionary is unchanged', () => {
  const entries = [
    ['UPS', 'United Parcel Service'],
    ['Walmart', 'Wal-Mart Stores'],
  ];
  assert.deepEqual(withLinkedSpellings(entries, [], core), entries);
});
