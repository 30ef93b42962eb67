import type { DuckDBAppender, DuckDBDataChunk } from '@duckdb/node-api';
import { type Engine, EngineError } from './database.js';
import { appendColumnChunk, CHUNK_ROWS, type ColumnSpec, closeQuietly, newChunk } from './load-columns.js';
import { sqlIdent } from './sql-quote.js';

/**
 * Streams rows of text into a table `(source_row INTEGER, c0 … cN VARCHAR)` through DuckDB's Appender as a
 * reader produces them (issue 14: no staging CSV written, re-read and joined). Rows are buffered one data chunk
 * at a time, so memory stays flat whatever the file size; the table's scan order is the order of `add`.
 */
export class SourceRowAppender {
  private readonly sourceRows: Int32Array = new Int32Array(CHUNK_ROWS);
  private readonly texts: string[][];
  private readonly columns: ColumnSpec[];
  private buffered = 0;
  private rowCount = 0;

  private constructor(
    private readonly table: string,
    private readonly appender: DuckDBAppender,
    private readonly chunk: DuckDBDataChunk,
    width: number,
  ) {
    this.texts = Array.from({ length: width }, () => new Array<string>(CHUNK_ROWS).fill(''));
    this.columns = [
      { name: 'source_row', type: 'INTEGER', values: this.sourceRows },
      ...this.texts.map((values, i): ColumnSpec => ({ name: `c${i}`, type: 'VARCHAR', values })),
    ];
  }

  static async open(engine: Engine, table: string, width: number): Promise<SourceRowAppender> {
    const defs = ['source_row INTEGER', ...Array.from({ length: width }, (_v, i) => `c${i} VARCHAR`)].join(', ');
    // A plain table, not TEMP: the ingest artifacts are written from it on two connections at once.
    await engine.run(`creating ${table}`, `CREATE OR REPLACE TABLE ${sqlIdent(table)} (${defs})`);
    const appender = await engine.appender(`loading ${table}`, table);
    return new SourceRowAppender(
      table,
      appender,
      newChunk([{ type: 'INTEGER' }, ...Array.from({ length: width }, () => ({ type: 'VARCHAR' as const }))]),
      width,
    );
  }

  /** Rows added so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** Adds one row; `fields` has exactly the table's width (missing trailing fields are taken as ''). */
  add(sourceRow: number, fields: readonly string[]): void {
    const r = this.buffered;
    this.sourceRows[r] = sourceRow;
    for (let c = 0; c < this.texts.length; c++) (this.texts[c] as string[])[r] = fields[c] ?? '';
    this.buffered++;
    this.rowCount++;
    if (this.buffered === CHUNK_ROWS) this.appendBuffered();
  }

  /** Appends what is buffered and closes the appender; the table is complete afterwards. */
  close(): void {
    try {
      this.appendBuffered();
      this.appender.flushSync();
    } finally {
      closeQuietly(this.appender);
    }
  }

  /** Closes after a failure elsewhere, without masking it. */
  abandon(): void {
    closeQuietly(this.appender);
  }

  private appendBuffered(): void {
    if (this.buffered === 0) return;
    try {
      appendColumnChunk(this.appender, this.chunk, this.columns, 0, this.buffered);
    } catch (error) {
      throw new EngineError(`loading ${this.table}: ${(error as Error).message}`);
    }
    this.buffered = 0;
  }
}
