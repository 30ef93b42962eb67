import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprintKey } from '../../src/core/fingerprint.js';

const LEGAL = new Set(['inc', 'llc', 'co', 'corp', 'ltd']);

for (const [a, b] of [
  ['The Smith & Sons Co.', 'smith and sons'],
  ['ACME, Inc.', 'acme'],
  ['Müller GmbH', 'gmbh muller'],
  ['Home Depot The', 'depot home the'],
  ['Inc', 'inc'],
] as const) {
  test(`fingerprintKey(${JSON.stringify(a)})`, () => {
    assert.equal(fingerprintKey(a, LEGAL), b.split(' ').sort().join(' '));
  });
}
