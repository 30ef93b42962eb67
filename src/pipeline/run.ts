import { writeFileSync } from 'node:fs';
import { copyFile, link, mkdir, readFile, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { configHash } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../core/errors.js';
import { Engine } from '../engine/database.js';
import { checkInputFile, formatOf, hashAndCheckUtf8 } from '../input/read-source.js';
import { type DecisionsSection, emptySection, loadAppliedDecisions, mergeSections } from '../journal/applied.js';
import type { RunInput } from './ingest.js';
import type { InputFacts, Manifest } from './manifest.js';
import { runStages, type StageEvent, type StageName, type StageOutcome } from './runner.js';
import { PIPELINE_STAGES, RUN_ARTIFACTS } from './stages.js';
import { TOOL_VERSION } from './version.js';
import { type Workspace, writeFileAtomic } from './workspace.js';

export interface RunRequest extends RunInput {
  workspace: Workspace;
  config: Config;
  runId?: string;
  from?: StageName;
  noCache: boolean;
  workers: number;
  onEvent?: (event: StageEvent) => void;
}

export interface RunResult {
  runId: string;
  dir: string;
  manifest: Manifest;
}

/** Raised when a run fails after it started (exit code 2); the manifest already says `failed`. */
export class RunFailedError extends Error {
  override readonly name = 'RunFailedError';
}

/** The interrupt flag a SIGINT handler sets; the runner marks the manifest `interrupted` (SPEC §12). */
export class RunInterruptedError extends Error {
  override readonly name = 'RunInterruptedError';
}

/**
 * `junction run`: create the run folder, keep the manifest's heartbeat alive, run every stage (reusing the
 * cache), copy the artifacts in and only then mark the run complete — a run never looks complete early.
 */
export async function executeRun(req: RunRequest): Promise<RunResult> {
  const info = await checkInputFile(req.inputPath);
  formatOf(req.inputPath);
  await req.workspace.ensure();
  const { sha256 } = await hashAndCheckUtf8(req.inputPath);
  const runId = req.runId ?? (await freshRunId(req.workspace, sha256));
  if (req.runId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(req.runId)) {
    throw new UsageError(`--run-id "${req.runId}": use letters, digits, '.', '_' and '-' only.`);
  }
  const dir = req.workspace.runDir(runId);
  try {
    await readFile(join(dir, 'manifest.json'));
    throw new UsageError(
      `run "${runId}" already exists in ${req.workspace.root}. Choose another --run-id or delete it.`,
    );
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  await mkdir(dir, { recursive: true });

  const dataset = req.config.input.dataset_name ?? basename(req.inputPath);
  // The journal is read without the lock: its single writer only appends whole fsynced lines (SPEC §10).
  const journal =
    req.decisions === null
      ? await loadAppliedDecisions(req.workspace.root, dataset)
      : { decisions: req.decisions, warning: null };
  const options: RunRequest = { ...req, decisions: journal.decisions };

  const started = new Date();
  const manifest: Manifest = {
    run_id: runId,
    status: 'running',
    version: TOOL_VERSION,
    pid: process.pid,
    heartbeat: started.toISOString(),
    started_at: started.toISOString(),
    finished_at: null,
    dataset,
    input: {
      path: resolve(req.inputPath),
      name: basename(req.inputPath),
      size: info.size,
      sha256,
      format: formatOf(req.inputPath),
      encoding: '',
      delimiter: null,
      sheet: req.sheet,
    },
    mapping: {},
    mapping_sources: {},
    synthetic_ids: false,
    config: req.config,
    config_hash: configHash(req.config),
    counts: {},
    warnings: journal.warning === null ? [] : [journal.warning],
    blocking: null,
    grouping: null,
    decisions: { ...emptySection(), journal_seq: journal.decisions.journalSeq },
    stages: [],
    peak_rss_mb: 0,
    pinned: false,
  };
  const save = async (): Promise<void> => {
    manifest.heartbeat = new Date().toISOString();
    manifest.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
    await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  };
  // Ctrl-C: the manifest must say `interrupted` before the process goes (SPEC §12), so write it synchronously.
  // Installed before the first manifest is written: once a manifest exists, an interrupt is always recorded.
  let heartbeat: NodeJS.Timeout | undefined;
  const onInterrupt = (): void => {
    clearInterval(heartbeat);
    manifest.status = 'interrupted';
    manifest.finished_at = new Date().toISOString();
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    process.stderr.write(`junction: interrupted; run ${runId} is marked interrupted\n`);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  await save();
  heartbeat = setInterval(() => {
    save().catch(() => undefined);
  }, 2000);
  heartbeat.unref();

  const openEngine = (): Promise<Engine> =>
    Engine.open({
      memoryLimit: req.config.engine.memory_limit,
      threads: req.config.engine.threads,
      tempDirectory: join(req.workspace.cacheDir, 'duckdb-tmp'),
    });
  try {
    const outcomes = await runStages(PIPELINE_STAGES, {
      cacheDir: req.workspace.cacheDir,
      openEngine,
      config: req.config,
      options,
      workers: req.workers,
      toolVersion: TOOL_VERSION,
      from: req.from,
      noCache: req.noCache,
      onEvent: (event) => {
        if (event.kind === 'done') {
          manifest.stages.push({
            name: event.stage,
            seconds: round3(event.seconds ?? 0),
            cache_hit: event.cacheHit === true,
            cache_key: '',
            rss_mb: event.rssMb ?? 0,
          });
        }
        req.onEvent?.(event);
      },
    });
    applyOutcomes(manifest, outcomes);
    await copyArtifacts(outcomes, dir);
    manifest.status = 'complete';
    manifest.finished_at = new Date().toISOString();
  } catch (error) {
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onInterrupt);
    manifest.status = error instanceof RunInterruptedError ? 'interrupted' : 'failed';
    manifest.error = (error as Error).message;
    manifest.finished_at = new Date().toISOString();
    clearInterval(heartbeat);
    await save();
    if (error instanceof UsageError || error instanceof RunInterruptedError) {
      if (error instanceof UsageError) await rm(dir, { recursive: true, force: true });
      throw error;
    }
    throw new RunFailedError(`run ${runId} failed: ${(error as Error).message}`, { cause: error });
  }
  clearInterval(heartbeat);
  process.removeListener('SIGINT', onInterrupt);
  process.removeListener('SIGTERM', onInterrupt);
  await save();
  return { runId, dir, manifest };
}

function applyOutcomes(manifest: Manifest, outcomes: StageOutcome[]): void {
  for (const outcome of outcomes) {
    const stage = manifest.stages.find((s) => s.name === outcome.name);
    if (stage !== undefined) stage.cache_key = outcome.key;
    const report = outcome.report;
    Object.assign(manifest.counts, report.counts ?? {});
    manifest.warnings.push(...(report.warnings ?? []));
    const sections = report.sections ?? {};
    if (sections.input !== undefined) Object.assign(manifest.input as InputFacts, sections.input);
    if (sections.mapping !== undefined) manifest.mapping = sections.mapping as Record<string, string>;
    if (sections.mapping_sources !== undefined)
      manifest.mapping_sources = sections.mapping_sources as Record<string, string>;
    if (sections.synthetic_ids !== undefined) manifest.synthetic_ids = sections.synthetic_ids as boolean;
    if (sections.blocking !== undefined) manifest.blocking = sections.blocking;
    if (sections.grouping !== undefined) manifest.grouping = sections.grouping;
    // Each stage that applies decisions reports its part (SPEC §10: applied counts, stale decisions).
    if (sections.decisions !== undefined) {
      manifest.decisions = mergeSections(
        (manifest.decisions as DecisionsSection | null) ?? emptySection(),
        sections.decisions as DecisionsSection,
      );
    }
  }
}

/** Link (or copy) each run artifact from the stage cache into the run folder. */
async function copyArtifacts(outcomes: StageOutcome[], dir: string): Promise<void> {
  for (const [artifact, target] of RUN_ARTIFACTS) {
    const stage = PIPELINE_STAGES.find((s) => s.outputs.includes(artifact));
    const outcome = outcomes.find((o) => o.name === stage?.name);
    if (outcome === undefined) throw new Error(`no stage produced ${artifact}`);
    const from = join(outcome.dir, artifact);
    const to = join(dir, target);
    try {
      await link(from, to);
    } catch {
      await copyFile(from, to);
    }
  }
}

async function freshRunId(workspace: Workspace, sha256: string): Promise<string> {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const base = `${stamp}-${sha256.slice(0, 6)}`;
  let id = base;
  for (let k = 2; ; k++) {
    try {
      await readFile(workspace.manifestPath(id));
      id = `${base}-${k}`;
    } catch {
      return id;
    }
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
