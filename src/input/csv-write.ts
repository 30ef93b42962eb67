import { createWriteStream, type WriteStream } from 'node:fs';

/** RFC 4180 field, always quoted, so empty strings stay empty strings (not NULL) when DuckDB reads them back. */
export function quoteField(value: string): string {
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}

/**
 * Buffered CSV writer with back-pressure: rows are joined into ~1 MB chunks, and `await row()` waits for
 * the stream to drain, so memory stays flat whatever the file size.
 */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private bufferedChars = 0;
  /** The stream's first error (ENOSPC, EFBIG): thrown by the next write, never an unhandled 'error' event. */
  private failure: Error | null = null;
  rows = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  /** Write one row of already-formatted cells (quote them with `quoteField`). */
  async line(cells: readonly string[]): Promise<void> {
    const text = `${cells.join(',')}\n`;
    this.buffer.push(text);
    this.bufferedChars += text.length;
    this.rows++;
    if (this.bufferedChars >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    if (this.failure !== null) throw this.failure;
    if (!this.stream.write(chunk)) await this.drained();
  }

  private drained(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (error: Error): void => {
        this.stream.off('drain', onDrain);
        reject(error);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      if (this.failure !== null) {
        this.stream.destroy();
        reject(this.failure);
        return;
      }
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
