import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseOptionsFromConfig } from '../../src/config/core-options.js';
import { parseConfig } from '../../src/config/load.js';
import { createNormaliser } from '../../src/core/normalise/index.js';
import { normaliserOf } from '../../src/pipeline/key-rewrites.js';

// Issue 14: the block and group stages normalise the alias dictionary with one normaliser while the settings hold.
const NAMES = ['Acme Plumbing LLC', 'Saint Louis Staffing, Inc.', 'Walmart - Mesa', 'The Home Depot #123'];

test('the normaliser is made once for the same settings and anew, with their rules, when they change', () => {
  const config = parseConfig({}, 'test');
  const first = normaliserOf(config);
  assert.equal(normaliserOf(parseConfig({}, 'test')), first, 'equal settings share the normaliser');
  const plain = createNormaliser(normaliseOptionsFromConfig(config));
  for (const name of NAMES) assert.deepEqual(first(name), plain(name));

  const changed = parseConfig({ normalise: { intake_note_patterns: ['plumbing'] } }, 'test');
  const other = normaliserOf(changed);
  assert.notEqual(other, first);
  const expected = createNormaliser(normaliseOptionsFromConfig(changed));
  for (const name of NAMES) assert.deepEqual(other(name), expected(name));
  assert.notDeepEqual(other('Acme Plumbing LLC'), first('Acme Plumbing LLC'), 'the changed rules apply');
});
