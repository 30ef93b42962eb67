/**
 * `created_date` text → UTC epoch milliseconds (SPEC §2.2). Parsed by hand, one pass over the characters, because
 * the column can hold a million values and `new Date(text)` both is slow and guesses (it reads `3/4/2024` by
 * the host's locale rules and accepts `2024-02-30`). Unparseable text gives null; the caller counts it in the
 * manifest warnings (SPEC §2.2) — it never fails the run.
 *
 * Accepted forms (surrounding whitespace ignored; anything else is null):
 * - ISO 8601 dates `YYYY-MM-DD` (also `YYYY/MM/DD`, and basic `YYYYMMDD`), and date-times
 *   `YYYY-MM-DD[T| ]H:MM[:SS[.fff]]` with an optional zone `Z`, `±HH`, `±HHMM` or `±HH:MM` (a space before the
 *   zone is allowed). A zone is honoured; without one the time is taken as UTC. `YYYY-MM-DD HH:MM:SS` is the
 *   Salesforce export style. Month and day may have one digit.
 * - `M/D/YYYY` and `M/D/YY` (or `D/M/…` with `dateOrder: 'DMY'`), the separator being `/`, `-` or `.` (the same
 *   one twice), optionally followed by `[,] H:MM[:SS[.fff]] [AM|PM]` (or `T` and a 24-hour time). Two-digit
 *   years pivot at 50: `49` → 2049, `50` → 1950. No zone: the time is UTC.
 * - Excel serial day numbers, integer or fractional (the fraction is the time of day), from EXCEL_SERIAL_MIN to
 *   EXCEL_SERIAL_MAX.
 * Impossible dates and times (`2/30/2024`, month 13, 24:00, 10:60, `13:00 PM`) are null.
 */

export type DateOrder = 'MDY' | 'DMY';

export interface DateParserOptions {
  /** How to read `a/b/yyyy`: month first (`MDY`) or day first (`DMY`); the config key `input.date_order`. */
  dateOrder: DateOrder;
}

/** Text → UTC epoch milliseconds, or null when the text is not a date this parser accepts. */
export type DateParser = (text: string) => number | null;

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/**
 * Smallest accepted Excel serial: 10000 is 1927-05-18. Smaller numbers are not read as serials on purpose: a
 * bare `2024` in a created-date column is a year, not 1905-07-16, and no CRM record was created before 1927,
 * so such values are reported as unparseable instead of being silently misdated.
 */
export const EXCEL_SERIAL_MIN = 10_000;
/** Largest Excel serial, 9999-12-31 (Excel's own upper limit); fractions of that day are accepted too. */
export const EXCEL_SERIAL_MAX = 2_958_465;
/**
 * Serial of 1970-01-01. Excel counts 1900-02-29, which never existed (the Lotus 1-2-3 leap-year quirk), so every
 * serial from 61 (1900-03-01) on is one more than the true day count from 1899-12-31; counting from 1899-12-30
 * instead absorbs that extra day. Serials below 61 never reach this code (see EXCEL_SERIAL_MIN).
 */
const EXCEL_SERIAL_UNIX_EPOCH = 25_569;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil); valid for year ≥ 1. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Epoch milliseconds of a calendar date, or null when the date does not exist. */
function dateMs(year: number, month: number, day: number): number | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day) * MS_PER_DAY;
}

const CH_0 = 48;
const CH_9 = 57;
const CH_SPACE = 32;
const CH_PLUS = 43;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_COLON = 58;

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}

/**
 * A cursor over one trimmed value. Scanning helpers advance `pos` and return -1 when the expected digits are
 * not there; `digits` is the number of digits the last `number` call read.
 */
class Cursor {
  s = '';
  pos = 0;
  end = 0;
  digits = 0;

  reset(s: string): void {
    this.s = s;
    this.pos = 0;
    this.end = s.length;
  }
  atEnd(): boolean {
    return this.pos >= this.end;
  }
  /** Char code at pos, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.s.charCodeAt(this.pos) : -1;
  }
  /** Read between min and max digits; -1 (pos unchanged) when fewer than min. */
  number(min: number, max: number): number {
    const start = this.pos;
    let value = 0;
    while (this.pos < this.end && this.pos - start < max) {
      const c = this.s.charCodeAt(this.pos);
      if (!isDigit(c)) break;
      value = value * 10 + (c - CH_0);
      this.pos++;
    }
    this.digits = this.pos - start;
    if (this.digits < min) {
      this.pos = start;
      return -1;
    }
    return value;
  }
  skipSpaces(): number {
    const start = this.pos;
    while (this.pos < this.end && this.s.charCodeAt(this.pos) === CH_SPACE) this.pos++;
    return this.pos - start;
  }
}

/** Letters compared case-insensitively: `c | 0x20` lower-cases an ASCII letter. */
function isLetter(c: number, lower: string): boolean {
  return (c | 0x20) === lower.charCodeAt(0);
}

/**
 * Time of day `H:MM[:SS[.fff]]` at the cursor, in milliseconds; -1 when malformed. With `allowMeridiem`, an
 * optional `AM`/`PM` (case-insensitive, optional space before) switches to a 12-hour clock (hours 1–12).
 */
function readTime(cur: Cursor, allowMeridiem: boolean): number {
  let hour = cur.number(1, 2);
  if (hour < 0 || cur.peek() !== CH_COLON) return -1;
  cur.pos++;
  const minute = cur.number(2, 2);
  if (minute < 0 || minute > 59) return -1;
  let second = 0;
  let ms = 0;
  if (cur.peek() === CH_COLON) {
    cur.pos++;
    second = cur.number(2, 2);
    if (second < 0 || second > 59) return -1;
    const c = cur.peek();
    if (c === CH_DOT || c === CH_COMMA) {
      cur.pos++;
      const start = cur.pos;
      // Milliseconds from the first three fraction digits; further digits are read and truncated.
      while (cur.pos < cur.end && isDigit(cur.s.charCodeAt(cur.pos))) {
        if (cur.pos - start < 3) ms = ms * 10 + (cur.s.charCodeAt(cur.pos) - CH_0);
        cur.pos++;
      }
      const n = cur.pos - start;
      if (n === 0) return -1;
      if (n === 1) ms *= 100;
      else if (n === 2) ms *= 10;
    }
  }
  if (allowMeridiem) {
    const save = cur.pos;
    cur.skipSpaces();
    const a = cur.peek();
    const isAm = isLetter(a, 'a');
    const isPm = isLetter(a, 'p');
    if ((isAm || isPm) && cur.pos + 1 < cur.end && isLetter(cur.s.charCodeAt(cur.pos + 1), 'm')) {
      cur.pos += 2;
      if (hour < 1 || hour > 12) return -1;
      hour = (hour % 12) + (isPm ? 12 : 0);
    } else {
      cur.pos = save;
    }
  }
  if (hour > 23) return -1;
  return hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * MS_PER_SECOND + ms;
}

/** Zone designator `Z`, `±HH`, `±HHMM`, `±HH:MM` at the cursor → offset in ms east of UTC; NaN when malformed. */
function readZone(cur: Cursor): number {
  const c = cur.peek();
  if (isLetter(c, 'z')) {
    cur.pos++;
    return 0;
  }
  if (c !== CH_PLUS && c !== CH_MINUS) return Number.NaN;
  cur.pos++;
  const hours = cur.number(2, 2);
  if (hours < 0 || hours > 23) return Number.NaN;
  let minutes = 0;
  if (cur.peek() === CH_COLON) {
    cur.pos++;
    minutes = cur.number(2, 2);
    if (minutes < 0) return Number.NaN;
  } else if (isDigit(cur.peek())) {
    minutes = cur.number(2, 2);
    if (minutes < 0) return Number.NaN;
  }
  if (minutes > 59) return Number.NaN;
  const offset = hours * MS_PER_HOUR + minutes * MS_PER_MINUTE;
  return c === CH_MINUS ? -offset : offset;
}

/** Excel serial (already known to be `digits[.digits]`) → epoch ms, or null outside the accepted range. */
function excelSerialMs(text: string): number | null {
  const serial = Number(text);
  if (!(serial >= EXCEL_SERIAL_MIN && serial < EXCEL_SERIAL_MAX + 1)) return null;
  return Math.round((serial - EXCEL_SERIAL_UNIX_EPOCH) * MS_PER_DAY);
}

/** `YYYY-MM-DD…` after the 4-digit year and its separator (`-` or `/`) have been read. */
function readIsoRest(cur: Cursor, year: number, sep: number): number | null {
  const month = cur.number(1, 2);
  if (month < 0 || cur.peek() !== sep) return null;
  cur.pos++;
  const day = cur.number(1, 2);
  if (day < 0) return null;
  const date = dateMs(year, month, day);
  if (date === null) return null;
  if (cur.atEnd()) return date;
  const c = cur.peek();
  if (isLetter(c, 't')) cur.pos++;
  else if (cur.skipSpaces() === 0) return null;
  const time = readTime(cur, false);
  if (time < 0) return null;
  if (cur.atEnd()) return date + time;
  cur.skipSpaces();
  const offset = readZone(cur);
  if (Number.isNaN(offset) || !cur.atEnd()) return null;
  return date + time - offset;
}

/** `a/b/yy[yy]…` after `a` and its separator have been read. */
function readNumericRest(cur: Cursor, first: number, sep: number, dayFirst: boolean): number | null {
  const second = cur.number(1, 2);
  if (second < 0 || cur.peek() !== sep) return null;
  cur.pos++;
  let year = cur.number(2, 4);
  if (year < 0) return null;
  if (cur.digits === 2) year += year < 50 ? 2000 : 1900;
  else if (cur.digits !== 4) return null;
  const date = dayFirst ? dateMs(year, second, first) : dateMs(year, first, second);
  if (date === null) return null;
  if (cur.atEnd()) return date;
  const c = cur.peek();
  if (isLetter(c, 't')) {
    cur.pos++;
  } else {
    if (c === CH_COMMA) cur.pos++;
    if (cur.skipSpaces() === 0) return null;
  }
  const time = readTime(cur, true);
  if (time < 0) return null;
  return cur.atEnd() ? date + time : null;
}

/**
 * A date parser for one input (SPEC §2.2). The returned function keeps a private cursor and is not re-entrant
 * across threads, which JavaScript does not share anyway.
 * @example createDateParser({ dateOrder: 'MDY' })('3/4/49') → Date.UTC(2049, 2, 4)
 * @example createDateParser({ dateOrder: 'MDY' })('45822') → Date.UTC(2025, 5, 14)
 */
export function createDateParser(options: DateParserOptions): DateParser {
  const dayFirst = options.dateOrder === 'DMY';
  const cur = new Cursor();
  return (text: string): number | null => {
    const s = text.trim();
    if (s.length === 0) return null;
    cur.reset(s);
    const lead = cur.number(1, 8);
    if (lead < 0) return null;
    const leadDigits = cur.digits;
    if (cur.atEnd()) {
      if (leadDigits === 8) {
        // ISO 8601 basic date; 8-digit numbers are far above EXCEL_SERIAL_MAX so this is never a serial.
        return dateMs(Math.floor(lead / 10_000), Math.floor(lead / 100) % 100, lead % 100);
      }
      return excelSerialMs(s);
    }
    const sep = cur.peek();
    cur.pos++;
    if (leadDigits === 4 && (sep === CH_MINUS || sep === CH_SLASH)) return readIsoRest(cur, lead, sep);
    if (leadDigits <= 2 && (sep === CH_SLASH || sep === CH_MINUS || sep === CH_DOT)) {
      if (sep === CH_DOT) {
        // `45822.5` is a serial with a time; `5.3.2024` is a dotted date.
        const save = cur.pos;
        cur.number(1, 20);
        if (cur.digits > 0 && cur.atEnd()) return excelSerialMs(s);
        cur.pos = save;
      }
      return readNumericRest(cur, lead, sep, dayFirst);
    }
    if (sep === CH_DOT && leadDigits >= 5) {
      cur.number(1, 20);
      return cur.digits > 0 && cur.atEnd() ? excelSerialMs(s) : null;
    }
    return null;
  };
}
