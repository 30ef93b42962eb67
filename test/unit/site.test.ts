import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  houseNumberOf,
  keySitesOf,
  NO_SITE,
  readsAsSiteList,
  shareSite,
  siteAgreement,
  siteKeyOf,
  sitePairs,
} from '../../src/core/site.js';

test('the house number is the number that starts an address', () => {
  assert.equal(houseNumberOf('435 S. La Cienega Blvd.'), 435);
  assert.equal(houseNumberOf('293-B Peachtree Rd.'), 293);
  assert.equal(houseNumberOf('#12 Main St'), 12);
  assert.equal(houseNumberOf(' "12224 ventura blvd."'), 12224);
  assert.equal(houseNumberOf('27 Washington Oak Park IL 60302'), 27);
});

test('an address that does not start with a house number has none', () => {
  for (const address of ['', 'in central park at 67th st.', 'Suite 200, 100 Main St', 'b peachtree rd.', '3.5 miles N'])
    assert.equal(houseNumberOf(address), NO_SITE, address);
});

test('site agreement: per name, the share of its record pairs at one house number, averaged over names', () => {
  // Name 0: three records at 10 (3 pairs, all agree). Name 1: 5, 6 (1 pair, none agree). Name 2: one record.
  // Name 3: 7, 7 and one without a house number (1 pair with both, agrees). Record 8 takes no part.
  const keyOf = Int32Array.of(0, 0, 0, 1, 1, 2, 3, 3, -1, 3);
  const site = Int32Array.of(10, 10, 10, 5, 6, 9, 7, 7, 7, NO_SITE);
  const agreement = siteAgreement(keyOf, site);
  assert.equal(agreement.names, 3);
  assert.equal(agreement.share, (1 + 0 + 1) / 3);
});

test('site agreement: one name held by many records counts as one name', () => {
  const keyOf = Int32Array.from([...Array(1000).fill(0), 1, 1, 2, 2]);
  const site = Int32Array.from([...Array(1000).fill(4), 1, 2, 3, 5]);
  assert.equal(siteAgreement(keyOf, site).share, 1 / 3);
});

test('a file reads as a site list only by its own evidence, never when its ids are Salesforce ids', () => {
  const rule = { mode: 'auto' as const, minAgreement: 0.7, minNames: 20 };
  assert.equal(readsAsSiteList({ names: 96, share: 0.84 }, rule, false), true);
  assert.equal(readsAsSiteList({ names: 96, share: 0.84 }, rule, true), false);
  assert.equal(readsAsSiteList({ names: 1584, share: 0.42 }, rule, false), false);
  assert.equal(readsAsSiteList({ names: 5, share: 1 }, rule, false), false);
  assert.equal(readsAsSiteList({ names: 0, share: 0 }, { ...rule, mode: 'on' }, true), true);
  assert.equal(readsAsSiteList({ names: 96, share: 0.99 }, { ...rule, mode: 'off' }, false), false);
});

test('a site is the house number and the street, directions and letters after the number aside', () => {
  assert.equal(siteKeyOf('6225 S. Wabash'), siteKeyOf('6225 S Wabash Avenue'));
  assert.equal(siteKeyOf('1754 West Devon Avenue'), siteKeyOf('1754 W Devon Ave'));
  assert.equal(siteKeyOf('293-B Peachtree Rd.'), siteKeyOf('293 peachtree road'));
  assert.notEqual(siteKeyOf('2828 N. Kilbourn'), siteKeyOf('2828 N. Oak Park Ave'));
  assert.notEqual(siteKeyOf('3151 W. Walnut'), siteKeyOf('3152 W. Walnut'));
  assert.equal(siteKeyOf('in central park at 67th st.'), NO_SITE);
  assert.equal(siteKeyOf('12'), NO_SITE);
  assert.ok(siteKeyOf('3151 W. Walnut') >= 0);
});

test('sites per key, and whether two keys share one', () => {
  // Key 0 at sites 7 and 3, key 1 at 5, key 2 at 3; record 4 takes no part, record 5 has no site.
  const keyOf = Int32Array.of(0, 0, 1, 2, -1, 1);
  const site = Int32Array.of(7, 3, 5, 3, 5, NO_SITE);
  const sites = keySitesOf(keyOf, site, 3);
  assert.deepEqual([...sites.offsets], [0, 2, 3, 4]);
  assert.deepEqual([...sites.ids], [3, 7, 5, 3]);
  assert.equal(shareSite(sites, 0, 2), true);
  assert.equal(shareSite(sites, 0, 1), false);
});

test('site pairs: every two names at one site once, none at a site of too many names', () => {
  // Site 1: keys 0, 1, 2 (key 0 twice). Site 2: keys 3, 1. Site 9: keys 4..7 (four names, over the cap of 3).
  const keyOf = Int32Array.of(0, 0, 1, 2, 3, 1, 4, 5, 6, 7);
  const site = Int32Array.of(1, 1, 1, 1, 2, 2, 9, 9, 9, 9);
  const pairs = sitePairs(keyOf, site, 3);
  assert.deepEqual(
    [...pairs.a].map((a, i) => `${a}-${pairs.b[i]}`),
    ['0-1', '0-2', '1-2', '1-3'],
  );
});
