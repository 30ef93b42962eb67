import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CsvRecordParser, type ParsedRecord, parseCsvText } from '../../src/input/csv-parse.js';
import { quoteField } from '../../src/input/csv-write.js';
import { sniffDelimiter } from '../../src/input/sniff.js';

const fields = (text: string, d = ','): string[][] => parseCsvText(text, d).map((r) => r.fields);

test('quoted fields with delimiters, doubled quotes and newlines', () => {
  assert.deepEqual(fields('a,"b,c","say ""hi""","x\ny"\r\n1,2,3,4'), [
    ['a', 'b,c', 'say "hi"', 'x\ny'],
    ['1', '2', '3', '4'],
  ]);
});

test('line numbers count physical lines, including those inside quoted fields', () => {
  const records = parseCsvText('h\n"a\nb"\nc\n', ',');
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 2, 4],
  );
});

test('an unclosed quote at end of input is flagged unterminated', () => {
  const records = parseCsvText('a,b\n1,"never closed\n2,x\n', ',');
  assert.equal(records.at(-1)?.unterminated, true);
});

test('text after a closing quote is kept leniently and flagged malformed', () => {
  const [record] = parseCsvText('"Gam"ma,x', ',');
  assert.deepEqual(record?.fields, ['Gamma', 'x']);
  assert.equal(record?.malformed, true);
});

test('a trailing delimiter gives a trailing empty field; CR-only line ends work', () => {
  assert.deepEqual(fields('a,b,\rc,d,'), [
    ['a', 'b', ''],
    ['c', 'd', ''],
  ]);
});

test('chunk boundaries never change the parse (property, seeded)', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é'), maxLength: 8 });
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 7 }),
      (rows, chunk) => {
        const text = rows.map((r) => r.map(quoteField).join(',')).join('\r\n');
        const whole = parseCsvText(text, ',').map((r) => r.fields);
        const pieces: ParsedRecord[] = [];
        const parser = new CsvRecordParser(',', (r) => pieces.push(r));
        for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk));
        parser.end();
        assert.deepEqual(
          pieces.map((r) => r.fields),
          whole,
        );
        assert.deepEqual(whole, rows);
      },
    ),
    { seed: 42, numRuns: 300 },
  );
});

test('delimiter sniffing: comma, semicolon, tab, pipe', () => {
  assert.equal(sniffDelimiter('a,b,c\n1,2,3\n', true, false), ',');
  assert.equal(sniffDelimiter('a;b;c\n1;"2,5";3\n', true, false), ';');
  assert.equal(sniffDelimiter('a\tb\n1\t2\n', true, false), '\t');
  assert.equal(sniffDelimiter('a|b\n1|2\n', true, false), '|');
  assert.equal(sniffDelimiter('name\nAcme\n', true, false), ',');
});
