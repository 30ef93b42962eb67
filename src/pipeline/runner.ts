import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../config/schema.js';
import { configSlice } from '../config/schema.js';
import type { Engine } from '../engine/database.js';
import { cacheWorkPath, removeScratch, trackTempPath, untrackTempPath } from '../engine/scratch-files.js';
import { stageCodeHash } from './stage-code.js';
import { stageConfigView } from './stage-config.js';

/** Stage names of SPEC §1, in pipeline order (used by --from, the manifest and progress). */
export const STAGE_NAMES = [
  'ingest',
  'normalise',
  'classify',
  'block',
  'score',
  'group',
  'survive',
  'alias',
  'dispose',
  'stats',
  'write',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** What a stage adds to the manifest; stored beside its outputs so a cache hit restores it too. */
export interface StageReport {
  counts?: Record<string, number>;
  warnings?: string[];
  sections?: Record<string, unknown>;
}

export interface StageContext<Options = unknown> {
  /**
   * A DuckDB instance of this stage's own (declare `usesEngine`); closed when the stage and the work it deferred end,
   * so its memory goes back.
   */
  readonly engine: Engine;
  /** Only the keys the stage declared in `configKeys`, read-only; reading another key throws (issue 12 item 8). */
  readonly config: Config;
  /**
   * A later stage's config, as that stage sees it: for work done ahead for it in this process and handed over in
   * memory, never written as this stage's output, so this stage's cache key need not cover those keys (issue 14:
   * the block stage builds the score stage's match table while it waits on a worker). Null when no such stage runs
   * after this one (a stage run alone, in tests); an earlier stage's config is refused.
   */
  configOf(stage: StageName): Config | null;
  readonly options: Options;
  readonly workers: number;
  /**
   * Path of an artifact produced by an earlier stage. An input held in `memo` when the stage starts is read from
   * there (`loadArtifact`): its file may still be being written.
   */
  input(artifact: string): string;
  /** Path where this stage writes one of its outputs. */
  output(artifact: string): string;
  /** In-process values keyed by artifact name; absent when the producing stage was a cache hit. */
  readonly memo: Map<string, unknown>;
  /** Reports progress; throws `RunInterruptedError` once the run was interrupted, so long loops stop there. */
  progress(done: number, total: number): void;
  /**
   * Work that must finish before the stage's cache folder is complete (the file write of an artifact already held
   * in `memo`, or of a file only later stages read, like ingest's source.parquet): the next stage starts meanwhile
   * unless it reads one of this stage's outputs from disk.
   */
  defer(work: Promise<unknown>): void;
  /**
   * Like `defer`, for work that need not start yet: it starts where a later stage's thread would wait on another one
   * ({@link startIdleWork}), or at the latest when the runner needs it (issue 14: at 1M records names.bin took
   * ~0.66 s to encode on the main thread while the other core was busy, and the block stage's main thread then
   * waited ~0.5 s for the bridge worker).
   */
  deferUntilIdle(start: () => Promise<unknown>): void;
  /** Starts the work earlier stages deferred until idle: call it where this stage's thread waits on another. */
  startIdleWork(): void;
}

/**
 * A stage states its contract as data (STYLE §2) so the runner can hash it: its module (whose code, with
 * everything it imports, is part of the cache key), the artifacts it reads and writes and the config keys it
 * depends on — the only keys it can read.
 */
export interface Stage<Options = unknown> {
  name: StageName;
  /** `import.meta.url` of the stage's module: the cache key hashes its code (issue 12 item 8). */
  module: string;
  inputs: readonly string[];
  outputs: readonly string[];
  configKeys: readonly string[];
  /** The stage runs SQL: the runner opens an engine for it and closes it afterwards. */
  usesEngine?: boolean;
  /** Extra key material beyond code, inputs and config (ingest: the input file hash and read options). */
  extraKey?: (options: Options) => Promise<unknown> | unknown;
  /**
   * Work started before the stage's cache key is computed (ingest's key reads the whole input file), for its `run` to
   * take over if the stage runs (issue 14: the ingest stage's name worker boots meanwhile). Returns what releases it
   * once the stage is done, ran or cached, or the run failed: whatever `run` did not take is stopped.
   */
  warmUp?: (ctx: Pick<StageContext<Options>, 'options' | 'configOf'>) => () => void;
  /**
   * The stage calls `ctx.startIdleWork()` where its thread waits on another: earlier stages' idle work
   * (`deferUntilIdle`) waits for it, and the runner starts what is left when the stage ends.
   */
  startsIdleWork?: boolean;
  run(ctx: StageContext<Options>): Promise<StageReport>;
}

export interface StageEvent {
  stage: StageName;
  kind: 'start' | 'progress' | 'done';
  done?: number;
  total?: number;
  seconds?: number;
  cacheHit?: boolean;
  /** Highest resident set size seen while the stage ran, MB. */
  rssMb?: number;
}

/** Raised when a run stops because it was interrupted (Ctrl-C, SIGTERM, a closing server); exit code 130. */
export class RunInterruptedError extends Error {
  override readonly name = 'RunInterruptedError';
}

export interface RunnerOptions<Options> {
  cacheDir: string;
  /** Opens a DuckDB instance for a stage that uses one. */
  openEngine: () => Promise<Engine>;
  config: Config;
  options: Options;
  workers: number;
  /** Re-run this stage and every later one even when cached (SPEC §13 --from). */
  from?: StageName;
  /** Ignore the cache entirely (still writes it). */
  noCache?: boolean;
  onEvent?: (event: StageEvent) => void;
  /** Stops the run at the next stage boundary or progress report. */
  signal?: AbortSignal;
  /** Sees every config leaf a stage reads (the dead-keys test). */
  onConfigRead?: (stage: StageName, key: string) => void;
}

export interface StageOutcome {
  name: StageName;
  key: string;
  dir: string;
  seconds: number;
  cacheHit: boolean;
  report: StageReport;
}

/** A stage that ran, and its cache folder's completion: resolved once `dir` holds every output. */
interface RunningOutcome {
  outcome: StageOutcome;
  complete: Promise<void>;
}

/** The cache key of a stage: its code, its config slice, the keys of its inputs and its extra material (SPEC §12). */
async function stageCacheKey<Options>(
  stage: Stage<Options>,
  config: Config,
  options: Options,
  upstream: readonly (readonly [string, string])[],
): Promise<string> {
  const keyMaterial = {
    stage: stage.name,
    code: await stageCodeHash(stage.module),
    config: configSlice(config, stage.configKeys),
    inputs: upstream,
    extra: stage.extraKey === undefined ? null : await stage.extraKey(options),
  };
  return createHash('sha256').update(stableJson(keyMaterial)).digest('hex').slice(0, 24);
}

/**
 * Runs stages in order. A stage's cache key hashes its code, config slice and the keys of the stages that
 * produced its inputs, so "input hash unchanged → reuse output" (SPEC §12).
 */
export async function runStages<Options>(
  stages: readonly Stage<Options>[],
  opts: RunnerOptions<Options>,
): Promise<StageOutcome[]> {
  const producedBy = new Map<string, RunningOutcome>();
  const memo = new Map<string, unknown>();
  const outcomes: StageOutcome[] = [];
  // Stages whose cache folders may still be completing (deferred writes); each completes after the one before.
  const completions: Promise<void>[] = [];
  const idle = new IdleWork();
  try {
    await runEachStage(stages, opts, producedBy, memo, outcomes, completions, idle);
  } finally {
    // Every cache folder complete (or removed) before the run goes on or reports its failure.
    idle.startAll();
    await Promise.allSettled(completions);
  }
  for (const completion of completions) await completion;
  return outcomes;
}

async function runEachStage<Options>(
  stages: readonly Stage<Options>[],
  opts: RunnerOptions<Options>,
  producedBy: Map<string, RunningOutcome>,
  memo: Map<string, unknown>,
  outcomes: StageOutcome[],
  completions: Promise<void>[],
  idle: IdleWork,
): Promise<void> {
  const fromIndex = opts.from === undefined ? Number.POSITIVE_INFINITY : STAGE_NAMES.indexOf(opts.from);
  const checkInterrupt = (stage: StageName): void => {
    if (opts.signal?.aborted === true) throw new RunInterruptedError(`interrupted during stage ${stage}`);
  };
  // A stage's deferred work that failed fails the run at the next stage boundary, not when a stage reads its files.
  const deferredFailures: unknown[] = [];
  // Every stage's code hash up front: the module reads then interleave with ingest's waits on DuckDB instead of
  // running between stages (~0.15 s at start-up of each stage otherwise). A failure surfaces at its own stage.
  for (const stage of stages) stageCodeHash(stage.module).catch(() => undefined);
  for (const stage of stages) {
    checkInterrupt(stage.name);
    const configOf = (name: StageName): Config | null => laterStageConfig(stages, stage, name, opts);
    // What the warm-up started and the run did not take is stopped once the stage is done, or failed.
    const release = stage.warmUp?.({ options: opts.options, configOf });
    try {
      await fromCacheOrRun(stage, configOf);
    } finally {
      release?.();
    }
  }

  async function fromCacheOrRun(stage: Stage<Options>, configOf: (name: StageName) => Config | null): Promise<void> {
    if (deferredFailures.length > 0) throw deferredFailures[0];
    const upstream = stage.inputs.map((artifact) => {
      const producer = producedBy.get(artifact);
      if (producer === undefined)
        throw new Error(`stage ${stage.name} reads ${artifact}, which no earlier stage writes`);
      return [artifact, producer.outcome.key] as const;
    });
    // An input not held in memory is read from its producer's folder, which must be complete first.
    for (const artifact of stage.inputs) {
      if (memo.has(artifact)) continue;
      idle.startAll();
      await (producedBy.get(artifact) as RunningOutcome).complete;
    }
    const key = await stageCacheKey(stage, opts.config, opts.options, upstream);
    const dir = join(opts.cacheDir, stage.name, key);
    const forced = opts.noCache === true || STAGE_NAMES.indexOf(stage.name) >= fromIndex;
    opts.onEvent?.({ stage: stage.name, kind: 'start' });
    const started = performance.now();
    // Sample RSS while the stage runs: the run's peak (SPEC §14 budget) is inside some stage, not at its end.
    let stagePeak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      stagePeak = Math.max(stagePeak, process.memoryUsage().rss);
    }, 250);
    sampler.unref();
    let report: StageReport;
    let cacheHit = false;
    let complete: Promise<void> = Promise.resolve();
    try {
      const cached = forced ? null : await readStageReport(dir);
      if (cached !== null) {
        report = cached;
        cacheHit = true;
      } else {
        const previous = completions[completions.length - 1] ?? Promise.resolve();
        const ran = await runOneStage(
          stage,
          dir,
          opts,
          memo,
          producedBy,
          previous,
          () => checkInterrupt(stage.name),
          configOf,
          idle,
        );
        report = ran.report;
        complete = ran.complete;
        completions.push(complete);
        // Awaited where needed; a failure meanwhile must not be an unhandled rejection.
        complete.catch((error: unknown) => deferredFailures.push(error));
      }
    } finally {
      clearInterval(sampler);
    }
    // Idle work waits only for a later stage that starts it where its thread waits.
    if (!stages.slice(stages.indexOf(stage) + 1).some((later) => later.startsIdleWork === true)) idle.startAll();
    stagePeak = Math.max(stagePeak, process.memoryUsage().rss);
    const seconds = (performance.now() - started) / 1000;
    if (cacheHit) for (const artifact of stage.outputs) memo.delete(artifact);
    const outcome: StageOutcome = { name: stage.name, key, dir, seconds, cacheHit, report };
    for (const artifact of stage.outputs) producedBy.set(artifact, { outcome, complete });
    outcomes.push(outcome);
    // Free in-memory artifacts no later stage reads: at 1M records they are most of the heap.
    const later = new Set(stages.slice(stages.indexOf(stage) + 1).flatMap((s) => s.inputs));
    for (const artifact of [...memo.keys()]) if (!later.has(artifact)) memo.delete(artifact);
    opts.onEvent?.({
      stage: stage.name,
      kind: 'done',
      seconds,
      cacheHit,
      rssMb: Math.round(stagePeak / 2 ** 20),
    });
  }
}

/** The config view of `name`, a stage after `stage` in `stages`, or null when none is (StageContext.configOf). */
function laterStageConfig<Options>(
  stages: readonly Stage<Options>[],
  stage: Stage<Options>,
  name: StageName,
  opts: RunnerOptions<Options>,
): Config | null {
  if (STAGE_NAMES.indexOf(name) <= STAGE_NAMES.indexOf(stage.name))
    throw new Error(`stage ${stage.name} asked for the config of ${name}, no later stage`);
  const later = stages.slice(stages.indexOf(stage) + 1).find((s) => s.name === name);
  if (later === undefined) return null;
  return stageConfigView(opts.config, later.configKeys, later.name, (key) => opts.onConfigRead?.(later.name, key));
}

/** A cached stage's report, or null when the stage has no complete cache folder. */
async function readStageReport(dir: string): Promise<StageReport | null> {
  let text: string;
  try {
    text = await readFile(join(dir, 'stage.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as StageReport;
}

/**
 * Run one stage into `<dir>.tmp-<owner>` and rename it into place when complete, so a cache folder is never
 * half-written. The work folder is removed when the stage fails (issue 12 item 7). The report comes back when the
 * stage's work is done; `complete` settles once its deferred writes are too and the folder is in place — after the
 * previous stage's (`previous`), so folders complete in pipeline order.
 */
async function runOneStage<Options>(
  stage: Stage<Options>,
  dir: string,
  opts: RunnerOptions<Options>,
  memo: Map<string, unknown>,
  producedBy: ReadonlyMap<string, RunningOutcome>,
  previous: Promise<void>,
  checkInterrupt: () => void,
  configOf: (stage: StageName) => Config | null,
  idle: IdleWork,
): Promise<{ report: StageReport; complete: Promise<void> }> {
  const work = cacheWorkPath(dir);
  trackTempPath(work);
  const deferred: Promise<unknown>[] = [];
  const defer = (promise: Promise<unknown>): void => {
    deferred.push(promise);
    promise.catch(() => undefined);
  };
  try {
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    const engine = stage.usesEngine === true ? await opts.openEngine() : null;
    const config = stageConfigView(opts.config, stage.configKeys, stage.name, (key) =>
      opts.onConfigRead?.(stage.name, key),
    );
    const ctx: StageContext<Options> = {
      get engine(): Engine {
        if (engine === null) throw new Error(`stage ${stage.name} uses the engine but does not declare usesEngine`);
        return engine;
      },
      config,
      configOf,
      options: opts.options,
      workers: opts.workers,
      memo,
      input: (artifact) => {
        const producer = producedBy.get(artifact);
        if (producer === undefined || !stage.inputs.includes(artifact)) {
          throw new Error(`stage ${stage.name} did not declare input ${artifact}`);
        }
        return join(producer.outcome.dir, artifact);
      },
      output: (artifact) => {
        if (!stage.outputs.includes(artifact))
          throw new Error(`stage ${stage.name} did not declare output ${artifact}`);
        return join(work, artifact);
      },
      progress: (done, total) => {
        checkInterrupt();
        opts.onEvent?.({ stage: stage.name, kind: 'progress', done, total });
      },
      defer,
      deferUntilIdle: (start) => defer(idle.add(start)),
      startIdleWork: () => idle.startAll(),
    };
    // Deferred work may still use the stage's engine (ingest's Parquet writes): it closes once that work settles.
    const closeEngine = (): Promise<void> => Promise.allSettled(deferred).then(() => engine?.close());
    let report: StageReport;
    try {
      report = await stage.run(ctx);
    } catch (error) {
      idle.startAll();
      await closeEngine();
      throw error;
    }
    const closed = closeEngine();
    checkInterrupt();
    const complete = (async () => {
      try {
        for (const write of deferred) await write;
        await closed;
        await previous;
        await writeFile(join(work, 'stage.json'), JSON.stringify(report));
        await rm(dir, { recursive: true, force: true });
        await mkdir(dirname(dir), { recursive: true });
        await rename(work, dir);
        untrackTempPath(work);
      } catch (error) {
        await removeScratch(work);
        throw error;
      }
    })();
    return { report, complete };
  } catch (error) {
    idle.startAll();
    await Promise.allSettled(deferred);
    await removeScratch(work);
    throw error;
  }
}

/** Work stages deferred until idle (`StageContext.deferUntilIdle`), held until something starts it. */
class IdleWork {
  private readonly waiting: (() => void)[] = [];

  /** Holds `start` until {@link startAll}; the promise settles as the work it starts does. */
  add(start: () => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push(() => {
        try {
          start().then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  startAll(): void {
    for (const begin of this.waiting.splice(0)) begin();
  }
}

/** JSON with sorted object keys, so equal values hash equally. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
