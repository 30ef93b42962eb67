import { normaliseOptionsFromConfig } from '../config/core-options.js';
import { adoptPlaceLists, type PlaceLists } from '../config/places.js';
import type { Config } from '../config/schema.js';
import { textHash } from '../core/first-occurrences.js';
import { createNormaliser, type NormalisedName } from '../core/normalise/index.js';
import { TextIndex } from '../core/text-index.js';
import type { AliasSource } from '../core/types.js';
import {
  allClaimed,
  type ClassifyConfig,
  classifyClaimed,
  createSpellingClassifier,
  joinClasses,
  type SharedClasses,
  type SparseClasses,
  type SpellingClasses,
  type SpellingClassifier,
  warmUpClassifier,
} from './name-classes.js';
import { NORMALISE_WORKER, prestartedWorker, takeWorker } from './start-worker.js';

/** The spellings' classes a stream makes, with this thread's help. */
export interface StreamClasses {
  /** Ready this thread to help while it waits for the names (the rules compiled and warmed); nothing once they came. */
  prepare(): void;
  /** The classes; this thread classifies the spellings the worker has not claimed yet. */
  take(): Promise<SpellingClasses>;
}

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
  /**
   * Each alias normalised as a name is (its core and suffix class), for the alias stage's look-ups (SPEC §7.2): made
   * here, where the normaliser is built and its code warm, not again on the look-ups' thread (issue 14).
   */
  aliasCore: string[];
  aliasSuffix: string[];
  /**
   * The names a spelling lists (`(1) Acme Corp; (2) Beta Logistics LLC`: `name_parts`), each normalised: spelling s's are
   * entries `partStart[s] .. partStart[s + 1]`. A record of a multi-name spelling looks each up as a mention.
   */
  partStart: Int32Array<ArrayBuffer>;
  partText: string[];
  partCore: string[];
  partSuffix: string[];
}

/** Normalises names batch by batch, each distinct spelling once; {@link result} gives every name added so far. */
export class NameNormaliser {
  private readonly normalise: (name: string) => NormalisedName;
  private readonly spellingOfText = new TextIndex();
  private spellingOf = new Int32Array(1024);
  private count = 0;
  private readonly columns: Omit<NormalisedNames, 'spellingOf' | 'flags' | 'aliasStart' | 'partStart'> = {
    nameRaw: [],
    nameBase: [],
    nameCore: [],
    suffixClass: [],
    nameUnit: [],
    nameLocation: [],
    aliasText: [],
    aliasSource: [],
    aliasCore: [],
    aliasSuffix: [],
    partText: [],
    partCore: [],
    partSuffix: [],
  };
  private readonly flags: number[] = [];
  private readonly aliasStart: number[] = [];
  private readonly partStart: number[] = [];

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
    // The batch's names hashed first, in one pass: the look-ups then run as one tight loop (TextIndex).
    const hashes = new Int32Array(to - from);
    for (let i = from; i < to; i++) hashes[i - from] = textHash(names[i] as string);
    for (let i = from; i < to; i++) {
      const text = names[i] as string;
      const spelling = this.spellingOfText.numberOf(text, hashes[i - from] as number);
      // A new spelling's number is the next one: its columns are pushed at that index.
      if (spelling === c.nameRaw.length) {
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
          const normalised = this.normalise(alias.text);
          c.aliasText.push(alias.text);
          c.aliasSource.push(alias.source);
          c.aliasCore.push(normalised.name_core);
          c.aliasSuffix.push(normalised.suffix_class);
        }
        this.partStart.push(c.partText.length);
        for (const part of name.name_parts ?? []) {
          const normalised = this.normalise(part);
          c.partText.push(part);
          c.partCore.push(normalised.name_core);
          c.partSuffix.push(normalised.suffix_class);
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
      partStart: Int32Array.from([...this.partStart, this.columns.partText.length]),
    };
  }
}

/** What a stream classifies its spellings with, once they are normalised: the classify stage's config and terms. */
interface ClassifyWith {
  config: ClassifyConfig;
  manualTerms: readonly string[];
}

/**
 * Messages to the normalise worker: the place settings when it was started ahead, its config, then names in batches,
 * then the end.
 */
export type NormaliseWorkerMessage =
  | { kind: 'places'; settings: NormaliseConfig['places'] }
  | { kind: 'config'; config: NormaliseConfig; classify: ClassifyWith | null }
  | { kind: 'names'; names: string[] }
  | { kind: 'end' };

/**
 * What the worker posts back: first the place lists it built for its config (the main thread's and the other
 * workers' from then on), at the end the normalised names with, when asked for their classes, the memory where
 * it classifies their spellings with whichever thread helps (name-classes.ts `SharedClasses`), then the sparse classes
 * of the spellings it classified; or why it failed.
 */
export type NormaliseNamesDone =
  | { kind: 'places'; settings: NormaliseConfig['places']; lists: PlaceLists }
  | { kind: 'names'; names: NormalisedNames; shared: SharedClasses | null }
  | { kind: 'classes'; part: SparseClasses }
  | { kind: 'failed'; error: string };

/**
 * Have the normalise worker started ahead build the place lists of `settings` now, while the run hashes its input
 * and opens its workspace; nothing when none was started.
 */
export function placesAhead(settings: NormaliseConfig['places']): void {
  prestartedWorker(NORMALISE_WORKER)?.postMessage({
    kind: 'places',
    settings: JSON.parse(JSON.stringify(settings)),
  } satisfies NormaliseWorkerMessage);
}

/**
 * A list of names normalised on a worker thread as it grows (issue 14: the ingest stage passes each chunk of names
 * its scan of the file reads, so they are normalised on the core the scan leaves idle, and the normalise stage
 * finds them done).
 */
export class NormaliseStream {
  private readonly worker = takeWorker(NORMALISE_WORKER);
  private readonly named: Promise<{ names: NormalisedNames; shared: SharedClasses | null }>;
  private readonly normalised: Promise<NormalisedNames>;
  private readonly classified: Promise<SparseClasses> | null;
  private readonly classify: ClassifyWith | null;
  /** Set when the names came back. */
  private namesCame = false;
  /** This thread's classifier, once compiled to help. */
  private helper: SpellingClassifier | null = null;
  /** The list whose first `sent` names were posted. */
  private list: readonly string[] | null = null;
  private sent = 0;
  private ended = false;

  /** With `classify`, the spellings are classified too, once normalised. */
  constructor(config: NormaliseConfig, classify: ClassifyWith | null = null) {
    // Not unref'd: a stage awaiting the names may be all that keeps the process alive. The worker ends itself after
    // its last reply, and `stop` ends one that is never finished.
    const replies = new Map<NormaliseNamesDone['kind'], (reply: NormaliseNamesDone) => void>();
    const failures: ((e: Error) => void)[] = [];
    const fail = (e: Error): void => {
      void this.worker.terminate();
      for (const reject of failures) reject(e);
    };
    const reply = <T>(kind: 'names' | 'classes', take: (reply: NormaliseNamesDone) => T): Promise<T> => {
      const promise = new Promise<T>((resolve, reject) => {
        replies.set(kind, (done) => resolve(take(done)));
        failures.push(reject);
      });
      // Settled even when no stage takes it.
      promise.catch(() => undefined);
      return promise;
    };
    this.classify = classify;
    this.named = reply('names', (done) => {
      this.namesCame = true;
      return done as Extract<NormaliseNamesDone, { kind: 'names' }>;
    });
    this.normalised = this.named.then((done) => done.names);
    this.normalised.catch(() => undefined);
    this.classified =
      classify === null
        ? null
        : reply('classes', (done) => (done as Extract<NormaliseNamesDone, { kind: 'classes' }>).part);
    const last: NormaliseNamesDone['kind'] = classify === null ? 'names' : 'classes';
    this.worker.on('message', (done: NormaliseNamesDone) => {
      if (done.kind === 'failed') fail(new Error(`normalising names failed in a worker thread: ${done.error}`));
      else if (done.kind === 'places') adoptPlaceLists(done.settings, done.lists);
      else {
        replies.get(done.kind)?.(done);
        if (done.kind === last) void this.worker.terminate();
      }
    });
    this.worker.once('error', fail);
    this.worker.once('exit', (code) => fail(new Error(`normalise worker exited with code ${code}`)));
    // The worker builds the place lists (issue 14: ~0.15 s the ingest stage's scan then starts sooner).
    this.post({ kind: 'config', config, classify });
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

  /**
   * All of `list` normalised and, when asked, a call for its spellings' classes (in which this thread classifies the
   * spellings the worker has not claimed yet); or null when the names posted were another list's (then the stream
   * is stopped).
   */
  finish(list: readonly string[]): { normalised: Promise<NormalisedNames>; classes: StreamClasses | null } | null {
    if (!this.add(list)) {
      this.stop();
      return null;
    }
    this.ended = true;
    this.post({ kind: 'end' });
    const classes: StreamClasses = {
      prepare: () => {
        if (!this.namesCame) this.helperClassifier();
      },
      take: () => this.classesHelped(),
    };
    return { normalised: this.normalised, classes: this.classified === null ? null : classes };
  }

  /** The spellings' classes, this thread classifying the blocks it claims before the worker does. */
  private async classesHelped(): Promise<SpellingClasses> {
    const { names, shared } = await this.named;
    const classify = this.classify;
    if (shared === null || classify === null || this.classified === null)
      throw new Error('the normalise worker was not asked for classes');
    const parts: SparseClasses[] = [];
    // The rules compile only when blocks are left: at 1M records the worker is done long before they are asked for.
    if (!allClaimed(shared, names)) parts.push(classifyClaimed(names, this.helperClassifier(), shared));
    parts.push(await this.classified);
    return joinClasses(shared, parts);
  }

  private helperClassifier(): SpellingClassifier {
    if (this.helper === null) {
      const classify = this.classify as ClassifyWith;
      this.helper = createSpellingClassifier(classify.config, classify.manualTerms);
      warmUpClassifier(this.helper);
    }
    return this.helper;
  }

  stop(): void {
    this.ended = true;
    void this.worker.terminate();
  }

  private post(message: NormaliseWorkerMessage): void {
    this.worker.postMessage(message);
  }
}
