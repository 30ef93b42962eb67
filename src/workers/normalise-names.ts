import { normaliseOptionsFromConfig } from '../config/core-options.js';
import type { Config } from '../config/schema.js';
import { createNormaliser, type NormalisedName } from '../core/normalise/index.js';
import type { AliasSource } from '../core/types.js';
import { startWorkerModule } from './start-worker.js';

/** Bits of `NormalisedNames.flags` (and of names.bin's). */
export const HAS_PARENTHESES = 1;
export const HAS_SEMICOLON = 2;
export const HAS_MULTIPLE_NAMES = 4;

/** Config `normalise` as plain data, so it can be posted to a worker thread. */
export type NormaliseConfig = Config['normalise'];

/** The SPEC §3 text columns of a name. */
export type NameColumns = {
  nameRaw: string[];
  nameBase: string[];
  nameCore: string[];
  suffixClass: string[];
  /** Store number, '' when none. */
  nameUnit: string[];
  /** Location or branch tail (`Target - Mesa` → `mesa`), '' when none (issue 10). */
  nameLocation: string[];
};

/**
 * Each distinct spelling of a list of names, normalised once (intake repeats names: `Walmart` thousands of times).
 * Spelling s is the s-th distinct name in list order; its columns are at index s.
 */
export interface NormalisedNames extends NameColumns {
  /** Per name of the list, its spelling. */
  spellingOf: Int32Array<ArrayBuffer>;
  flags: Uint8Array<ArrayBuffer>;
  /** Spelling s's aliases are entries `aliasStart[s] .. aliasStart[s + 1]` of the alias columns. */
  aliasStart: Int32Array<ArrayBuffer>;
  aliasText: string[];
  aliasSource: AliasSource[];
}

/** Normalises names batch by batch, each distinct spelling once; {@link result} gives every name added so far. */
export class NameNormaliser {
  private readonly normalise: (name: string) => NormalisedName;
  private readonly spellingOfText = new Map<string, number>();
  private spellingOf = new Int32Array(1024);
  private count = 0;
  private readonly columns: Omit<NormalisedNames, 'spellingOf' | 'flags' | 'aliasStart'> = {
    nameRaw: [],
    nameBase: [],
    nameCore: [],
    suffixClass: [],
    nameUnit: [],
    nameLocation: [],
    aliasText: [],
    aliasSource: [],
  };
  private readonly flags: number[] = [];
  private readonly aliasStart: number[] = [];

  constructor(config: NormaliseConfig) {
    this.normalise = createNormaliser(normaliseOptionsFromConfig({ normalise: config }));
  }

  /** Names added so far. */
  get size(): number {
    return this.count;
  }

  /** Add `names[from .. to)`; `progress` sees how many of them are done. */
  add(names: readonly string[], from = 0, to = names.length, progress?: (done: number, total: number) => void): void {
    if (this.count + (to - from) > this.spellingOf.length) {
      const grown = new Int32Array(Math.max(2 * this.spellingOf.length, this.count + (to - from)));
      grown.set(this.spellingOf.subarray(0, this.count));
      this.spellingOf = grown;
    }
    const c = this.columns;
    const step = Math.max(1, Math.floor((to - from) / 50));
    for (let i = from; i < to; i++) {
      const text = names[i] as string;
      let spelling = this.spellingOfText.get(text);
      if (spelling === undefined) {
        spelling = c.nameRaw.length;
        this.spellingOfText.set(text, spelling);
        const name = this.normalise(text);
        c.nameRaw.push(name.name_raw);
        c.nameBase.push(name.name_base);
        c.nameCore.push(name.name_core);
        c.suffixClass.push(name.suffix_class);
        c.nameUnit.push(name.name_unit ?? '');
        c.nameLocation.push(name.name_location ?? '');
        this.flags.push(
          (name.has_parentheses ? HAS_PARENTHESES : 0) |
            (name.has_semicolon ? HAS_SEMICOLON : 0) |
            (name.has_multiple_names ? HAS_MULTIPLE_NAMES : 0),
        );
        this.aliasStart.push(c.aliasText.length);
        for (const alias of name.aliases) {
          c.aliasText.push(alias.text);
          c.aliasSource.push(alias.source);
        }
      }
      this.spellingOf[this.count++] = spelling;
      if (progress !== undefined && (i - from) % step === 0) progress(i - from, to - from);
    }
  }

  result(): NormalisedNames {
    return {
      ...this.columns,
      spellingOf: this.spellingOf.slice(0, this.count),
      flags: Uint8Array.from(this.flags),
      aliasStart: Int32Array.from([...this.aliasStart, this.columns.aliasText.length]),
    };
  }
}

/** Messages to the normalise worker: its config first, then names in batches, then the end. */
export type NormaliseWorkerMessage =
  | { kind: 'config'; config: NormaliseConfig }
  | { kind: 'names'; names: string[] }
  | { kind: 'end' };

/** What the worker posts back at the end: the normalised names, or why normalising failed. */
export interface NormaliseNamesDone {
  names: NormalisedNames | null;
  error: string | null;
}

/**
 * A list of names normalised on a worker thread as it grows (issue 14: the ingest stage passes each chunk of names
 * its scan of the file reads, so they are normalised on the core the scan leaves idle, and the normalise stage
 * finds them done).
 */
export class NormaliseStream {
  private readonly worker = startWorkerModule('normalise-worker');
  private readonly done: Promise<NormalisedNames>;
  /** The list whose first `sent` names were posted. */
  private list: readonly string[] | null = null;
  private sent = 0;
  private ended = false;

  constructor(config: NormaliseConfig) {
    // Never what keeps a process alive: a run that ends before taking the names lets them go.
    this.worker.unref();
    this.done = new Promise<NormalisedNames>((resolve, reject) => {
      this.worker.once('message', (reply: NormaliseNamesDone) => {
        void this.worker.terminate();
        if (reply.names === null) reject(new Error(`normalising names failed in a worker thread: ${reply.error}`));
        else resolve(reply.names);
      });
      this.worker.once('error', (e) => {
        void this.worker.terminate();
        reject(e);
      });
      this.worker.once('exit', (code) => reject(new Error(`normalise worker exited with code ${code}`)));
    });
    // Settled even when no stage takes it.
    this.done.catch(() => undefined);
    this.post({ kind: 'config', config });
  }

  /** Post the names of `list` up to `to` not posted yet; false (and nothing posted) when `list` is another list. */
  add(list: readonly string[], to = list.length): boolean {
    if (this.ended || (this.list !== null && this.list !== list)) return false;
    this.list = list;
    const end = Math.min(to, list.length);
    if (end > this.sent) this.post({ kind: 'names', names: list.slice(this.sent, end) });
    this.sent = Math.max(this.sent, end);
    return true;
  }

  /** All of `list` normalised, or null when the names posted were another list's (then the stream is stopped). */
  finish(list: readonly string[]): Promise<NormalisedNames> | null {
    if (!this.add(list)) {
      this.stop();
      return null;
    }
    this.ended = true;
    this.post({ kind: 'end' });
    return this.done;
  }

  stop(): void {
    this.ended = true;
    void this.worker.terminate();
  }

  private post(message: NormaliseWorkerMessage): void {
    this.worker.postMessage(message);
  }
}
