import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { configSlice } from '../config/schema.js';
import type { Engine } from '../engine/database.js';

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
  /** A DuckDB instance of this stage's own (declare `usesEngine`); closed when the stage ends, so its memory goes back. */
  readonly engine: Engine;
  readonly config: Config;
  readonly options: Options;
  readonly workers: number;
  /** Path of an artifact produced by an earlier stage. */
  input(artifact: string): string;
  /** Path where this stage writes one of its outputs. */
  output(artifact: string): string;
  /** In-process values keyed by artifact name; absent when the producing stage was a cache hit. */
  readonly memo: Map<string, unknown>;
  progress(done: number, total: number): void;
}

/**
 * A stage states its contract as data (STYLE §2) so the runner can hash it: the artifacts it reads and
 * writes and the config keys it depends on. `version` changes when the code changes what it produces.
 */
export interface Stage<Options = unknown> {
  name: StageName;
  version: number;
  inputs: readonly string[];
  outputs: readonly string[];
  configKeys: readonly string[];
  /** The stage runs SQL: the runner opens an engine for it and closes it afterwards. */
  usesEngine?: boolean;
  /** Extra key material beyond inputs and config (ingest: the input file hash and read options). */
  extraKey?: (options: Options) => Promise<unknown> | unknown;
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

export interface RunnerOptions<Options> {
  cacheDir: string;
  /** Opens a DuckDB instance for a stage that uses one. */
  openEngine: () => Promise<Engine>;
  config: Config;
  options: Options;
  workers: number;
  toolVersion: string;
  /** Re-run this stage and every later one even when cached (SPEC §13 --from). */
  from?: StageName;
  /** Ignore the cache entirely (still writes it). */
  noCache?: boolean;
  onEvent?: (event: StageEvent) => void;
}

export interface StageOutcome {
  name: StageName;
  key: string;
  dir: string;
  seconds: number;
  cacheHit: boolean;
  report: StageReport;
}

/**
 * Runs stages in order. A stage's cache key hashes its name, version, tool version, config slice and the
 * keys of the stages that produced its inputs, so "input hash unchanged → reuse output" (SPEC §12).
 */
export async function runStages<Options>(
  stages: readonly Stage<Options>[],
  opts: RunnerOptions<Options>,
): Promise<StageOutcome[]> {
  const producedBy = new Map<string, StageOutcome>();
  const memo = new Map<string, unknown>();
  const outcomes: StageOutcome[] = [];
  const fromIndex = opts.from === undefined ? Number.POSITIVE_INFINITY : STAGE_NAMES.indexOf(opts.from);
  for (const stage of stages) {
    const upstream = stage.inputs.map((artifact) => {
      const producer = producedBy.get(artifact);
      if (producer === undefined)
        throw new Error(`stage ${stage.name} reads ${artifact}, which no earlier stage writes`);
      return [artifact, producer.key] as const;
    });
    const keyMaterial = {
      stage: stage.name,
      version: stage.version,
      tool: opts.toolVersion,
      config: configSlice(opts.config, stage.configKeys),
      inputs: upstream,
      extra: stage.extraKey === undefined ? null : await stage.extraKey(opts.options),
    };
    const key = createHash('sha256').update(stableJson(keyMaterial)).digest('hex').slice(0, 24);
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
    if (!forced && (await exists(join(dir, 'stage.json')))) {
      report = JSON.parse(await readFile(join(dir, 'stage.json'), 'utf8')) as StageReport;
      cacheHit = true;
    } else {
      const work = `${dir}.tmp-${process.pid}`;
      await rm(work, { recursive: true, force: true });
      await mkdir(work, { recursive: true });
      const engine = stage.usesEngine === true ? await opts.openEngine() : null;
      const ctx: StageContext<Options> = {
        get engine(): Engine {
          if (engine === null) throw new Error(`stage ${stage.name} uses the engine but does not declare usesEngine`);
          return engine;
        },
        config: opts.config,
        options: opts.options,
        workers: opts.workers,
        memo,
        input: (artifact) => {
          const producer = producedBy.get(artifact);
          if (producer === undefined || !stage.inputs.includes(artifact)) {
            throw new Error(`stage ${stage.name} did not declare input ${artifact}`);
          }
          return join(producer.dir, artifact);
        },
        output: (artifact) => {
          if (!stage.outputs.includes(artifact))
            throw new Error(`stage ${stage.name} did not declare output ${artifact}`);
          return join(work, artifact);
        },
        progress: (done, total) => opts.onEvent?.({ stage: stage.name, kind: 'progress', done, total }),
      };
      try {
        report = await stage.run(ctx);
      } finally {
        engine?.close();
      }
      await writeFile(join(work, 'stage.json'), JSON.stringify(report));
      await rm(dir, { recursive: true, force: true });
      await mkdir(join(opts.cacheDir, stage.name), { recursive: true });
      await rename(work, dir);
    }
    clearInterval(sampler);
    stagePeak = Math.max(stagePeak, process.memoryUsage().rss);
    const seconds = (performance.now() - started) / 1000;
    if (cacheHit) for (const artifact of stage.outputs) memo.delete(artifact);
    const outcome: StageOutcome = { name: stage.name, key, dir, seconds, cacheHit, report };
    for (const artifact of stage.outputs) producedBy.set(artifact, outcome);
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
  return outcomes;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** JSON with sorted object keys, so equal values hash equally. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
