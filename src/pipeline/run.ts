import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { configHash } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../core/errors.js';
import { Engine } from '../engine/database.js';
import { ownerTag, removeScratch, sweepStaleTemp, trackTempPath } from '../engine/scratch-files.js';
import { checkInputFile, formatOf, hashAndCheckUtf8 } from '../input/read-source.js';
import {
  type DecisionsSection,
  emptySection,
  journalEventsOrNone,
  loadAppliedDecisions,
  mergeSections,
} from '../journal/applied.js';
import { placesAhead } from '../workers/normalise-names.js';
import { CleanCsvRefusedError, type RunInput } from './ingest.js';
import type { InputFacts, Manifest } from './manifest.js';
import { RunInterruptedError, runStages, type StageEvent, type StageName, type StageOutcome } from './runner.js';
import { PIPELINE_STAGES, RUN_ARTIFACTS } from './stages.js';
import { stewardAliases, withStewardAliases } from './steward-aliases.js';
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
  /**
   * Interrupts the run (Ctrl-C in the CLI, a closing server): the manifest says `interrupted` as soon as the
   * signal fires — written synchronously, so the caller may exit right after — and the run stops at the next
   * stage boundary or progress report with `RunInterruptedError`.
   */
  signal?: AbortSignal;
  /** Sees every config leaf a stage reads (the dead-keys test). */
  onConfigRead?: (stage: StageName, key: string) => void;
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

/** The run id a new run of `inputPath` gets now (SPEC §12): `YYYYMMDD-HHMMSS-<input hash 6>`. */
export async function newRunIdFor(workspace: Workspace, inputPath: string): Promise<string> {
  return workspace.newRunId((await hashAndCheckUtf8(inputPath)).sha256);
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * `junction run`: create the run folder, keep the manifest's heartbeat alive, run every stage (reusing the
 * cache), copy the artifacts in and only then mark the run complete — a run never looks complete early, and
 * once its manifest exists it never stays `running` after the run ends (issue 12 item 5: not even on ENOSPC).
 */
export async function executeRun(req: RunRequest): Promise<RunResult> {
  if (req.runId !== undefined && !RUN_ID.test(req.runId)) {
    throw new UsageError(`--run-id "${req.runId}": use letters, digits, '.', '_' and '-' only.`);
  }
  // The normalise worker started ahead (if any) builds the place lists while this thread hashes the input.
  placesAhead(req.config.normalise.places);
  const info = await checkInputFile(req.inputPath);
  const format = formatOf(req.inputPath);
  await req.workspace.ensure();
  // Temp files whose process died on this host (SIGKILL, power loss) go before this run adds its own.
  await sweepStaleTemp(req.workspace.cacheDir);
  const { sha256 } = await hashAndCheckUtf8(req.inputPath);
  const runId = req.runId ?? (await req.workspace.newRunId(sha256));
  const dir = req.workspace.runDir(runId);
  if (await req.workspace.holds(join(dir, 'manifest.json'))) {
    throw new UsageError(
      `run "${runId}" already exists in ${req.workspace.root}. Choose another --run-id or delete it.`,
    );
  }
  await mkdir(dir, { recursive: true });

  const dataset = req.config.input.dataset_name ?? basename(req.inputPath);
  // The journal is read without the lock: its single writer only appends whole fsynced lines (SPEC §10).
  const journal =
    req.decisions === null
      ? await loadAppliedDecisions(req.workspace.root, dataset)
      : { decisions: req.decisions, warning: null, events: null };
  // Issue 10: the stewards' merges in any dataset of the workspace are aliases of the dictionary from now on.
  const learned = req.config.matching.steward_aliases
    ? await stewardAliases(req.workspace, journal.events ?? (await journalEventsOrNone(req.workspace.root)))
    : { links: [], unresolved: 0 };
  const config = withStewardAliases(req.config, learned);
  const options: RunRequest = { ...req, config, decisions: journal.decisions };

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
      format,
      encoding: '',
      delimiter: null,
      sheet: req.sheet,
    },
    mapping: {},
    mapping_sources: {},
    synthetic_ids: false,
    config,
    config_hash: configHash(config),
    counts: {},
    warnings: journal.warning === null ? [] : [journal.warning],
    blocking: null,
    grouping: null,
    decisions: {
      ...emptySection(),
      ...(learned.links.length + learned.unresolved > 0
        ? { steward_aliases: { links: learned.links.length, unresolved: learned.unresolved } }
        : {}),
      journal_seq: journal.decisions.journalSeq,
    },
    stages: [],
    peak_rss_mb: 0,
    pinned: false,
  };
  const manifestPath = join(dir, 'manifest.json');
  const stamp = (): void => {
    manifest.heartbeat = new Date().toISOString();
    manifest.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  };
  const save = async (): Promise<void> => {
    stamp();
    await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  };
  // An interrupt is recorded at once and synchronously: the CLI exits right after the signal (SPEC §12).
  let heartbeat: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    clearInterval(heartbeat);
    if (manifest.status !== 'running') return;
    manifest.status = 'interrupted';
    manifest.finished_at = new Date().toISOString();
    stamp();
    writeManifestNowSync(manifestPath, manifest);
  };
  await save();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  let heartbeatError: Error | null = null;
  // One write at a time: after a long synchronous stretch the timer fires late, and two writes of one temp file
  // would race (the second rename finds the file gone).
  let beating: Promise<void> | null = null;
  heartbeat = setInterval(() => {
    if (beating !== null) return;
    beating = save()
      .catch((error: Error) => {
        heartbeatError ??= error;
      })
      .finally(() => {
        beating = null;
      });
  }, 2000);
  heartbeat.unref();

  // DuckDB spills into a folder of this process, so a killed run's spill is swept like its other temp files.
  const spill = join(req.workspace.cacheDir, 'duckdb', `spill.tmp-${ownerTag()}`);
  trackTempPath(spill);
  await mkdir(dirname(spill), { recursive: true });
  const openEngine = (): Promise<Engine> =>
    Engine.open({
      memoryLimit: req.config.engine.memory_limit,
      threads: req.config.engine.threads,
      tempDirectory: spill,
    });
  const runPipeline = (input: RunRequest): Promise<StageOutcome[]> =>
    runStages(PIPELINE_STAGES, {
      cacheDir: req.workspace.cacheDir,
      openEngine,
      config,
      options: input,
      workers: req.workers,
      from: req.from,
      noCache: req.noCache,
      signal: req.signal,
      onConfigRead: req.onConfigRead,
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
  try {
    let outcomes: StageOutcome[];
    try {
      outcomes = await runPipeline(options);
    } catch (error) {
      // Rare: DuckDB read a clean-looking CSV differently from the byte scan the later stages started on.
      if (!(error instanceof CleanCsvRefusedError)) throw error;
      manifest.stages = [];
      outcomes = await runPipeline({ ...options, generalReader: true });
    }
    applyOutcomes(manifest, outcomes);
    await copyArtifacts(outcomes, dir);
    if (req.signal?.aborted === true) throw new RunInterruptedError('interrupted while copying the artifacts');
    if (heartbeatError !== null) {
      manifest.warnings.push(`the manifest heartbeat could not be written (${oneLine(heartbeatError)})`);
    }
    manifest.status = 'complete';
    manifest.finished_at = new Date().toISOString();
    clearInterval(heartbeat);
    await beating;
    await save();
  } catch (error) {
    clearInterval(heartbeat);
    req.signal?.removeEventListener('abort', onAbort);
    if (req.signal?.aborted === true || error instanceof RunInterruptedError) {
      onAbort();
      throw error instanceof RunInterruptedError ? error : new RunInterruptedError(`run ${runId} interrupted`);
    }
    const reason = oneLine(error);
    manifest.status = 'failed';
    manifest.error = reason;
    manifest.finished_at = new Date().toISOString();
    await beating;
    const unsaved = await saveFailedManifest(manifestPath, manifest);
    if (error instanceof UsageError) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    throw new RunFailedError(
      `run ${runId} failed: ${reason}${unsaved === null ? '' : `; its manifest could not be updated either (${unsaved})`}`,
      { cause: error },
    );
  } finally {
    req.signal?.removeEventListener('abort', onAbort);
    await removeScratch(spill);
  }
  return { runId, dir, manifest };
}

/** The first line of an error's message: DuckDB and Node errors can run to many lines. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim().slice(0, 500);
}

/**
 * Record a failed run even on a full disk (issue 12 item 5): the atomic write needs room for a second copy, so
 * when it fails the manifest is rewritten in place, compact (no indentation), within the blocks the running
 * manifest already holds. Returns null when written, else why it could not be.
 */
async function saveFailedManifest(path: string, manifest: Manifest): Promise<string | null> {
  try {
    await writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
    return null;
  } catch {
    // Fall through to the in-place rewrite; its own failure is what the caller reports.
  }
  try {
    writeManifestNowSync(path, manifest);
    return null;
  } catch (error) {
    return oneLine(error);
  }
}

/** Overwrite the manifest in place, compact, synchronously: for a full disk and for Ctrl-C. */
function writeManifestNowSync(path: string, manifest: Manifest): void {
  const bytes = Buffer.from(`${JSON.stringify(manifest)}\n`);
  const fd = openSync(path, 'r+');
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, written);
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
    } catch (error) {
      // Another file system (a cache on another disk) or one without hard links: copy instead.
      if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await copyFile(from, to);
    }
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
