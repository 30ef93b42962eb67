import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DecisionEvent } from '../journal/events.js';
import { JOURNAL_FILE, JournalError, readJournal, tornMessage } from '../journal/journal-file.js';
import type { JournalFileSystem } from '../journal/journal-file-system.js';
import { JournalWriter } from '../journal/journal-writer.js';
import { HttpError } from './http-error.js';

/**
 * The server's view of the decisions journal (SPEC §10): the single writer, opened on the first write and kept
 * until the server closes, and the events as it holds them — or as read from disk (no lock, cached by size and
 * mtime) while nothing was written yet.
 */
export class JournalAccess {
  private writer: Promise<JournalWriter> | null = null;
  private cached: { size: number; mtimeMs: number; events: DecisionEvent[]; problem: string | null } | null = null;

  constructor(
    readonly root: string,
    private readonly files?: JournalFileSystem,
  ) {}

  /** The writer, taking the lock on first use; a refused open (lock held, torn tail) is retried next time. */
  openWriter(): Promise<JournalWriter> {
    if (this.writer === null) {
      const opening = JournalWriter.open(this.root, this.files);
      this.writer = opening;
      opening.catch(() => {
        if (this.writer === opening) this.writer = null;
      });
    }
    return this.writer;
  }

  /** Every event in seq order, and the torn-tail message when the file on disk ends in a broken line. */
  async events(): Promise<{ events: DecisionEvent[]; problem: string | null }> {
    const open = this.writer === null ? null : await this.writer.catch(() => null);
    if (open !== null) return { events: open.all(), problem: null };
    const path = join(this.root, JOURNAL_FILE);
    // No journal yet is an empty journal; any other stat failure (permissions, I/O) is an error, never "no decisions".
    const facts = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw new HttpError(500, `decisions journal ${path} cannot be read (${error.code ?? error.message})`);
    });
    if (facts === null) return { events: [], problem: null };
    if (this.cached !== null && this.cached.size === facts.size && this.cached.mtimeMs === facts.mtimeMs) {
      return { events: this.cached.events, problem: this.cached.problem };
    }
    try {
      const read = await readJournal(path);
      const problem = read.tornAt === null ? null : tornMessage(read.tornAt);
      this.cached = { size: facts.size, mtimeMs: facts.mtimeMs, events: read.events, problem };
      return { events: read.events, problem };
    } catch (error) {
      if (error instanceof JournalError) throw new HttpError(500, error.message);
      throw error;
    }
  }

  /** The last seq the server knows of (0 for an empty journal). */
  async lastSeq(): Promise<number> {
    return (await this.events()).events.at(-1)?.seq ?? 0;
  }

  async close(): Promise<void> {
    if (this.writer !== null) await (await this.writer.catch(() => null))?.close();
    this.writer = null;
  }
}
