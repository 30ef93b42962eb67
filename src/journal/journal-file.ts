import { readFile } from 'node:fs/promises';
import { type DecisionEvent, decisionEventSchema } from './events.js';

/** Workspace file names (SPEC §10, §12). */
export const JOURNAL_FILE = 'decisions.jsonl';
export const LOCK_FILE = 'decisions.lock';

/** The journal cannot be trusted as it stands (a torn last line, a damaged line); the message says what to do. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
  constructor(
    message: string,
    readonly code: 'torn_tail' | 'bad_line' | 'locked' | 'conflict' | 'invalid' | 'write_failed' | 'disk_full',
  ) {
    super(message);
  }
}

export interface JournalRead {
  /** Every intact event, in file order (seq ascending). */
  events: DecisionEvent[];
  /** Bytes of the intact prefix: where the next line goes. */
  intactBytes: number;
  /** A torn last line (no trailing newline, or not a valid event): its byte offset, else null. */
  tornAt: number | null;
}

/** The one-line report for a torn last line (SPEC §10: detected and reported, never silently dropped). */
export function tornMessage(tornAt: number): string {
  return `decisions.jsonl: last line is incomplete (byte ${tornAt}); earlier events are intact. Remove that line to continue.`;
}

/**
 * Parse journal text. Only the last line may be torn (an append cut short by a crash); it is returned as
 * `tornAt`, not dropped. A bad line anywhere else, or seqs out of order, is damage: a JournalError.
 */
export function parseJournal(bytes: Buffer): JournalRead {
  const events: DecisionEvent[] = [];
  let start = 0;
  let line = 0;
  let lastSeq = 0;
  while (start < bytes.length) {
    line++;
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl;
    const text = bytes.subarray(start, end).toString('utf8');
    const event = nl < 0 ? null : parseLine(text);
    if (event === null) {
      const isLast = nl < 0 || nl === bytes.length - 1;
      if (isLast) return { events, intactBytes: start, tornAt: start };
      if (text.trim().length === 0)
        throw new JournalError(
          `decisions.jsonl: line ${line} (byte ${start}) is empty; the journal is damaged.`,
          'bad_line',
        );
      throw new JournalError(
        `decisions.jsonl: line ${line} (byte ${start}) is not a valid decision event; the journal is damaged — restore it from a backup.`,
        'bad_line',
      );
    }
    if (event.seq <= lastSeq) {
      throw new JournalError(
        `decisions.jsonl: line ${line} has seq ${event.seq} after seq ${lastSeq}; the journal is damaged — restore it from a backup.`,
        'bad_line',
      );
    }
    lastSeq = event.seq;
    events.push(event);
    start = end + 1;
  }
  return { events, intactBytes: bytes.length, tornAt: null };
}

function parseLine(text: string): DecisionEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = decisionEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Read a journal without the lock (a run reads it; the single writer only ever appends whole fsynced lines).
 * A missing file is an empty journal.
 */
export async function readJournal(path: string): Promise<JournalRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], intactBytes: 0, tornAt: null };
    throw error;
  }
  return parseJournal(bytes);
}
