/**
 * Writes a large text file from many small strings with flat memory: lines are gathered into chunks of about
 * CHUNK_CHARS characters, each chunk goes to the stream, and the writer waits for `drain` when the stream's buffer
 * is full (so a 1M-row file never sits in memory).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

const CHUNK_CHARS = 2 * 1024 * 1024;

export class ChunkedWriter {
  private parts: string[] = [];
  private pendingChars = 0;
  private written = 0;
  private failure: Error | undefined;

  private constructor(private readonly stream: WriteStream) {
    stream.on('error', (err) => {
      this.failure = err;
    });
  }

  static async open(path: string): Promise<ChunkedWriter> {
    const stream = createWriteStream(path, { encoding: 'utf8' });
    await once(stream, 'open');
    return new ChunkedWriter(stream);
  }

  /** Bytes handed to the file so far (UTF-8). */
  get bytes(): number {
    return this.written;
  }

  /** Adds text; returns true when a chunk is ready and the caller should `await flush()`. */
  add(text: string): boolean {
    this.parts.push(text);
    this.pendingChars += text.length;
    return this.pendingChars >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.pendingChars = 0;
    this.written += Buffer.byteLength(chunk, 'utf8');
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
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
}
