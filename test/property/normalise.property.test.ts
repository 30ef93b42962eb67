/**
 * SPEC §3 properties of the normaliser on random input (seeded): it never throws, `name_core` and
 * `name_base` are canonical `[a-z0-9 ]` text, and normalising a `name_core` again gives the same core and
 * `NONE`. Inputs mix arbitrary code points (lone surrogates included) with the words and punctuation the
 * rules react to, so list marks, clauses, legal forms and unit markers meet in odd orders.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { configSchema } from '../../src/config/schema.js';
import { createNameClassifier } from '../../src/core/classify.js';
import { blacklistScope } from '../../src/core/junk/blacklist-scope.js';
import { createNormaliser, type NormalisedName } from '../../src/core/normalise/index.js';
import { classifierRules } from '../../src/pipeline/classify.js';
import { DEFAULT_NORMALISE_OPTIONS } from '../unit/normalise-options.js';

const SEED = 20240603;
const normalise = createNormaliser(DEFAULT_NORMALISE_OPTIONS);
const classifierConfig = classifierRules(configSchema.parse({}));
const classifier = createNameClassifier(classifierConfig);
const classifyName = (n: NormalisedName) => classifier(n, blacklistScope(n.name_raw, classifierConfig.baseOf));

const CANONICAL = /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/;

/** Words and marks the rules react to (SPEC §3, §7.1), plus a few non-ASCII spellings. */
const VOCABULARY = [
  'Acme',
  'the',
  'The',
  'THE',
  'Inc',
  'Inc.',
  'inc',
  'LLC',
  'L.L.C.',
  'l.l.c',
  'Co',
  'Co.',
  'co',
  'Company',
  'Corp',
  'Ltd',
  'Limited',
  'limited liability company',
  'Pty',
  'PT',
  'N.A.',
  'NA',
  'na',
  'AG',
  'S.A.',
  'sa',
  'S.p.A.',
  'GmbH',
  'plc',
  'apc',
  'Professional',
  'Corporation',
  'Partnership',
  'Unlimited',
  'store',
  'Store',
  'store no',
  'store number',
  'location',
  'branch',
  '#',
  '#12',
  '# 7',
  'no',
  'No.',
  'number',
  'local',
  'Local',
  'post',
  'school',
  '12',
  '1234',
  '0',
  '20/20',
  '1.',
  '2.',
  '(1)',
  '(2)',
  '1)',
  'dba',
  'DBA',
  'd/b/a',
  'd.b.a.',
  'D B A',
  'aka',
  'a.k.a.',
  'fka',
  'f/k/a',
  'formerly',
  'formerly known as',
  'doing business as',
  'per pnc',
  'Per PNC -',
  '- pnc',
  '(per pnc)',
  '(PNC not sure of spelling)',
  '(new issue)',
  '(',
  ')',
  '((',
  '))',
  ';',
  ' / ',
  '/',
  ',',
  '.',
  '-',
  '&',
  '@',
  '+',
  "'",
  '’',
  '™',
  '®',
  '©',
  'Müller',
  'Straße',
  'Газпром',
  '株式会社',
  'Ａｃｍｅ',
  'ﬁ',
  '①',
  '\u0301',
  '\u00a0',
  '\t',
  '\n',
  '(California)',
  '(CA)',
  '(paystubs)',
  '(unsure)',
  '(temp)',
  '(Sonic Automotive)',
  '(Acme Inc)',
  '(Tempest Holdings)',
  'N/A',
  'unknown',
  'Unknown',
  'not sure',
  '1099',
  'a@b.com',
  '(555) 123-4567',
  'X',
  'x',
  'y',
  'and',
  'of',
];
const JOINERS = [' ', ' ', ' ', '', ', ', '.', ';', ' / ', '-'];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
);
const unicodeString = fc.string({ unit: anyUnit, maxLength: 40 });
const vocabularyName = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...VOCABULARY) }, { weight: 1, arbitrary: unicodeString }),
      fc.constantFrom(...JOINERS),
    ),
    {
      maxLength: 10,
    },
  )
  .map((parts) => parts.map(([word, joiner]) => word + joiner).join(''));
const anyName = fc.oneof(
  { weight: 3, arbitrary: vocabularyName },
  { weight: 2, arbitrary: unicodeString },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
);

function assertCanonical(n: NormalisedName, input: string): void {
  const where = `for ${JSON.stringify(input)}`;
  assert.match(n.name_core, CANONICAL, `name_core ${JSON.stringify(n.name_core)} ${where}`);
  assert.match(n.name_base, CANONICAL, `name_base ${JSON.stringify(n.name_base)} ${where}`);
  assert.deepEqual(n.name_tokens, n.name_core === '' ? [] : n.name_core.split(' '), `name_tokens ${where}`);
  if (n.name_unit !== null) assert.match(n.name_unit, /^[0-9]+$/, `name_unit ${where}`);
  for (const a of n.aliases) assert.ok(a.text.trim().length > 0, `empty alias ${where}`);
}

function assertIdempotent(n: NormalisedName, input: string): void {
  const again = normalise(n.name_core);
  const where = `for ${JSON.stringify(input)} (core ${JSON.stringify(n.name_core)})`;
  assert.equal(again.name_core, n.name_core, `core changed ${where}`);
  assert.equal(again.suffix_class, 'NONE', `suffix ${where}`);
  assert.equal(again.name_unit, null, `unit ${where}`);
  assert.deepEqual(again.aliases, [], `aliases ${where}`);
  assert.equal(again.has_multiple_names, false, `multi ${where}`);
}

describe(`normaliser properties (seed ${SEED}; fast-check prints the seed and path of any failure)`, () => {
  test('never throws; core and base are canonical [a-z0-9 ] text', () => {
    fc.assert(
      fc.property(anyName, (input) => {
        assertCanonical(normalise(input), input);
      }),
      { seed: SEED, numRuns: 20000 },
    );
  });

  test('idempotent: normalising name_core again gives the same core and NONE', () => {
    fc.assert(
      fc.property(anyName, (input) => {
        assertIdempotent(normalise(input), input);
      }),
      { seed: SEED + 1, numRuns: 20000 },
    );
  });

  test('aliases: each normalises to a non-empty core, distinct from the name and from each other', () => {
    fc.assert(
      fc.property(vocabularyName, (input) => {
        const n = normalise(input);
        const cores = [n.name_core, ...n.aliases.map((a) => normalise(a.text).name_core)];
        const where = `for ${JSON.stringify(input)}: ${JSON.stringify(cores)}`;
        assert.ok(
          cores.slice(1).every((c) => c.length > 0),
          `empty alias core ${where}`,
        );
        assert.equal(new Set(cores).size, cores.length, `repeated core ${where}`);
      }),
      { seed: SEED + 2, numRuns: 20000 },
    );
  });

  test('classification never throws and is one of the four classes', () => {
    const classes = new Set(['usable', 'junk', 'multi', 'unusable']);
    fc.assert(
      fc.property(anyName, (input) => {
        const n = normalise(input);
        const { nameClass } = classifyName(n);
        assert.ok(classes.has(nameClass), `class ${nameClass} for ${JSON.stringify(input)}`);
      }),
      { seed: SEED + 3, numRuns: 5000 },
    );
  });

  test('long strings: arbitrary code points up to 5,000 long', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, minLength: 1000, maxLength: 5000 }), (input) => {
        const n = normalise(input);
        assertCanonical(n, input.slice(0, 40));
        assertIdempotent(n, input.slice(0, 40));
      }),
      { seed: SEED + 4, numRuns: 60 },
    );
  });
});

describe('inputs that make careless regular expressions backtrack finish and stay canonical', () => {
  const N = 50_000;
  const cases: [string, string][] = [
    ['spaces then a letter and a slash', `${' '.repeat(N)}x/y`],
    ['spaces inside a dba tail', `Acme dba ${'a'}${' '.repeat(N)}b`],
    ['d followed by punctuation', `d${'-'.repeat(N)}x`],
    ['dotted letters', 'a.'.repeat(N)],
    ['dotted letters then a digit', `${'n.a.'.repeat(N / 4)}1`],
    ['hashes and digits', `#${'1'.repeat(N)}x`],
    ['many list marks', '1. '.repeat(N / 3)],
    ['many parentheses', '('.repeat(N)],
    ['nested parentheses', `${'('.repeat(N / 2)}Acme${')'.repeat(N / 2)}`],
    ['many semicolons', 'Acme;'.repeat(N / 5)],
    ['many slashes', 'Acme / '.repeat(N / 7)],
    ['dash run before pnc', `Acme ${' '.repeat(N)}- x`],
    ['email-like dots', `a@${'.'.repeat(N)} `],
    ['digits and separators', `${'1-'.repeat(N / 2)}x`],
    // The junk classifier's shapes (issue 11): amounts, phones, e-mail, web and street addresses.
    ['dollar amounts', `${'$1,'.repeat(N / 3)}x`],
    ['a digit run before a pay period', `${'1'.repeat(N)} per`],
    ['a digit run before a head-count word', `${'1'.repeat(N)}-2 employees`],
    ['many at signs', 'a@'.repeat(N / 2)],
    ['many web prefixes', 'www.'.repeat(N / 4)],
    ['house numbers and suffixes', '1 st '.repeat(N / 5)],
    ['spaced dashes', ' - '.repeat(N / 3)],
    ['phone-like groups', '(555) '.repeat(N / 6)],
    ['plus signs and digits', '+1 '.repeat(N / 3)],
  ];
  for (const [what, input] of cases) {
    test(what, () => {
      const n = normalise(input);
      assertCanonical(n, what);
      classifyName(n);
    });
  }
});
