import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  createDateParser,
  type DateOrder,
  daysFromCivil,
  EXCEL_SERIAL_MAX,
  EXCEL_SERIAL_MIN,
} from '../../src/core/dates.js';

const mdy = createDateParser({ dateOrder: 'MDY' });
const dmy = createDateParser({ dateOrder: 'DMY' });
const parsers: Record<DateOrder, (text: string) => number | null> = { MDY: mdy, DMY: dmy };

/** Expected UTC instant, written as an ISO string so failures read well. */
const at = (iso: string): number => Date.parse(iso);

// [input, expected UTC instant (ISO), order(s) it applies to]
const VALID: readonly [string, string, DateOrder[]][] = [
  // ISO 8601 dates and date-times (SPEC §2.2)
  ['2024-03-05', '2024-03-05T00:00:00Z', ['MDY', 'DMY']],
  ['2024-3-5', '2024-03-05T00:00:00Z', ['MDY', 'DMY']],
  ['2024/03/05', '2024-03-05T00:00:00Z', ['MDY', 'DMY']],
  ['20240305', '2024-03-05T00:00:00Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00-08:00', '2024-03-05T18:00:00Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00+05:30', '2024-03-05T04:30:00Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00+0530', '2024-03-05T04:30:00Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00+05', '2024-03-05T05:00:00Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00Z', '2024-03-05T10:00:00Z', ['MDY', 'DMY']],
  ['2024-03-05t10:00:00z', '2024-03-05T10:00:00Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00', '2024-03-05T10:00:00Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00', '2024-03-05T10:00:00Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00.123Z', '2024-03-05T10:00:00.123Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00.5Z', '2024-03-05T10:00:00.500Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00.123456789Z', '2024-03-05T10:00:00.123Z', ['MDY', 'DMY']],
  ['2024-03-05T10:00:00,25Z', '2024-03-05T10:00:00.250Z', ['MDY', 'DMY']],
  ['2024-01-01T00:30:00+01:00', '2023-12-31T23:30:00Z', ['MDY', 'DMY']],
  // Salesforce export style
  ['2024-03-05 10:00:00', '2024-03-05T10:00:00Z', ['MDY', 'DMY']],
  ['2024-03-05 10:00:00 +0000', '2024-03-05T10:00:00Z', ['MDY', 'DMY']],
  ['  2024-03-05 10:00:00  ', '2024-03-05T10:00:00Z', ['MDY', 'DMY']],
  ['2024-02-29', '2024-02-29T00:00:00Z', ['MDY', 'DMY']],
  ['2000-02-29', '2000-02-29T00:00:00Z', ['MDY', 'DMY']],
  ['0001-01-01', '0001-01-01T00:00:00Z', ['MDY', 'DMY']],
  ['9999-12-31', '9999-12-31T00:00:00Z', ['MDY', 'DMY']],
  // M/D/YYYY and M/D/YY, pivot 50 (SPEC §2.2)
  ['3/5/2024', '2024-03-05T00:00:00Z', ['MDY']],
  ['03/05/2024', '2024-03-05T00:00:00Z', ['MDY']],
  ['3/4/49', '2049-03-04T00:00:00Z', ['MDY']],
  ['3/4/50', '1950-03-04T00:00:00Z', ['MDY']],
  ['3/4/00', '2000-03-04T00:00:00Z', ['MDY']],
  ['3/4/99', '1999-03-04T00:00:00Z', ['MDY']],
  ['12/31/2024', '2024-12-31T00:00:00Z', ['MDY']],
  ['3-5-2024', '2024-03-05T00:00:00Z', ['MDY']],
  ['3.5.2024', '2024-03-05T00:00:00Z', ['MDY']],
  // optional time, 24-hour or AM/PM
  ['3/5/2024 10:07', '2024-03-05T10:07:00Z', ['MDY']],
  ['3/5/2024 22:07:09', '2024-03-05T22:07:09Z', ['MDY']],
  ['3/5/2024 1:05 PM', '2024-03-05T13:05:00Z', ['MDY']],
  ['3/5/2024 1:05pm', '2024-03-05T13:05:00Z', ['MDY']],
  ['3/5/2024 12:00 AM', '2024-03-05T00:00:00Z', ['MDY']],
  ['3/5/2024 12:30 PM', '2024-03-05T12:30:00Z', ['MDY']],
  ['3/5/2024 11:59:59 PM', '2024-03-05T23:59:59Z', ['MDY']],
  ['3/5/2024, 10:00:00 AM', '2024-03-05T10:00:00Z', ['MDY']],
  ['3/5/24 9:15 am', '2024-03-05T09:15:00Z', ['MDY']],
  ['3/5/2024T10:00', '2024-03-05T10:00:00Z', ['MDY']],
  // D/M with input.date_order: DMY
  ['5/3/2024', '2024-03-05T00:00:00Z', ['DMY']],
  ['31/12/2024', '2024-12-31T00:00:00Z', ['DMY']],
  ['05.03.2024 14:00', '2024-03-05T14:00:00Z', ['DMY']],
  ['4/3/49', '2049-03-04T00:00:00Z', ['DMY']],
  // Excel serials with the 1900 leap-year quirk (SPEC §2.2)
  ['45822', '2025-06-14T00:00:00Z', ['MDY', 'DMY']],
  ['45822.5', '2025-06-14T12:00:00Z', ['MDY', 'DMY']],
  ['45822.75', '2025-06-14T18:00:00Z', ['MDY', 'DMY']],
  ['25569', '1970-01-01T00:00:00Z', ['MDY', 'DMY']],
  ['10000', '1927-05-18T00:00:00Z', ['MDY', 'DMY']],
  ['2958465', '9999-12-31T00:00:00Z', ['MDY', 'DMY']],
  [' 45822 ', '2025-06-14T00:00:00Z', ['MDY', 'DMY']],
];

for (const [text, iso, orders] of VALID) {
  for (const order of orders) {
    test(`${order} ${JSON.stringify(text)} → ${iso}`, () => {
      assert.equal(parsers[order](text), at(iso));
    });
  }
}

test('MDY and DMY read an ambiguous a/b/yyyy differently', () => {
  assert.equal(mdy('4/3/2024'), at('2024-04-03T00:00:00Z'));
  assert.equal(dmy('4/3/2024'), at('2024-03-04T00:00:00Z'));
});

const INVALID: readonly [string, string][] = [
  ['', 'empty'],
  ['   ', 'blank'],
  ['2/30/2024', 'February 30th'],
  ['2/29/2023', 'not a leap year'],
  ['2/29/1900', '1900 was not a leap year'],
  ['13/1/2024', 'month 13 (MDY)'],
  ['0/1/2024', 'month 0'],
  ['1/0/2024', 'day 0'],
  ['1/32/2024', 'day 32'],
  ['2024-13-01', 'ISO month 13'],
  ['2024-02-30', 'ISO February 30th'],
  ['0000-01-01', 'year 0'],
  ['20241301', 'basic ISO month 13'],
  ['3/5/2024 24:00', 'hour 24'],
  ['3/5/2024 10:60', 'minute 60'],
  ['3/5/2024 10:00:60', 'second 60'],
  ['3/5/2024 13:00 PM', '13 PM'],
  ['3/5/2024 0:30 AM', '0 AM'],
  ['3/5/2024 10', 'hour without minutes'],
  ['3/5/2024 10:0', 'one-digit minutes'],
  ['3/5/2024 10:00 XM', 'bad meridiem'],
  ['3/5/2024 10:00 Z', 'zone on a slash date'],
  ['3/5/2024junk', 'trailing text'],
  ['3/5/202', 'three-digit year'],
  ['3/5/20245', 'five-digit year'],
  ['3/5', 'no year'],
  ['3/5-2024', 'mixed separators'],
  ['2024-03-05T', 'T without time'],
  ['2024-03-05T10:00:00+25:00', 'zone hour 25'],
  ['2024-03-05T10:00:00+05:60', 'zone minute 60'],
  ['2024-03-05T10:00:00 PST', 'zone abbreviation'],
  ['2024-03-05Z', 'zone on a date without time'],
  ['2024-03-05T10:00:00.Z', 'empty fraction'],
  ['2024', 'a bare year is not serial 2024 (below the serial range)'],
  ['9999', 'below the serial range'],
  ['2958466', 'above the serial range'],
  ['-45822', 'negative serial'],
  ['45822.', 'serial with a dot and no fraction'],
  ['4.5822e4', 'exponent notation'],
  ['123456789', 'nine digits'],
  ['Mar 5, 2024', 'month names are not read'],
  ['5-Mar-2024', 'month names are not read'],
  ['N/A', 'text'],
  ['2024-03-05T10:00:00-08:00 extra', 'trailing text after zone'],
];

for (const [text, why] of INVALID) {
  test(`${JSON.stringify(text)} → null (${why})`, () => {
    assert.equal(mdy(text), null);
    if (text !== '13/1/2024') assert.equal(dmy(text), null);
  });
}

test('DMY rejects day-month pairs that do not exist', () => {
  assert.equal(dmy('30/2/2024'), null);
  assert.equal(dmy('1/13/2024'), null);
});

test('EXCEL_SERIAL_MIN and EXCEL_SERIAL_MAX are the documented range', () => {
  assert.equal(mdy(String(EXCEL_SERIAL_MIN)), at('1927-05-18T00:00:00Z'));
  assert.equal(mdy(String(EXCEL_SERIAL_MIN - 1)), null);
  assert.equal(mdy(`${EXCEL_SERIAL_MAX}.5`), at('9999-12-31T12:00:00Z'));
  assert.equal(mdy(String(EXCEL_SERIAL_MAX + 1)), null);
});

test('property: daysFromCivil agrees with Date.UTC for years 1..9999 (seed 7)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      (y, m, d) => {
        const viaDate = new Date(0);
        viaDate.setUTCFullYear(y, m - 1, d);
        assert.equal(daysFromCivil(y, m, d) * 86_400_000, viaDate.getTime());
      },
    ),
    { seed: 7, numRuns: 5000 },
  );
});

test('property: ISO date-times round-trip through toISOString (seed 11)', () => {
  const min = Date.UTC(1000, 0, 1);
  const max = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
  fc.assert(
    fc.property(fc.integer({ min, max }), (ms) => {
      const iso = new Date(ms).toISOString();
      assert.equal(mdy(iso), ms, iso);
    }),
    { seed: 11, numRuns: 5000 },
  );
});

test('property: every M/D/YYYY of a real date parses to that date at midnight UTC (seed 13)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(1000, 0, 1) / 86_400_000, max: Date.UTC(9999, 11, 31) / 86_400_000 }),
      (day) => {
        const d = new Date(day * 86_400_000);
        const text = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
        assert.equal(mdy(text), day * 86_400_000, text);
        assert.equal(dmy(`${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`), day * 86_400_000, text);
      },
    ),
    { seed: 13, numRuns: 5000 },
  );
});
