/**
 * Streaming RFC 4180 record parser over decoded text (SPEC §2). Our own parser rather than DuckDB's reader
 * because we must account for every data row (SPEC §1.1): exact 1-based data row numbers, blank lines skipped
 * and counted, unbalanced quotes recovered line by line instead of swallowing the rest of the file, and the
 * raw text of an unreadable row kept for `rejected.csv`.
 *
 * Leniency follows Python's csv module: a quote inside an unquoted field is literal; characters after a
 * closing quote are appended to the field.
 */

export interface ParsedRecord {
  fields: string[];
  /** Raw text of the record (without its line terminator). */
  raw: string;
  /** 1-based physical line where the record starts. */
  line: number;
  /** True when a quoted field was still open at end of input. */
  unterminated: boolean;
  /** True when text followed a closing quote (`"Gam"ma`): taken leniently, but a sign of a stray quote. */
  malformed: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvRecordParser {
  private carry = '';
  private line = 1;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly onRecord: (record: ParsedRecord) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Feed the next chunk of decoded text. Complete records are emitted; an incomplete tail is kept. */
  push(text: string): void {
    const buffer = this.carry.length > 0 ? this.carry + text : text;
    const consumed = this.parse(buffer, false);
    this.carry = consumed < buffer.length ? buffer.slice(consumed) : '';
  }

  /** Flush the last record. */
  end(): void {
    if (this.carry.length > 0) this.parse(this.carry, true);
    this.carry = '';
  }

  /** Parse as many complete records as possible; returns the offset of the first unconsumed character. */
  private parse(text: string, final: boolean): number {
    const n = text.length;
    const delimiter = this.delimiter;
    let pos = 0;
    while (pos < n) {
      const recordStart = pos;
      const fields: string[] = [];
      let newlines = 0;
      let fieldDone = false;
      let recordEnd = -1;
      let next = -1;
      let unterminated = false;
      let malformed = false;
      while (!fieldDone) {
        // One field starting at pos.
        if (text.charCodeAt(pos) === QUOTE) {
          let value = '';
          let segStart = pos + 1;
          let i = pos + 1;
          let closed = false;
          for (;;) {
            const q = text.indexOf('"', i);
            if (q < 0) break;
            if (text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(segStart, q + 1);
              i = q + 2;
              segStart = i;
              continue;
            }
            if (q + 1 >= n && !final) break; // cannot tell yet whether `""` follows
            value += text.slice(segStart, q);
            i = q + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (!final) return recordStart;
            unterminated = true;
            value += text.slice(segStart);
            newlines += countNewlines(text, pos, n);
            fields.push(value);
            recordEnd = n;
            next = n;
            break;
          }
          newlines += countNewlines(text, pos, i);
          // Lenient tail after the closing quote: append literally up to the next delimiter or line end.
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === delimiter || c === LF || c === CR) break;
            j++;
          }
          if (j > i) {
            value += text.slice(i, j);
            malformed = true;
          }
          fields.push(value);
          pos = j;
        } else {
          let j = pos;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === delimiter || c === LF || c === CR) break;
            j++;
          }
          fields.push(text.slice(pos, j));
          pos = j;
        }
        if (pos >= n) {
          if (!final) return recordStart;
          recordEnd = n;
          next = n;
          break;
        }
        const c = text.charCodeAt(pos);
        if (c === delimiter) {
          pos++;
          if (pos >= n) {
            if (!final) return recordStart;
            fields.push('');
            recordEnd = n;
            next = n;
            break;
          }
          continue;
        }
        // Line terminator.
        recordEnd = pos;
        if (c === CR) {
          if (pos + 1 >= n && !final) return recordStart;
          next = text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
        } else {
          next = pos + 1;
        }
        fieldDone = true;
      }
      this.onRecord({ fields, raw: text.slice(recordStart, recordEnd), line: this.line, unterminated, malformed });
      this.line += newlines + (next > recordEnd ? 1 : 0);
      pos = next;
    }
    return pos;
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

/** Parse one complete text (tests, sniffing and single-line recovery). */
export function parseCsvText(text: string, delimiter: string): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  const parser = new CsvRecordParser(delimiter, (r) => records.push(r));
  parser.push(text);
  parser.end();
  return records;
}
