import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CsvRecordParser, type ParsedRecord, parseCsvText } from '../../src/input/csv-parse.js';
import { quoteField } from '../../src/input/csv-write.js';
import { sniffDelimiter, sniffedRecords } from '../../src/input/sniff.js';

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

/** The records sniffing read before the sample was parsed a slice at a time: the whole sample, then its first 50. */
function sniffedWhole(sample: string, delimiter: string, complete: boolean): ParsedRecord[] {
  let records = parseCsvText(sample, delimiter).filter((r) => r.raw.trim().length > 0);
  if (!complete && records.length > 1) records = records.slice(0, -1);
  return records.slice(0, 50);
}

test('delimiter sniffing reads the first records of a large sample as the whole sample read would', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  // Long notes too: a slice of the sample then holds fewer than 50 records.
  const notes = [
    'long '.repeat(150),
    'plain',
    'two\r\nlines',
    'a, comma',
    'a; semicolon',
    'x|y',
    'tab\there',
    '',
    '"quoted"',
    'été 😀',
  ];
  for (let round = 0; round < 40; round++) {
    const delimiter = [',', ';', '\t', '|'][random(4)] as string;
    const width = 2 + random(5);
    const lines: string[] = [];
    // Some rows are wider: which 50 records are read decides the consistency.
    const rows = 20 + random(400);
    for (let r = 0; r < rows; r++) {
      const w = random(6) === 0 ? width + 1 : width;
      // Quoted, or bare (then a delimiter inside splits it and line breaks end the record).
      const field = (note: string): string => (random(2) === 0 ? quoteField(note) : note.replace(/"/g, ''));
      lines.push(Array.from({ length: w }, () => field(notes[random(notes.length)] as string)).join(delimiter));
      if (random(20) === 0) lines.push('');
    }
    const text = `${lines.join(random(2) === 0 ? '\n' : '\r\n')}\n`;
    // A sample cut anywhere (mid-record, mid-quote, mid-CRLF) or whole.
    const cut = random(3) === 0 ? text.length : random(text.length);
    const sample = text.slice(0, cut);
    const complete = cut === text.length;
    for (const d of [',', ';', '\t', '|'])
      assert.deepEqual(sniffedRecords(sample, d, complete), sniffedWhole(sample, d, complete), `round ${round} ${d}`);
  }
});
