import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dictionaryCodes } from '../../src/core/dictionary-codes.js';

test('dictionary codes number distinct values first seen first', () => {
  const { codes, labels } = dictionaryCodes(['LLC', 'NONE', 'LLC', 'INC', 'NONE']);
  assert.deepEqual([...codes], [0, 1, 0, 2, 1]);
  assert.deepEqual(labels, ['LLC', 'NONE', 'INC']);
});
