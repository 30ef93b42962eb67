import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NAME_CLASS_CODE, NAME_CLASSES } from '../../src/core/column-codes.js';
import { joinsExactly } from '../../src/core/exact-join.js';
import { participates } from '../../src/core/participation.js';

test('only usable names take part in matching; junk, multi-name and unusable ones do not (SPEC §4, issue 11)', () => {
  const classes = Uint8Array.from(NAME_CLASSES, (c) => NAME_CLASS_CODE[c]);
  assert.deepEqual(
    NAME_CLASSES.filter((_c, i) => participates(classes, i)),
    ['usable'],
  );
});

const EQUIVALENCE = [['INC', 'CORP']];
for (const [a, sa, b, sb, expected] of [
  ['acme', 'INC', 'acme', 'INC', true],
  ['acme', 'INC', 'acme', 'CORP', true],
  ['acme', 'NONE', 'acme', 'LLC', true],
  ['acme', 'INC', 'acme', 'LLC', false],
  ['acme', 'INC', 'acme co', 'INC', false],
] as const) {
  test(`joinsExactly(${a} ${sa}, ${b} ${sb}) is ${expected} (SPEC §5.1)`, () => {
    assert.equal(joinsExactly(a, sa, b, sb, EQUIVALENCE), expected);
    assert.equal(joinsExactly(b, sb, a, sa, EQUIVALENCE), expected, 'symmetric');
  });
}
