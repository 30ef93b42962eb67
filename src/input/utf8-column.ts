import { Buffer } from 'node:buffer';

/** A column of texts read by row, whether held as strings or as their UTF-8 bytes. */
export interface TextColumn {
  readonly length: number;
  text(row: number): string;
}

/** Texts held as JS strings. */
export class StringColumn implements TextColumn {
  private readonly values: readonly string[];

  constructor(values: readonly string[]) {
    this.values = values;
  }

  get length(): number {
    return this.values.length;
  }

  text(row: number): string {
    return this.values[row] ?? '';
  }
}

/**
 * Texts held as their UTF-8 bytes in one store, each decoded when read. For a field ingest reads once and drops
 * (a date parsed, a relationship interned, an address a Salesforce export never reads): as strings, a million rows
 * of such fields lived through the scan and were copied out of V8's young generation with it (issue 14: 0.6 s of
 * the main thread's collections at 1M records, for three such columns).
 */
export class Utf8Column implements TextColumn {
  private store: Buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  /** End of each text in `store`; it starts where the one before ends. */
  private ends = new Int32Array(1 << 12);
  /** 1 when a text was a quoted field with `""` for each quote in it. */
  private escaped = new Uint8Array(1 << 12);
  length = 0;

  /** `rows` empty texts. */
  static empty(rows: number): Utf8Column {
    const column = new Utf8Column();
    for (let i = 0; i < rows; i++) column.push(column.store, 0, 0, false);
    return column;
  }

  /** Appends the text of bytes [start, end) of `source`; `escaped`: a quoted field's, with `""` for a quote. */
  push(source: Uint8Array, start: number, end: number, escaped: boolean): void {
    const size = end - start;
    if (this.used + size > this.store.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.store.length * 2, this.used + size));
      this.store.copy(grown, 0, 0, this.used);
      this.store = grown;
    }
    if (this.length === this.ends.length) {
      const ends = new Int32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
      const flags = new Uint8Array(this.escaped.length * 2);
      flags.set(this.escaped);
      this.escaped = flags;
    }
    // A field is a few bytes: a loop is cheaper than a native copy call a row.
    const store = this.store;
    let at = this.used;
    for (let i = start; i < end; i++) store[at++] = source[i] as number;
    this.used = at;
    this.ends[this.length] = at;
    this.escaped[this.length] = escaped ? 1 : 0;
    this.length++;
  }

  text(row: number): string {
    if (row < 0 || row >= this.length) return '';
    const start = row === 0 ? 0 : (this.ends[row - 1] as number);
    const text = this.store.toString('utf8', start, this.ends[row] as number);
    return this.escaped[row] === 1 ? text.replaceAll('""', '"') : text;
  }
}
