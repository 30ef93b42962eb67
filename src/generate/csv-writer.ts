/**
 * Writes a large text file from many small strings with flat memory. Each line is UTF-8-encoded at once into a
 * chunk buffer of CHUNK_BYTES, so the line's string dies young (a row built by concatenation is a tree of dozens
 * of small strings; holding thousands of them until a join would push them into the old generation and make
 * garbage collection the main cost). A full chunk goes to the stream, and the writer waits for `drain` when the
 * stream's own buffer is full, so a 1M-row file never sits in memory.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

const CHUNK_BYTES = 4 * 1024 * 1024;
/** `add` asks for a flush once a chunk is this full, leaving room for any realistic line. */
const FLUSH_AT = CHUNK_BYTES - 256 * 1024;
/** UTF-8 needs at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

export class ChunkedWriter {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly full: Buffer[] = [];
  private written = 0;
  private failure: Error | undefined;

  private constructor(private readonly stream: WriteStream) {
    stream.on('error', (err) => {
      this.failure = err;
    });
  }

  static async open(path: string): Promise<ChunkedWriter> {
    const stream = createWriteStream(path);
    await once(stream, 'open');
    return new ChunkedWriter(stream);
  }

  /** Bytes written or buffered so far (UTF-8). */
  get bytes(): number {
    return this.written + this.used;
  }

  /** Adds text; returns true when a chunk is ready and the caller should `await flush()`. */
  add(text: string): boolean {
    if (this.used + text.length * MAX_BYTES_PER_UNIT > this.chunk.length) this.rotate(text.length);
    this.used += this.chunk.write(text, this.used, 'utf8');
    return this.used >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    this.rotate(0);
    for (const buf of this.full.splice(0)) {
      if (!this.stream.write(buf)) await once(this.stream, 'drain');
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.failure !== undefined) throw this.failure;
  }

  /** Closes the file after a failure elsewhere, without masking that failure. */
  destroy(): void {
    this.stream.destroy();
  }

  /** Retires the current chunk (the stream keeps a reference until written, so it is never reused). */
  private rotate(nextLineUnits: number): void {
    if (this.used > 0) {
      this.full.push(this.chunk.subarray(0, this.used));
      this.written += this.used;
    }
    this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, nextLineUnits * MAX_BYTES_PER_UNIT));
    this.used = 0;
  }
}
