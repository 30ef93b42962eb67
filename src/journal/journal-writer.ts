import { join } from 'node:path';
import { type DecisionDraft, type DecisionEvent, decisionEventSchema, eventShapeProblem } from './events.js';
import { decisionIdKey, targetsOf } from './fold.js';
import { JOURNAL_FILE, JournalError, LOCK_FILE, parseJournal, tornMessage } from './journal-file.js';
import {
  isDiskFull,
  type JournalFileHandle,
  type JournalFileSystem,
  NODE_FILE_SYSTEM,
  writeWhole,
} from './journal-file-system.js';
import { JournalLock } from './journal-lock.js';

/**
 * The single writer of a workspace's `decisions.jsonl` (SPEC §10): holds `decisions.lock`, keeps the events in
 * memory, and appends one line per decision, fsynced before `append` resolves. Appends are serialised, so the
 * base_seq check and the write are one step even when two requests arrive together. A write that fails part-way
 * (a short write the disk cannot complete, ENOSPC, a failed fsync) is cut back to the last whole event before
 * the error is reported, so the file only ever holds acknowledged events (issue 12 defect 2).
 */
export class JournalWriter {
  private readonly events: DecisionEvent[];
  /** target → seq of the last event that touched it. */
  private readonly lastTouch = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private broken: string | null = null;

  private constructor(
    readonly path: string,
    private readonly handle: JournalFileHandle,
    private readonly lock: JournalLock,
    events: DecisionEvent[],
    private size: number,
  ) {
    this.events = events;
    for (const e of events) this.touch(e);
  }

  /**
   * Take the lock and read the journal. A torn last line is refused with the one-line message (the lock is
   * released again), so nothing is appended after a line a reader could not parse.
   */
  static async open(workspaceRoot: string, files: JournalFileSystem = NODE_FILE_SYSTEM): Promise<JournalWriter> {
    const lock = await JournalLock.acquire(join(workspaceRoot, LOCK_FILE), files);
    const path = join(workspaceRoot, JOURNAL_FILE);
    let handle: JournalFileHandle | null = null;
    try {
      handle = await files.open(path, 'a+');
      const { size } = await handle.stat();
      const bytes = Buffer.alloc(size);
      if (size > 0) await handle.read(bytes, 0, size, 0);
      const read = parseJournal(bytes);
      if (read.tornAt !== null) throw new JournalError(tornMessage(read.tornAt), 'torn_tail');
      return new JournalWriter(path, handle, lock, read.events, size);
    } catch (error) {
      await handle?.close();
      await lock.release();
      throw error;
    }
  }

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** Every event, in seq order (a copy). */
  all(): DecisionEvent[] {
    return [...this.events];
  }

  event(seq: number): DecisionEvent | undefined {
    return this.events.find((e) => e.seq === seq);
  }

  /**
   * Append one decision: refused (JournalError 'conflict') when any of its targets was written after
   * `draft.base_seq`; resolves with the stored event only after the line is on disk (fsync).
   */
  append(draft: DecisionDraft): Promise<DecisionEvent> {
    const next = this.queue.then(() => this.appendNow(draft));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async appendNow(draft: DecisionDraft): Promise<DecisionEvent> {
    if (this.broken !== null) throw new JournalError(this.broken, 'write_failed');
    const problem = eventShapeProblem(draft);
    if (problem !== null) throw new JournalError(problem, 'invalid');
    if (draft.base_seq > this.lastSeq) {
      throw new JournalError(
        `base_seq ${draft.base_seq} is ahead of the journal (last seq ${this.lastSeq}); reload.`,
        'conflict',
      );
    }
    if (draft.undoes !== null) this.checkUndo(draft);
    for (const target of targetsOf(draft)) {
      const touched = this.lastTouch.get(target) ?? 0;
      if (touched > draft.base_seq) {
        const by = this.event(touched);
        throw new JournalError(
          `${describeTarget(target)} was changed by ${by?.reviewer || 'another reviewer'} (decision ${touched}) after you loaded it; reload to see it, then decide again.`,
          'conflict',
        );
      }
    }
    const event = decisionEventSchema.parse({ ...draft, seq: this.lastSeq + 1, ts: new Date().toISOString() });
    const line = Buffer.from(`${JSON.stringify(event)}\n`, 'utf8');
    try {
      await writeWhole(this.handle, line);
      await this.handle.sync();
    } catch (error) {
      await this.rollBack(error);
      if (this.broken !== null) throw new JournalError(this.broken, isDiskFull(error) ? 'disk_full' : 'write_failed');
      if (isDiskFull(error)) {
        throw new JournalError(
          'the disk is full: the decision was not saved (decisions.jsonl is unchanged); free space and retry.',
          'disk_full',
        );
      }
      throw new JournalError(
        `decisions.jsonl: write failed, decision not saved: ${(error as Error).message}`,
        'write_failed',
      );
    }
    this.size += line.length;
    this.events.push(event);
    this.touch(event);
    return event;
  }

  /**
   * Cut the file back to its last whole event (`size` only grows once a line is on disk and fsynced) and check
   * that it is that long again (the old code truncated to a size it had never written: NUL padding). If that fails too the file may end in a partial line: stop writing, so nothing is
   * ever appended after it; a restart reports it as a torn tail.
   */
  private async rollBack(cause: unknown): Promise<void> {
    try {
      await this.handle.truncate(this.size);
      // A failed fsync here is not fatal: the file reads back whole now, and the next append's fsync makes the
      // cut durable with it (until then a crash can only bring back an unacknowledged tail, reported as torn).
      await this.handle.sync().catch(() => undefined);
      const { size } = await this.handle.stat();
      if (size !== this.size) throw new Error(`it is ${size} bytes, not ${this.size}`);
    } catch (error) {
      this.broken = `decisions.jsonl could not be restored after a failed write (${(cause as Error).message}; then ${(error as Error).message}); restart junction review.`;
    }
  }

  private checkUndo(draft: DecisionDraft): void {
    const original = this.event(draft.undoes as number);
    if (original === undefined) throw new JournalError(`decision ${draft.undoes} does not exist`, 'invalid');
    if (original.kind !== draft.kind || original.dataset !== draft.dataset) {
      throw new JournalError(
        `an undo of decision ${original.seq} must be a ${original.kind} of the same dataset`,
        'invalid',
      );
    }
    const same = (a: string[] | null, b: string[] | null): boolean =>
      (a ?? []).map(decisionIdKey).join('\n') === (b ?? []).map(decisionIdKey).join('\n');
    if (!same(original.account_ids, draft.account_ids) || original.term !== draft.term) {
      throw new JournalError(`an undo of decision ${original.seq} must name the same target`, 'invalid');
    }
    const undoneBy = this.events.find((e) => e.undoes === original.seq && !this.isUndone(e.seq));
    if (undoneBy !== undefined) {
      throw new JournalError(`decision ${original.seq} is already undone (by decision ${undoneBy.seq})`, 'conflict');
    }
  }

  private isUndone(seq: number): boolean {
    return this.events.some((e) => e.undoes === seq && !this.isUndone(e.seq));
  }

  private touch(e: DecisionEvent): void {
    for (const target of targetsOf(e)) this.lastTouch.set(target, e.seq);
  }

  /** Close the file and release the lock (after any append in flight). */
  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
    await this.lock.release();
  }
}

function describeTarget(target: string): string {
  const colon = target.indexOf(':');
  const kind = target.slice(0, colon);
  const what = target.slice(colon + 1);
  switch (kind) {
    case 'record':
      return `record ${what}`;
    case 'pair':
      return `the link between ${what.replace('|', ' and ')}`;
    case 'primary':
      return `the primary choice for ${what}`;
    case 'group':
      return `group ${what}`;
    default:
      return `blacklist term "${what}"`;
  }
}
